/**
 * Hostname fuzzing of a list of rules, as `sigma-harness fuzz` runs it:
 * each rule is compiled, its hostname items and zone sets found, a base
 * event built, and both hostname properties run. A rule without hostname
 * items is skipped with the reason.
 */

import type { Diagnostic } from '../diagnostics.js';
import type { CompiledRule } from '../engine/types.js';
import { compileRule } from '../engine/compile-rule.js';
import type { StrategyChoice } from '../matchers/index.js';
import type { SigmaRule } from '../rule/model.js';
import { baseEventFor } from './base-event.js';
import { createEventGenerator } from './event-generator.js';
import type { HostnameFinding, HostnameProperty } from './hostname-fuzz.js';
import { fuzzHostnames } from './hostname-fuzz.js';
import { findHostnameItems } from './hostname-items.js';
import type { ZoneSet } from './zones.js';

/** The fuzz report of one rule. */
export interface RuleFuzzReport {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  /** Fields the hostnames went into. */
  readonly fields: readonly string[];
  /** Names of the zone sets the rule was judged against. */
  readonly zone_sets: readonly string[];
  readonly evasions: readonly HostnameFinding[];
  readonly overmatches: readonly HostnameFinding[];
  /** Why the rule was not fuzzed, when it was not. */
  readonly skipped?: string;
}

/** The fuzz report of a run (`--json` prints it). */
export interface FuzzReport {
  readonly seed: number;
  /** Runs of each property on each rule. */
  readonly runs: number;
  readonly rules: readonly RuleFuzzReport[];
}

/** Options of a fuzz run. */
export interface FuzzOptions {
  readonly runs: number;
  readonly seed: number;
  readonly zoneSets: readonly ZoneSet[];
  /** Matcher strategy the rules are compiled with; `auto` when absent. */
  readonly matcher?: StrategyChoice;
  readonly replay?: { readonly property: HostnameProperty; readonly path: string };
}

/** A rule that did not compile. */
export interface UncompiledRule {
  readonly rule: SigmaRule;
  readonly diagnostics: readonly Diagnostic[];
}

/** Fuzzes every rule; rules that do not compile are returned apart. */
export function fuzzRules(
  rules: readonly SigmaRule[],
  options: FuzzOptions,
): { readonly report: FuzzReport; readonly failed: readonly UncompiledRule[] } {
  const reports: RuleFuzzReport[] = [];
  const failed: UncompiledRule[] = [];
  for (const rule of rules) {
    const build = createEventGenerator(rule);
    const placeholders = build.ok ? build.generator.placeholders : {};
    const compiled = compileRule(rule, { placeholders, matcher: options.matcher });
    if (!compiled.ok) failed.push({ rule, diagnostics: compiled.diagnostics });
    else {
      const generator = build.ok ? build.generator : undefined;
      reports.push(fuzzRule(rule, compiled.compiled, generator, options));
    }
  }
  return { report: { seed: options.seed, runs: options.runs, rules: reports }, failed };
}

function fuzzRule(
  rule: SigmaRule,
  compiled: CompiledRule,
  generator: Parameters<typeof baseEventFor>[1],
  options: FuzzOptions,
): RuleFuzzReport {
  const items = findHostnameItems(rule, options.zoneSets);
  const head = {
    id: rule.id ?? rule.title,
    title: rule.title,
    file: rule.file,
    fields: items.fields,
    zone_sets: items.zoneSets.map((set) => set.name),
  };
  if (items.fields.length === 0) {
    const skipped = 'no detection item names a host of the zone sets';
    return { ...head, evasions: [], overmatches: [], skipped };
  }
  const baseEvent = baseEventFor(compiled, generator, items.fields, options.seed);
  const result = fuzzHostnames(compiled, {
    runs: options.runs,
    seed: options.seed,
    fields: items.fields,
    zoneSets: items.zoneSets,
    indicators: items.indicators,
    baseEvent,
    ...(options.replay ? { replay: options.replay } : {}),
  });
  return { ...head, evasions: result.evasions, overmatches: result.overmatches };
}
