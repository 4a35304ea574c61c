/**
 * The `naive` strategy: a loop over the patterns with `===`, `includes`,
 * `startsWith` and `endsWith` on the folded haystack.
 *
 * Contract: exactly the reference semantics of `pattern.ts`. The haystack is
 * folded once per call (and only when a case-insensitive pattern exists);
 * `test` stops at the first matching pattern. Cost grows linearly with the
 * number of patterns, which makes it the yardstick the other strategies are
 * compared with.
 */

import { foldCase } from './case-fold.js';
import type { Matcher } from './matcher.js';
import type { Pattern } from './pattern.js';
import { preparedMatches, preparePatterns } from './prepared.js';

/** Builds a `naive` matcher over `patterns`. */
export function createNaiveMatcher(patterns: readonly Pattern[]): Matcher {
  const prepared = preparePatterns(patterns);
  const needsFold = prepared.some((pattern) => !pattern.cased);
  const fold = (haystack: string): string => (needsFold ? foldCase(haystack) : haystack);
  return {
    strategy: 'naive',
    patterns,
    test(haystack) {
      const folded = fold(haystack);
      return prepared.some((pattern) => preparedMatches(pattern, haystack, folded));
    },
    matchingPatterns(haystack) {
      const folded = fold(haystack);
      return prepared
        .filter((pattern) => preparedMatches(pattern, haystack, folded))
        .map((pattern) => pattern.index);
    },
  };
}
