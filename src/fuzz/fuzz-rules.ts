/**
 * Hostname fuzzing of a list of compiled rules, as `sigma-harness fuzz`
 * runs it: each rule's hostname items and zone sets are found, a base
 * event built, and both hostname properties run. A rule without hostname
 * items is skipped with the reason.
 */

import type { CompiledRule } from '../engine/types.js';
import type { SigmaRule } from '../rule/model.js';
import { baseEventFor } from './base-event.js';
import { createEventGenerator } from './event-generator.js';
import type { FuzzTarget } from './fuzz-target.js';
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
  readonly replay?: { readonly property: HostnameProperty; readonly path: string };
}

/** Fuzzes every compiled rule; the report has one entry per rule, in order. */
export function fuzzRules(
  targets: readonly FuzzTarget[],
  options: FuzzOptions,
): FuzzReport {
  const reports = targets.map((target) => {
    const build = createEventGenerator(target);
    const generator = build.ok ? build.generator : undefined;
    return fuzzRule(target.rule, target.compiled, generator, options);
  });
  return { seed: options.seed, runs: options.runs, rules: reports };
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
