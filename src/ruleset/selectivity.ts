/**
 * How selective a set of OR-linked literals is as a prefilter needle set:
 * one score, higher is better, so that AND-linked parts of a rule can keep
 * the one that selects the fewest events.
 */

/** Literals at least this long count as equally selective. */
const LONG_ENOUGH = 8;

/**
 * The score of OR-linked `literals`: the shortest literal's length (up to
 * `LONG_ENOUGH`) first, then fewer literals. No literal at all (a part that
 * can never match) is the best possible.
 */
export function literalScore(literals: readonly string[]): number {
  if (literals.length === 0) return Infinity;
  let shortest = Infinity;
  for (const literal of literals) shortest = Math.min(shortest, literal.length);
  return Math.min(shortest, LONG_ENOUGH) * 10_000 - literals.length;
}
