/**
 * The results of a harness run, as reporters see them: per rule, its
 * fixtures; per fixture, its cases; per case, its counts and the events
 * whose verdict was wrong, each with the engine's explanation.
 */

import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import type { Explanation } from '../engine/types.js';
import type { BaselineDiff } from './baseline.js';
import type { RuleCoverage } from './coverage.js';
import type { Polarity } from './fixture.js';

/** An event whose verdict was not the expected one. */
export interface EventFailure {
  /** Position of the event in its case, from 0. */
  readonly index: number;
  /** The event file and line, for events read from a file. */
  readonly file?: string;
  readonly line?: number;
  /** The verdict the case expected for this event. */
  readonly expected: 'match' | 'no-match';
  /**
   * The explanation; `excluded` when the logsource mapping left the event
   * out, `unmapped` when the mapping covers nothing of the rule's logsource.
   */
  readonly explanation: Explanation | 'excluded' | 'unmapped';
  /** Rule line that caused the miss or the hit (for `github` annotations). */
  readonly blame?: SourceLocation;
}

/** A matched event, identified for baselines. */
export interface MatchedEvent {
  readonly fingerprint: string;
  readonly index: number;
}

/** Outcome of one case: `error` when its events could not be read. */
export type CaseStatus = 'passed' | 'failed' | 'error';

/** One case run against its rule. */
export interface CaseResult {
  readonly name: string;
  readonly polarity: Polarity;
  readonly status: CaseStatus;
  /** The expectation, as text (`every event matches`, `at least 1 match(es)`). */
  readonly expectation: string;
  readonly events: number;
  readonly matched: number;
  /** Wrong verdicts, the first few only (see `MAX_FAILURES_SHOWN`). */
  readonly failures: readonly EventFailure[];
  readonly matches: readonly MatchedEvent[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Why the case failed when no event can show it: every event matched, but
   * fewer events than the count asks for.
   */
  readonly note?: string;
  readonly location: SourceLocation;
}

/** One fixture file (or SigmaHQ `info.yml`) run against its rule. */
export interface FixtureResult {
  readonly file: string;
  readonly format: 'fixture' | 'sigmahq';
  readonly cases: readonly CaseResult[];
}

/**
 * A rule's outcome: `passed` (every case passed), `failed` (a case failed,
 * or `--min-tests` was not met), `error` (the rule did not compile, its
 * regression tests could not be read, or a case could not run), `missing`
 * (its SigmaHQ regression data is absent), `untested` (no fixture).
 */
export type RuleStatus = 'passed' | 'failed' | 'error' | 'missing' | 'untested';

/** The result of one rule. */
export interface RuleResult {
  readonly id?: string;
  readonly title: string;
  readonly file: string;
  readonly line: number;
  readonly status: RuleStatus;
  /** False when the rule did not compile (it then has no fixture result). */
  readonly compiled: boolean;
  readonly fixtures: readonly FixtureResult[];
  /**
   * Why the rule's own tests could not be read (a SigmaHQ `info.yml` that
   * does not parse); the same diagnostics are among the run's problems.
   */
  readonly diagnostics?: readonly Diagnostic[];
  /** Why the rule failed `--min-tests`, when it did. */
  readonly minTests?: string;
  /** The absent `info.yml`, for `missing` rules. */
  readonly missingPath?: string;
  readonly coverage?: RuleCoverage;
}

/** Totals of a run; `fixtures`, `passed` and `failed` count cases. */
export interface RunSummary {
  /** Rules in the run (after `--filter`). */
  readonly rules: number;
  /** Cases run (fixture cases and SigmaHQ tests). */
  readonly fixtures: number;
  readonly passed: number;
  readonly failed: number;
  /** Cases that could not run (unreadable events). */
  readonly errors: number;
  /** Rules whose SigmaHQ regression data is absent. */
  readonly missing: number;
  /** Rules with no fixture. */
  readonly untested: number;
  /** Events evaluated. */
  readonly events: number;
  /** Rules that failed `--min-tests` (counted among failed rules, not cases). */
  readonly minTestsFailed: number;
}

/**
 * What ended the run before or besides the cases: `usage` problems (bad
 * fixtures, unknown rules, nothing tested) and `rule` problems (rules that
 * did not load or compile).
 */
export interface RunProblems {
  readonly usage: readonly Diagnostic[];
  readonly rule: readonly Diagnostic[];
}

/** A whole harness run. */
export interface HarnessReport {
  readonly summary: RunSummary;
  readonly results: readonly RuleResult[];
  readonly problems: RunProblems;
  readonly baseline?: BaselineDiff;
}
