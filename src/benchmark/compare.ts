/**
 * The performance gate: a new report against an earlier one. Absolute times
 * differ between machines, so rows are compared by their ratio to the
 * in-run `charCodeAt` baseline (`ratio_to_floor`). A row regresses when its
 * ratio grew by more than the threshold (0.25: 25 % slower relative to the
 * floor); a row whose verdicts disagree with `naive` fails outright.
 */

import type { BenchReport } from './report.js';

/** One row of the comparison. */
export interface ComparedRow {
  readonly strategy: string;
  readonly patterns: number;
  readonly before: number;
  readonly after: number;
  /** `after / before - 1`. */
  readonly change: number;
  readonly regressed: boolean;
}

/** The outcome of the gate. */
export interface Comparison {
  readonly rows: ComparedRow[];
  /** Rows of the new report whose verdicts disagree with `naive`. */
  readonly disagreeing: string[];
  readonly passed: boolean;
}

/** Compares `after` with `before`; `threshold` is the allowed relative growth. */
export function compareReports(
  before: Pick<BenchReport, 'results'>,
  after: Pick<BenchReport, 'results'>,
  threshold: number,
): Comparison {
  const rows: ComparedRow[] = [];
  for (const row of after.results) {
    const old = before.results.find(
      (r) => r.strategy === row.strategy && r.patterns === row.patterns,
    );
    const a = row.ratio_to_floor;
    const b = old?.ratio_to_floor;
    if (row.kind === 'baseline' || a === null || b === null || b === undefined) continue;
    const change = a / b - 1;
    const regressed = change > threshold;
    rows.push({
      strategy: row.strategy,
      patterns: row.patterns,
      before: b,
      after: a,
      change,
      regressed,
    });
  }
  const disagreeing = after.results
    .filter((r) => r.agrees === false)
    .map((r) => `${r.strategy} x ${r.patterns}`);
  const passed = disagreeing.length === 0 && rows.every((r) => !r.regressed);
  return { rows, disagreeing, passed };
}

/** Reads a report from JSON text, or says why it is not one. */
export function parseReport(
  text: string,
): { ok: true; report: BenchReport } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const report = value as Partial<BenchReport> | null;
  if (report === null || typeof report !== 'object' || !Array.isArray(report.results)) {
    return { ok: false, message: 'not a benchmark report: no "results" list' };
  }
  return { ok: true, report: report as BenchReport };
}
