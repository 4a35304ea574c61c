/**
 * Sigma filters: a document with `logsource` and a `filter` section holding
 * `rules` (rule ids or names, or `any` as in v2.2), its own search
 * identifiers and a condition. How a filter applies to its rules is the
 * engine's business; this module only reads and checks the section.
 */

import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import { ruleDiagnostic } from './codes.js';
import { buildDetection } from './detection.js';
import type { Detection, SigmaFilter } from './model.js';
import type { SourceText } from './source-text.js';
import { textOf } from './meta.js';
import { valueOf } from './yaml-access.js';
import type { YamlMap, YamlNode } from './yaml11.js';

/** The filter-specific part of a `SigmaFilter`. */
export type FilterBody = Pick<SigmaFilter, 'rules' | 'detection'>;

/** What reading a `filter` section gave. */
export interface FilterResult {
  readonly body?: FilterBody;
  readonly diagnostics: Diagnostic[];
}

const SKIPPED_KEYS: ReadonlySet<string> = new Set(['rules']);

/** Reads the `filter` section of a document whose root is `root`. */
export function readFilter(root: YamlMap, source: SourceText): FilterResult {
  const section = valueOf(root, 'filter');
  if (section?.kind !== 'map') {
    const at = section?.location ?? root.location;
    return { diagnostics: [ruleDiagnostic(source, at, 'SH240', 'filter must be a map')] };
  }
  const diagnostics: Diagnostic[] = [];
  const rules = filterRules(
    valueOf(section, 'rules'),
    section.location,
    source,
    diagnostics,
  );
  const built = buildDetection(section, source, SKIPPED_KEYS);
  diagnostics.push(...built.diagnostics);
  const detection: Detection = built.detection;
  return rules === undefined
    ? { diagnostics }
    : { body: { rules, detection }, diagnostics };
}

function filterRules(
  node: YamlNode | undefined,
  sectionAt: SourceLocation,
  source: SourceText,
  diagnostics: Diagnostic[],
): readonly string[] | 'any' | undefined {
  if (node?.kind === 'scalar' && node.value === 'any') return 'any';
  const items = node?.kind === 'seq' ? node.items : [];
  const texts = items.flatMap((item) => textOf(item) ?? []);
  if (texts.length > 0 && texts.length === items.length) return texts;
  const message = 'filter rules must be a non-empty list of rule ids or names, or any';
  diagnostics.push(ruleDiagnostic(source, node?.location ?? sectionAt, 'SH241', message));
  return undefined;
}
