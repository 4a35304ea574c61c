/** The shape every suite of `bench/` has. */

import type { Bench } from 'tinybench';

/** A tinybench suite, and how many events one of its tasks handles. */
export interface Suite {
  readonly bench: Bench;
  readonly eventsPerTask: number;
}

/**
 * Bench options for `time` milliseconds per task: at least 5 passes and 2
 * warm-up passes, however slow a task (tinybench's defaults, 64 and 16,
 * would keep a slow contender running for minutes).
 */
export function budget(time: number) {
  return { time, iterations: 5, warmupTime: time / 4, warmupIterations: 2 };
}
