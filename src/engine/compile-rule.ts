/**
 * Compiling a Sigma rule, with the Sigma filters that apply to it, into a
 * `CompiledRule`. A filter applies as `(rule condition) and (filter
 * condition)`, so a filter's own `not` does the excluding (pySigma's reading;
 * see `docs/semantics.md`).
 */

import type { Diagnostic } from '../diagnostics.js';
import type { StrategyChoice } from '../matchers/index.js';
import type { SigmaFilter, SigmaRule } from '../rule/model.js';
import type { CompiledDetection } from './compile-detection.js';
import { compileDetection } from './compile-detection.js';
import { defaultFieldReader } from './fields.js';
import type { PlaceholderValues } from './placeholders.js';
import type { CompiledRule, Explanation } from './types.js';

/** Options for compiling rules. */
export interface CompileOptions {
  /**
   * Values for `expand` placeholders. `defer` (the default) leaves them
   * unexpanded, for validation only; evaluation must pass a map, and a
   * placeholder without values is then a rule error.
   */
  readonly placeholders?: PlaceholderValues | 'defer';
  /** Matcher strategy for every value list (`--matcher`); `auto` by default. */
  readonly matcher?: StrategyChoice;
  /** Filters to apply to the rule; those that do not name it are ignored. */
  readonly filters?: readonly SigmaFilter[];
}

/** The result of compiling a rule. */
export type CompileResult =
  | {
      readonly ok: true;
      readonly compiled: CompiledRule;
      readonly diagnostics: Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** Compiles `rule` for evaluation. */
export function compileRule(
  rule: SigmaRule,
  options: CompileOptions = {},
): CompileResult {
  const itemOptions = {
    placeholders: options.placeholders ?? 'defer',
    matcher: options.matcher ?? 'auto',
    keyword: false,
  } as const;
  const main = compileDetection(rule.detection, itemOptions);
  const diagnostics = [...main.diagnostics];
  const filters: { filter: SigmaFilter; detection: CompiledDetection }[] = [];
  for (const filter of (options.filters ?? []).filter((f) => filterApplies(f, rule))) {
    const compiled = compileDetection(filter.detection, itemOptions);
    diagnostics.push(...compiled.diagnostics);
    if (compiled.ok) filters.push({ filter, detection: compiled.detection });
  }
  if (!main.ok || diagnostics.some((d) => d.severity === 'error')) {
    return { ok: false, diagnostics };
  }
  const detection = main.detection;
  const compiled: CompiledRule = {
    rule,
    matches: (event, reader = defaultFieldReader) =>
      detection.test(event, reader) &&
      filters.every((f) => f.detection.test(event, reader)),
    explain(event, reader = defaultFieldReader): Explanation {
      const own = detection.explain(event, reader);
      const applied = filters.map(({ filter, detection: d }) => {
        const result = d.explain(event, reader);
        return {
          title: filter.title,
          matched: result.matched,
          searchIdentifiers: result.searchIdentifiers,
        };
      });
      const matched = own.matched && applied.every((f) => f.matched);
      return {
        verdict: matched ? 'match' : 'no-match',
        conditions: own.conditions,
        searchIdentifiers: own.searchIdentifiers,
        filters: applied,
      };
    },
  };
  return { ok: true, compiled, diagnostics };
}

/**
 * True when a filter names the rule (by id or name, or `any`) and its
 * logsource fields agree with the rule's (fields the filter leaves out
 * agree with anything; compared case-insensitively).
 */
export function filterApplies(filter: SigmaFilter, rule: SigmaRule): boolean {
  const named =
    filter.rules === 'any' ||
    filter.rules.some(
      (ref) => ref === rule.id || (rule.name !== undefined && ref === rule.name),
    );
  if (!named) return false;
  const keys = ['category', 'product', 'service'] as const;
  return keys.every((key) => {
    const wanted = filter.logsource[key];
    return (
      wanted === undefined || wanted.toLowerCase() === rule.logsource[key]?.toLowerCase()
    );
  });
}
