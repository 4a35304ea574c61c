/**
 * The benchmark report: what `bench --json` writes and `--compare` reads.
 * `results` holds one row per contender and pattern count (`run-match.ts`),
 * with `ratio_to_floor` dividing by the `charCodeAt` baseline of the same
 * run; `end_to_end` one row per event count and path (`run-e2e.ts`).
 */

import { evaluateGoals, type GoalOutcome } from './goals.js';
import { describeMachine, type MachineInfo } from './machine.js';
import type { EndToEndRow } from './run-e2e.js';
import type { MatchRow, SkippedCell } from './run-match.js';

/** Version of the report format. */
export const REPORT_VERSION = 1;

/** The settings a run was made with. */
export interface BenchSettings {
  readonly events: number;
  readonly patterns: readonly number[];
  readonly hit_rate: number;
  readonly mixed_case: number;
  readonly seed: number;
  readonly passes: number;
  readonly e2e_events: readonly number[];
}

/** A whole benchmark report. */
export interface BenchReport {
  readonly version: number;
  /** The command line that produced the report. */
  readonly command: string;
  readonly date: string;
  readonly machine: MachineInfo;
  readonly settings: BenchSettings;
  readonly results: readonly MatchRow[];
  readonly skipped: readonly SkippedCell[];
  readonly end_to_end: readonly EndToEndRow[];
  readonly goals: readonly GoalOutcome[];
  /** Sum of every row's checksum modulo 2^32: printed so no timed work is dead. */
  readonly checksum: number;
}

/** What a run measured, before it becomes a report. */
export interface BenchFigures {
  readonly command: string;
  readonly settings: BenchSettings;
  readonly results: readonly MatchRow[];
  readonly skipped: readonly SkippedCell[];
  readonly endToEnd: readonly EndToEndRow[];
}

/** Builds the report of a run, on this machine, now. */
export function buildReport(figures: BenchFigures, date = new Date()): BenchReport {
  let checksum = 0;
  for (const row of [...figures.results, ...figures.endToEnd]) {
    checksum = (checksum + (row.checksum >>> 0)) >>> 0;
  }
  return {
    version: REPORT_VERSION,
    command: figures.command,
    date: date.toISOString(),
    machine: describeMachine(),
    settings: figures.settings,
    results: figures.results,
    skipped: figures.skipped,
    end_to_end: figures.endToEnd,
    goals: evaluateGoals(figures.results, figures.endToEnd),
    checksum,
  };
}
