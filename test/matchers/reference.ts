/**
 * An independent reference for matcher tests, written straight from the
 * semantics in `src/matchers/pattern.ts`: literals with plain string
 * operations on folded strings, wildcards by dynamic programming over the
 * code points of the folded haystack.
 */

import { foldCase } from '../../src/matchers/case-fold.js';
import type { Pattern, WildcardToken } from '../../src/matchers/pattern.js';

/** One wildcard step: a code point, or `any` / `one`. */
type Step = number | 'any' | 'one';

/** The steps of a wildcard, literals folded unless cased. */
function steps(tokens: readonly WildcardToken[], cased: boolean): Step[] {
  return tokens.flatMap((token): Step[] => {
    if (token.type !== 'literal') return [token.type];
    const value = cased ? token.value : foldCase(token.value);
    return [...value].map((char) => char.codePointAt(0) ?? 0);
  });
}

/**
 * Dynamic programming over code points: `row[j]` is true when the first `i`
 * steps match the first `j` code points of the subject.
 */
function wildcardMatches(
  tokens: readonly WildcardToken[],
  cased: boolean,
  subject: string,
) {
  const points = [...subject].map((char) => char.codePointAt(0) ?? 0);
  let row = points.map(() => false);
  row.unshift(true);
  for (const step of steps(tokens, cased)) {
    const next = row.map(() => false);
    for (let j = 0; j <= points.length; j++) {
      if (step === 'any') next[j] = row[j] === true || (j > 0 && next[j - 1] === true);
      else if (j > 0 && row[j - 1] === true)
        next[j] = step === 'one' || step === points[j - 1];
    }
    row = next;
  }
  return row[points.length] === true;
}

/** True when `pattern` matches `haystack` by the reference semantics. */
export function referenceMatches(pattern: Pattern, haystack: string): boolean {
  const f = (text: string): string => (pattern.cased ? text : foldCase(text));
  const subject = f(haystack);
  switch (pattern.kind) {
    case 'equals':
      return subject === f(pattern.value);
    case 'contains':
      return subject.includes(f(pattern.value));
    case 'startswith':
      return subject.startsWith(f(pattern.value));
    case 'endswith':
      return subject.endsWith(f(pattern.value));
    case 'wildcard':
      return wildcardMatches(pattern.tokens, pattern.cased, subject);
  }
}

/** Indices of every pattern that matches, ascending. */
export function referenceMatching(
  patterns: readonly Pattern[],
  haystack: string,
): number[] {
  const indices: number[] = [];
  patterns.forEach((pattern, index) => {
    if (referenceMatches(pattern, haystack)) indices.push(index);
  });
  return indices;
}
