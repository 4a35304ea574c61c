/**
 * Runs the match benchmark: every contender at every pattern count, one
 * worker per cell, one cell at a time (so cells never compete for a core).
 * Then checks agreement with `naive` on the sample and computes the ratios to
 * the in-run baselines.
 *
 * Contract: a row whose sample verdicts differ from `naive` gets
 * `agrees: false` and no timing (`ns_per_event` is null); `naive` and both
 * baselines are always run, since agreement and ratios need them.
 */

import { Worker } from 'node:worker_threads';
import { BASELINE_NAMES, type ContenderName } from './contenders.js';
import { runMatchJob, type MatchJob, type MatchJobResult } from './match-job.js';

/** Options of a match benchmark run: the settings of every cell, and what to run. */
export interface MatchBenchOptions extends Omit<MatchJob, 'contender' | 'patterns'> {
  readonly contenders: readonly ContenderName[];
  readonly patterns: readonly number[];
  /** `worker` (default) isolates each cell; `inline` runs in this thread (tests). */
  readonly isolate?: 'worker' | 'inline';
  /** Called after each cell with the count done, the total and a label. */
  readonly onProgress?: (done: number, total: number, label: string) => void;
}

/** One row of the report, in the JSON report's field names. */
export interface MatchRow {
  readonly strategy: string;
  readonly kind: 'strategy' | 'reference' | 'baseline';
  readonly patterns: number;
  readonly events: number;
  readonly events_timed: number;
  readonly ns_per_event: number | null;
  readonly ns_min: number | null;
  readonly ns_max: number | null;
  readonly events_per_second: number | null;
  readonly build_ms: number;
  readonly first_call_us: number;
  readonly heap_mb: number;
  readonly checksum: number;
  /** Leading events whose verdicts were compared with `naive`. */
  readonly agreement_events: number;
  readonly ratio_to_floor: number | null;
  readonly ratio_to_touch: number | null;
  readonly ratio_to_naive: number | null;
  /** Null for baselines, which give no verdicts. */
  readonly agrees: boolean | null;
}

/** A contender that could not run, with the reason. */
export interface SkippedCell {
  readonly strategy: string;
  readonly patterns: number;
  readonly reason: string;
}

/** The outcome of a match benchmark run. */
export interface MatchBenchResult {
  readonly rows: MatchRow[];
  readonly skipped: SkippedCell[];
}

/** Runs one job in a fresh worker. */
function inWorker(job: MatchJob): Promise<MatchJobResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./match-worker.js', import.meta.url), {
      workerData: job,
    });
    worker.once('message', (result: MatchJobResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`benchmark worker exited with code ${code}`));
    });
  });
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : (upper + (sorted[mid - 1] ?? upper)) / 2;
}

/** Every contender to run, with `naive` and the baselines added. */
function allContenders(options: MatchBenchOptions): ContenderName[] {
  const names = new Set<ContenderName>([
    'naive',
    ...options.contenders,
    ...BASELINE_NAMES,
  ]);
  return [...names];
}

/**
 * Builds the rows of one pattern count from its cells: ratios to the
 * baselines and `naive` of the same count, and no timing for a contender
 * whose sample verdicts differ from `naive`'s.
 */
export function rowsOf(cells: readonly MatchJobResult[]): MatchRow[] {
  const measured = cells.filter((c) => c.kind === 'measured');
  const nsOf = (name: string) => {
    const cell = measured.find((c) => c.job.contender === name);
    return cell === undefined ? undefined : median(cell.passNs);
  };
  const floor = nsOf('baseline-charcodeat');
  const touch = nsOf('baseline-touch');
  const naive = nsOf('naive');
  const reference = measured.find((c) => c.job.contender === 'naive')?.sampleVerdicts;
  const ratio = (ns: number, by: number | undefined) =>
    by === undefined ? null : ns / by;
  return measured.map((cell) => {
    const agrees =
      cell.role === 'baseline'
        ? null
        : reference !== undefined &&
          cell.sampleVerdicts.length <= reference.length &&
          cell.sampleVerdicts.every((verdict, i) => verdict === reference[i]);
    const ns = agrees === false ? null : median(cell.passNs);
    return {
      strategy: cell.job.contender,
      kind: cell.role,
      patterns: cell.job.patterns,
      events: cell.job.events,
      events_timed: cell.eventsTimed,
      ns_per_event: ns,
      ns_min: ns === null ? null : Math.min(...cell.passNs),
      ns_max: ns === null ? null : Math.max(...cell.passNs),
      events_per_second: ns === null ? null : 1e9 / ns,
      build_ms: cell.buildMs,
      first_call_us: cell.firstCallUs,
      heap_mb: cell.heapMb,
      checksum: cell.checksum,
      agreement_events: cell.sampleVerdicts.length,
      ratio_to_floor: ns === null ? null : ratio(ns, floor),
      ratio_to_touch: ns === null ? null : ratio(ns, touch),
      ratio_to_naive: ns === null ? null : ratio(ns, naive),
      agrees,
    };
  });
}

/** Runs the match benchmark. */
export async function runMatchBenchmark(
  options: MatchBenchOptions,
): Promise<MatchBenchResult> {
  const contenders = allContenders(options);
  const total = contenders.length * options.patterns.length;
  const run = options.isolate === 'inline' ? runMatchJob : inWorker;
  const rows: MatchRow[] = [];
  const skipped: SkippedCell[] = [];
  let done = 0;
  for (const patterns of options.patterns) {
    const cells: MatchJobResult[] = [];
    for (const contender of contenders) {
      const { events, seed, hitRate, mixedCase, passes, passBudgetMs, sample } = options;
      const settings = { events, seed, hitRate, mixedCase, passes, passBudgetMs, sample };
      const cell = await run({ ...settings, contender, patterns });
      if (cell.kind === 'skipped')
        skipped.push({ strategy: contender, patterns, reason: cell.reason });
      cells.push(cell);
      options.onProgress?.(++done, total, `${contender} x ${patterns}`);
    }
    rows.push(...rowsOf(cells));
  }
  return { rows, skipped };
}
