/**
 * The acceptance goals of the benchmark (issue 4), checked on a report's
 * figures: each goal says whether it was met and what was measured, or that
 * the run did not measure it.
 */

import type { EndToEndRow } from './run-e2e.js';
import type { MatchRow } from './run-match.js';

/** One goal and its outcome. */
export interface GoalOutcome {
  readonly goal: string;
  /** Null when the run did not measure what the goal needs. */
  readonly met: boolean | null;
  readonly measured: string;
}

/** The ns/event of a strategy at a pattern count, when it was timed. */
function nsOf(rows: readonly MatchRow[], strategy: string, patterns: number) {
  return rows.find((r) => r.strategy === strategy && r.patterns === patterns)
    ?.ns_per_event;
}

/** Checks a goal at every pattern count; `figure` is undefined when unmeasured. */
function atEveryCount(
  goal: string,
  counts: readonly number[],
  figure: (patterns: number) => { value: number; ok: boolean; text: string } | undefined,
): GoalOutcome {
  const figures = counts.map((n) => ({ n, f: figure(n) }));
  const known = figures.filter((x) => x.f !== undefined);
  if (known.length === 0) return { goal, met: null, measured: 'not measured' };
  const measured = figures
    .map(({ n, f }) => `${n}: ${f === undefined ? 'not measured' : f.text}`)
    .join(', ');
  const met = known.length === figures.length && known.every((x) => x.f?.ok === true);
  return { goal, met, measured };
}

/** Evaluates every goal on the rows of a run. */
export function evaluateGoals(
  match: readonly MatchRow[],
  endToEnd: readonly EndToEndRow[],
): GoalOutcome[] {
  const counts = [...new Set(match.map((r) => r.patterns))].sort((a, b) => a - b);
  const floorGoal = atEveryCount(
    'aho-corasick within 1.5x of the charCodeAt baseline at every pattern count',
    counts,
    (n) => {
      const row = match.find((r) => r.strategy === 'aho-corasick' && r.patterns === n);
      const ratio = row?.ratio_to_floor;
      if (ratio === null || ratio === undefined) return undefined;
      return { value: ratio, ok: ratio <= 1.5, text: `${ratio.toFixed(2)}x` };
    },
  );
  const referenceGoal = atEveryCount(
    'aho-corasick at least 4x faster than @monyone/aho-corasick/fast at every count',
    counts,
    (n) => {
      const ours = nsOf(match, 'aho-corasick', n);
      const theirs = nsOf(match, 'monyone-fast', n);
      if (ours === null || ours === undefined || theirs === null || theirs === undefined)
        return undefined;
      const speedup = theirs / ours;
      return { value: speedup, ok: speedup >= 4, text: `${speedup.toFixed(1)}x` };
    },
  );
  const regex = nsOf(match, 'regex-union', 10_000);
  const regexGoal: GoalOutcome =
    regex === null || regex === undefined
      ? {
          goal: 'regex-union under 5 us/event at 10,000 patterns',
          met: null,
          measured: 'not measured',
        }
      : {
          goal: 'regex-union under 5 us/event at 10,000 patterns',
          met: regex < 5000,
          measured: `${(regex / 1000).toFixed(2)} us/event`,
        };
  return [floorGoal, referenceGoal, regexGoal, ...endToEndGoals(endToEnd)];
}

/** The end-to-end goals, on the largest event count run. */
function endToEndGoals(rows: readonly EndToEndRow[]): GoalOutcome[] {
  const largest = Math.max(0, ...rows.map((r) => r.events));
  const fast = rows.find((r) => r.events === largest && r.path === 'prefilter');
  const speedGoal =
    'seed rule end to end, 10M events, 1% hits: >= 5M events/s with the prefilter';
  const memoryGoal = 'peak memory of a 10M-event run under 1 GB';
  if (fast === undefined) {
    return [
      { goal: speedGoal, met: null, measured: 'not measured' },
      { goal: memoryGoal, met: null, measured: 'not measured' },
    ];
  }
  const tenMillion = largest >= 10_000_000;
  const peak = Math.max(
    ...rows.filter((r) => r.events === largest).map((r) => r.max_rss_mb),
  );
  const at = `at ${largest} events`;
  return [
    {
      goal: speedGoal,
      met: tenMillion ? fast.events_per_second >= 5e6 && fast.agrees : null,
      measured:
        `${(fast.events_per_second / 1e6).toFixed(2)}M events/s ${at}, ` +
        `${fast.speedup.toFixed(1)}x the parse-everything path, verdicts ${fast.agrees ? 'identical' : 'DIFFER'}`,
    },
    {
      goal: memoryGoal,
      met: tenMillion ? peak < 1024 : null,
      measured: `${peak.toFixed(0)} MB peak RSS ${at}`,
    },
  ];
}
