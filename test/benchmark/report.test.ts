/**
 * The benchmark's verdict logic: rows built from measured cells (no timing
 * for a contender that disagrees with `naive`), the `--compare` gate on
 * ratios to the in-run floor, and the goals read off a report.
 */

import { describe, expect, it } from 'vitest';
import { compareReports, parseReport } from '../../src/benchmark/compare.js';
import type { ContenderName } from '../../src/benchmark/contenders.js';
import type { MatchJobResult } from '../../src/benchmark/match-job.js';
import { evaluateGoals } from '../../src/benchmark/goals.js';
import { rowsOf, type MatchRow } from '../../src/benchmark/run-match.js';

/** A measured cell of `contender` with the given pass timings and verdicts. */
function cell(
  contender: ContenderName,
  passNs: number[],
  sampleVerdicts: number[],
  role: 'strategy' | 'reference' | 'baseline' = 'strategy',
): MatchJobResult {
  const job = {
    contender,
    patterns: 100,
    events: 4,
    seed: 1,
    hitRate: 0.5,
    mixedCase: 0,
    passes: passNs.length,
    passBudgetMs: 1,
    sample: 4,
  };
  return {
    kind: 'measured',
    job,
    role,
    eventsTimed: 4,
    passNs,
    buildMs: 1,
    firstCallUs: 1,
    heapMb: 1,
    checksum: 2,
    sampleVerdicts,
  };
}

const cells = [
  cell('naive', [300, 310, 290], [1, 0, 1, 0]),
  cell('aho-corasick', [60, 50, 70], [1, 0, 1, 0]),
  cell('regex-union', [40, 40, 40], [1, 1, 1, 0]),
  cell('baseline-charcodeat', [50, 50, 50], [], 'baseline'),
  cell('baseline-touch', [2, 2, 2], [], 'baseline'),
];

describe('rows of a pattern count', () => {
  const rows = rowsOf(cells);
  const row = (name: string) => rows.find((r) => r.strategy === name);

  it('times agreeing contenders by the median pass and divides by the floor', () => {
    expect(row('aho-corasick')).toMatchObject({
      agrees: true,
      ns_per_event: 60,
      ns_min: 50,
      ns_max: 70,
      ratio_to_floor: 1.2,
      ratio_to_naive: 0.2,
    });
  });

  it('refuses a timing to a contender whose verdicts differ from naive', () => {
    expect(row('regex-union')).toMatchObject({
      agrees: false,
      ns_per_event: null,
      events_per_second: null,
      ratio_to_floor: null,
    });
  });

  it('gives baselines no verdict', () => {
    expect(row('baseline-charcodeat')).toMatchObject({ agrees: null, ratio_to_floor: 1 });
  });
});

/** A report holding just `rows`. */
const report = (rows: MatchRow[]) => ({ results: rows });

describe('compare gate', () => {
  const before = rowsOf(cells);

  it('passes when every ratio to the floor stays within the threshold', () => {
    const after = rowsOf(cells.map((c) => c)).filter((r) => r.agrees !== false);
    const comparison = compareReports(report(before), report(after), 0.25);
    expect(comparison.passed).toBe(true);
    expect(comparison.rows.map((r) => r.strategy)).toEqual(['naive', 'aho-corasick']);
  });

  it('fails on a ratio grown past the threshold, whatever the absolute times', () => {
    const slower = rowsOf([
      cell('naive', [600, 620, 580], [1, 0, 1, 0]),
      cell('aho-corasick', [200, 200, 200], [1, 0, 1, 0]),
      cell('baseline-charcodeat', [100, 100, 100], [], 'baseline'),
      cell('baseline-touch', [4, 4, 4], [], 'baseline'),
    ]);
    const comparison = compareReports(report(before), report(slower), 0.25);
    expect(comparison.passed).toBe(false);
    const ac = comparison.rows.find((r) => r.strategy === 'aho-corasick');
    expect(ac).toMatchObject({ before: 1.2, after: 2, regressed: true });
    expect(comparison.rows.find((r) => r.strategy === 'naive')?.regressed).toBe(false);
  });

  it('fails on a contender that disagrees with naive', () => {
    const comparison = compareReports(report(before), report(before), 0.25);
    expect(comparison.disagreeing).toEqual(['regex-union x 100']);
    expect(comparison.passed).toBe(false);
  });

  it('says why a file is not a report', () => {
    expect(parseReport('{')).toMatchObject({ ok: false });
    expect(parseReport('{"version": 1}')).toEqual({
      ok: false,
      message: 'not a benchmark report: no "results" list',
    });
  });
});

describe('goals', () => {
  it('reads each goal off the rows, null where the run did not measure it', () => {
    const goals = evaluateGoals(rowsOf(cells), []);
    const floor = goals.find((g) => g.goal.startsWith('aho-corasick within 1.5x'));
    expect(floor).toEqual({
      goal: 'aho-corasick within 1.5x of the charCodeAt baseline at every pattern count',
      met: true,
      measured: '100: 1.20x',
    });
    const e2e = goals.find((g) => g.goal.startsWith('seed rule end to end'));
    expect(e2e?.met).toBeNull();
  });
});
