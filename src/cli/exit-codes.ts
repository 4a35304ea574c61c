/**
 * Exit codes shared by every command.
 * - 0: the command did its job and everything passed;
 * - 1: a check failed (a fixture, a baseline, a fuzz disagreement, a gate);
 * - 2: a rule did not load or compile;
 * - 3: bad input: arguments, fixtures, unreadable events, or nothing to do.
 */
export const EXIT = {
  ok: 0,
  failed: 1,
  ruleError: 2,
  usage: 3,
} as const;

/** One of the exit codes above. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
