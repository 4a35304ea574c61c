/**
 * The `regex-union` strategies: the literal patterns joined into regular
 * expressions `a|^b|c$|^d$` with the `i` flag (the haystack is never
 * lower-cased for them).
 *
 * Contract: exactly the reference semantics of `pattern.ts`. The `i` flag
 * without `u` folds ASCII exactly like `foldCase` but differs from it on some
 * non-ASCII characters (the Kelvin sign, the final sigma, `İ`), so the
 * regular expressions only ever see ASCII: a haystack holding any non-ASCII
 * character is answered by the exact `naive` loop over the folded haystack,
 * and literal patterns whose (folded) value is not ASCII are left out of the
 * union (they cannot match an ASCII haystack). Wildcard patterns are checked
 * with the exact wildcard matcher, not through the union.
 *
 * `regex-union` splits the alternatives into several expressions whose source
 * stays under `CHUNK_SOURCE_LIMIT`: V8 stops optimizing expressions whose
 * source passes 20 KB (`kRegExpTooLargeToOptimize`), and matching then falls
 * off a cliff. `regex-union-unchunked` keeps one expression to show that
 * cliff in the benchmark report.
 *
 * `matchingPatterns` uses the union to rule out non-matching haystacks, then
 * checks each pattern exactly.
 */

import { foldCase, isAscii } from './case-fold.js';
import type { Matcher, StrategyName } from './matcher.js';
import type { Pattern } from './pattern.js';
import {
  preparedMatches,
  preparePatterns,
  type PreparedLiteral,
  type PreparedPattern,
  type PreparedWildcard,
} from './prepared.js';

/** Largest source length of one expression in the chunked variant. */
export const CHUNK_SOURCE_LIMIT = 18_000;

/** Escapes regular-expression syntax in a literal. */
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** The alternative of one literal pattern, with its anchors. */
function alternative(pattern: PreparedLiteral): string {
  const body = escapeRegExp(pattern.value);
  const start = pattern.kind === 'startswith' || pattern.kind === 'equals' ? '^' : '';
  const end = pattern.kind === 'endswith' || pattern.kind === 'equals' ? '$' : '';
  return `${start}(?:${body})${end}`;
}

/** Joins alternatives into expressions whose source stays under `limit`. */
function buildUnion(
  alternatives: readonly string[],
  flags: string,
  limit: number,
): RegExp[] {
  const expressions: RegExp[] = [];
  let current: string[] = [];
  let length = 0;
  for (const alt of alternatives) {
    if (current.length > 0 && length + alt.length + 1 > limit) {
      expressions.push(new RegExp(current.join('|'), flags));
      current = [];
      length = 0;
    }
    current.push(alt);
    length += alt.length + 1;
  }
  if (current.length > 0) expressions.push(new RegExp(current.join('|'), flags));
  return expressions;
}

/** The union expressions for the ASCII literals of one case mode. */
function unionFor(prepared: readonly PreparedPattern[], cased: boolean, limit: number) {
  const alternatives = prepared
    .filter((p): p is PreparedLiteral => p.kind !== 'wildcard' && p.cased === cased)
    .filter((p) => isAscii(p.value))
    .map(alternative);
  return buildUnion(alternatives, cased ? '' : 'i', limit);
}

/** Builds a regex-union matcher; `limit` caps the source of each expression. */
function createUnionMatcher(
  patterns: readonly Pattern[],
  strategy: StrategyName,
  limit: number,
): Matcher {
  const prepared = preparePatterns(patterns);
  const unions = [
    ...unionFor(prepared, false, limit),
    ...unionFor(prepared, true, limit),
  ];
  const wildcards = prepared.filter((p): p is PreparedWildcard => p.kind === 'wildcard');
  const exact = (haystack: string): number[] => {
    const folded = foldCase(haystack);
    return prepared
      .filter((p) => preparedMatches(p, haystack, folded))
      .map((p) => p.index);
  };
  const asciiTest = (haystack: string): boolean => {
    for (const union of unions) if (union.test(haystack)) return true;
    if (wildcards.length === 0) return false;
    const folded = foldCase(haystack);
    return wildcards.some((p) => p.matcher.matchesPrepared(p.cased ? haystack : folded));
  };
  return {
    strategy,
    patterns,
    test: (haystack) =>
      isAscii(haystack) ? asciiTest(haystack) : exact(haystack).length > 0,
    matchingPatterns: (haystack) =>
      isAscii(haystack) && !asciiTest(haystack) ? [] : exact(haystack),
  };
}

/** Builds a `regex-union` matcher (expressions chunked under the V8 limit). */
export function createRegexUnionMatcher(patterns: readonly Pattern[]): Matcher {
  return createUnionMatcher(patterns, 'regex-union', CHUNK_SOURCE_LIMIT);
}

/** Builds a `regex-union-unchunked` matcher (one expression, whatever its size). */
export function createRegexUnionUnchunkedMatcher(patterns: readonly Pattern[]): Matcher {
  return createUnionMatcher(patterns, 'regex-union-unchunked', Number.POSITIVE_INFINITY);
}
