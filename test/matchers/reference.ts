/**
 * An independent reference for matcher tests, written straight from the
 * semantics in `src/matchers/pattern.ts`: literals with plain string
 * operations on folded strings, wildcards as a `u`+`s` regular expression
 * anchored at both ends (`.` is one code point, `[^]*` spans newlines).
 */

import { foldCase } from '../../src/matchers/case-fold.js';
import type { Pattern, WildcardToken } from '../../src/matchers/pattern.js';

/** Escapes regular-expression syntax in a literal. */
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** The reference regular expression of a wildcard pattern. */
function wildcardRegExp(tokens: readonly WildcardToken[], cased: boolean): RegExp {
  const fold = (text: string): string => (cased ? text : foldCase(text));
  const source = tokens
    .map((token) => {
      if (token.type === 'any') return '[^]*';
      if (token.type === 'one') return '.';
      return escapeRegExp(fold(token.value));
    })
    .join('');
  return new RegExp(`^(?:${source})$`, 'su');
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
      return wildcardRegExp(pattern.tokens, pattern.cased).test(subject);
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
