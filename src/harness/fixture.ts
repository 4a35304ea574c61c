/**
 * The fixture model: which events a rule must match (true positives, `tp`)
 * and which it must stay silent on (false positives, `fp`), from the
 * project's fixture files or from SigmaHQ's `regression_data`.
 */

import type { SourceLocation } from '../diagnostics.js';
import type { LogEvent } from '../events/event.js';

/** Whether a case holds events the rule must match or must not match. */
export type Polarity = 'tp' | 'fp';

/**
 * How many of a case's events the rule must match. `all` and `none` are the
 * defaults of `tp` and `fp` cases; `range` comes from `exactly`, `at_least`
 * and `at_most` (an absent bound is open).
 */
export type CountExpectation =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'range'; readonly min: number; readonly max?: number };

/** Where a case's events come from. */
export type EventSource =
  | { readonly kind: 'inline'; readonly events: readonly LogEvent[] }
  | { readonly kind: 'file'; readonly path: string };

/** How a fixture names its rule. */
export type RuleReference =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'path'; readonly path: string };

/** One named case of a fixture. */
export interface FixtureCase {
  readonly name: string;
  readonly polarity: Polarity;
  readonly source: EventSource;
  readonly expect: CountExpectation;
  /** `windows` or a mapping file path (resolved), when the case names one. */
  readonly logsourceMap?: string;
  /** Where the case is written. */
  readonly location: SourceLocation;
}

/** A fixture: the cases for one rule, from one file. */
export interface Fixture {
  /** `fixture` for the project's format, `sigmahq` for `regression_data`. */
  readonly format: 'fixture' | 'sigmahq';
  /** The fixture file (or SigmaHQ `info.yml`). */
  readonly file: string;
  readonly rule: RuleReference;
  /** Where the rule is named (the `rule:` value), when known. */
  readonly ruleLocation?: SourceLocation;
  readonly cases: readonly FixtureCase[];
  readonly location: SourceLocation;
}

/** Text for a count expectation, as reports show it. */
export function describeExpectation(expect: CountExpectation): string {
  if (expect.kind === 'all') return 'every event matches';
  if (expect.kind === 'none') return 'no event matches';
  if (expect.max === expect.min) return `exactly ${expect.min} match(es)`;
  if (expect.max === undefined) return `at least ${expect.min} match(es)`;
  return `${expect.min} to ${expect.max} matches`;
}

/** True when `matched` of `total` events satisfies the expectation. */
export function expectationHolds(
  expect: CountExpectation,
  matched: number,
  total: number,
): boolean {
  if (expect.kind === 'all') return matched === total;
  if (expect.kind === 'none') return matched === 0;
  return matched >= expect.min && (expect.max === undefined || matched <= expect.max);
}
