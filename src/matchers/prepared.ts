/**
 * Patterns prepared once for matching: literal values folded (unless
 * `cased`) and wildcards compiled. Every strategy starts from these, so the
 * folding rule of `pattern.ts` lives in one place.
 */

import { foldCase } from './case-fold.js';
import type { LiteralPattern, Pattern } from './pattern.js';
import { compileWildcard, type WildcardMatcher } from './wildcard.js';

/** A literal pattern with its comparison value ready. */
export interface PreparedLiteral {
  readonly kind: LiteralPattern['kind'];
  /** Index of the pattern in the list given to the strategy. */
  readonly index: number;
  readonly cased: boolean;
  /** The value folded with `foldCase`, or as written when `cased`. */
  readonly value: string;
}

/** A wildcard pattern with its exact matcher. */
export interface PreparedWildcard {
  readonly kind: 'wildcard';
  readonly index: number;
  readonly cased: boolean;
  readonly matcher: WildcardMatcher;
}

/** A pattern ready for matching. */
export type PreparedPattern = PreparedLiteral | PreparedWildcard;

/** Prepares every pattern, keeping their order and indices. */
export function preparePatterns(patterns: readonly Pattern[]): PreparedPattern[] {
  return patterns.map((pattern, index) =>
    pattern.kind === 'wildcard'
      ? {
          kind: 'wildcard',
          index,
          cased: pattern.cased,
          matcher: compileWildcard(pattern.tokens, pattern.cased),
        }
      : {
          kind: pattern.kind,
          index,
          cased: pattern.cased,
          value: pattern.cased ? pattern.value : foldCase(pattern.value),
        },
  );
}

/**
 * True when a prepared pattern matches. `folded` is `foldCase(haystack)`;
 * `raw` is the haystack as given (used by cased patterns).
 */
export function preparedMatches(
  pattern: PreparedPattern,
  raw: string,
  folded: string,
): boolean {
  const subject = pattern.cased ? raw : folded;
  switch (pattern.kind) {
    case 'equals':
      return subject === pattern.value;
    case 'contains':
      return subject.includes(pattern.value);
    case 'startswith':
      return subject.startsWith(pattern.value);
    case 'endswith':
      return subject.endsWith(pattern.value);
    case 'wildcard':
      return pattern.matcher.matchesPrepared(subject);
  }
}
