/**
 * Stable diagnostic codes of rule loading (`SH1xx`) and schema validation
 * (`SH2xx`), each with its fixed severity. `docs/diagnostics.md` explains
 * every code and how to fix it; a code never changes meaning.
 */

import type { Diagnostic, Severity, SourceLocation } from '../diagnostics.js';
import type { SourceText } from './source-text.js';

/** Every code of this stage with its severity and a short title. */
export const RULE_CODES = {
  SH100: { severity: 'error', title: 'file cannot be read' },
  SH101: { severity: 'error', title: 'YAML syntax error' },
  SH102: { severity: 'warning', title: 'YAML parser warning' },
  SH103: { severity: 'error', title: 'duplicate key' },
  SH104: { severity: 'error', title: 'too many alias expansions' },
  SH105: { severity: 'error', title: 'key is not a scalar' },
  SH106: { severity: 'error', title: 'unsupported or invalid tag' },
  SH107: { severity: 'warning', title: 'integer too large for exact arithmetic' },
  SH108: { severity: 'error', title: 'document is not a map' },
  SH109: { severity: 'warning', title: 'empty document' },
  SH110: { severity: 'error', title: 'unknown collection action' },
  SH111: { severity: 'error', title: 'repeat without a previous rule' },
  SH112: { severity: 'error', title: 'path not found' },
  SH113: { severity: 'error', title: 'invalid merge key' },
  SH114: { severity: 'error', title: 'document nested too deeply' },
  SH201: { severity: 'error', title: 'missing title' },
  SH202: { severity: 'error', title: 'invalid title' },
  SH203: { severity: 'error', title: 'missing or invalid logsource' },
  SH204: { severity: 'error', title: 'missing or invalid detection' },
  SH205: { severity: 'error', title: 'missing condition' },
  SH206: { severity: 'error', title: 'invalid condition' },
  SH207: { severity: 'warning', title: 'search identifier name unusable in a condition' },
  SH208: { severity: 'error', title: 'invalid detection value' },
  SH209: { severity: 'error', title: 'empty search identifier' },
  SH210: { severity: 'warning', title: 'id is not a UUID' },
  SH211: { severity: 'warning', title: 'unknown status' },
  SH212: { severity: 'warning', title: 'unknown level' },
  SH213: { severity: 'warning', title: 'invalid date' },
  SH214: { severity: 'warning', title: 'invalid tag' },
  SH215: { severity: 'warning', title: 'invalid related entry' },
  SH216: { severity: 'warning', title: 'metadata field has the wrong type' },
  SH217: { severity: 'warning', title: 'metadata field too long' },
  SH218: { severity: 'warning', title: 'null inside a value list' },
  SH219: { severity: 'error', title: 'invalid timeframe' },
  SH230: { severity: 'error', title: 'invalid correlation type' },
  SH231: { severity: 'error', title: 'invalid correlation rules' },
  SH232: { severity: 'error', title: 'invalid correlation timespan' },
  SH233: { severity: 'error', title: 'invalid correlation condition' },
  SH234: { severity: 'error', title: 'invalid correlation group-by' },
  SH235: { severity: 'error', title: 'invalid correlation section' },
  SH236: { severity: 'error', title: 'invalid correlation aliases or generate' },
  SH250: { severity: 'warning', title: 'duplicate rule id' },
  SH251: { severity: 'warning', title: 'duplicate rule name' },
  SH252: { severity: 'warning', title: 'cited rule not loaded' },
  SH240: { severity: 'error', title: 'invalid filter section' },
  SH241: { severity: 'error', title: 'invalid filter rules' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

/** A code of the rule loading and validation stage. */
export type RuleCode = keyof typeof RULE_CODES;

/** The fixed severity of a code. */
export function severityOf(code: RuleCode): Severity {
  return RULE_CODES[code].severity;
}

/** A diagnostic of this stage at `location`, with an excerpt of `source`. */
export function ruleDiagnostic(
  source: SourceText,
  location: SourceLocation,
  code: RuleCode,
  message: string,
): Diagnostic {
  return source.diagnostic(location, code, severityOf(code), message);
}
