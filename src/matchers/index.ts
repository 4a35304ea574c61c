/**
 * Entry point of the matchers: `compileMatcher` turns a list of patterns into
 * a `Matcher` with a chosen strategy, or picks one (`auto`).
 */

import type { Matcher, MatcherFactory, StrategyName } from './matcher.js';
import { STRATEGY_NAMES } from './matcher.js';
import { createAhoCorasickMatcher } from './aho-corasick.js';
import { createNaiveMatcher } from './naive.js';
import type { Pattern } from './pattern.js';
import {
  createRegexUnionMatcher,
  createRegexUnionUnchunkedMatcher,
} from './regex-union.js';

export type { Matcher, MatcherFactory, StrategyName } from './matcher.js';
export { STRATEGY_NAMES } from './matcher.js';
export type { Pattern, PatternKind, WildcardToken } from './pattern.js';

/** The factory of each strategy. */
export const MATCHER_FACTORIES: Readonly<Record<StrategyName, MatcherFactory>> = {
  naive: createNaiveMatcher,
  'regex-union': createRegexUnionMatcher,
  'regex-union-unchunked': createRegexUnionUnchunkedMatcher,
  'aho-corasick': createAhoCorasickMatcher,
};

/** A strategy name, or `auto` to let `chooseStrategy` decide. */
export type StrategyChoice = StrategyName | 'auto';

/** True when `name` is a strategy name or `auto` (for parsing `--matcher`). */
export function isStrategyChoice(name: string): name is StrategyChoice {
  return name === 'auto' || (STRATEGY_NAMES as readonly string[]).includes(name);
}

/** Picks a strategy for a pattern list by its size and kinds. */
export function chooseStrategy(patterns: readonly Pattern[]): StrategyName {
  return patterns.length <= 4 ? 'naive' : 'aho-corasick';
}

/**
 * Compiles `patterns` into a matcher. With `auto` (the default) the strategy
 * comes from `chooseStrategy`; every strategy gives the same verdicts.
 */
export function compileMatcher(
  patterns: readonly Pattern[],
  strategy: StrategyChoice = 'auto',
): Matcher {
  const name = strategy === 'auto' ? chooseStrategy(patterns) : strategy;
  return MATCHER_FACTORIES[name](patterns);
}
