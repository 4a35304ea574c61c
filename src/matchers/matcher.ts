/**
 * The matcher interface shared by every strategy. A matcher is compiled once
 * from a list of patterns and then asked about many haystacks.
 */

import type { Pattern } from './pattern.js';

/** Names of the matcher strategies, as used by `--matcher`. */
export const STRATEGY_NAMES = [
  'naive',
  'regex-union',
  'regex-union-unchunked',
  'aho-corasick',
] as const;

/** A matcher strategy name. */
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** A compiled set of patterns. */
export interface Matcher {
  /** The strategy that built this matcher. */
  readonly strategy: StrategyName;
  /** The patterns, in the order they were given. */
  readonly patterns: readonly Pattern[];
  /** True when at least one pattern matches `haystack`. */
  test(haystack: string): boolean;
  /** Indices (into `patterns`) of every pattern that matches, ascending. */
  matchingPatterns(haystack: string): number[];
}

/** Builds a matcher for a list of patterns. */
export type MatcherFactory = (patterns: readonly Pattern[]) => Matcher;
