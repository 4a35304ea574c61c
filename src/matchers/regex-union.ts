/**
 * The `regex-union` strategies: the literal patterns joined into regular
 * expressions with the `i` flag (the haystack is never lower-cased for
 * them), the alternatives `a|^b|c$|^d$` factored into a trie
 * (`tunnel\.(?:eu|us)\.ngrok\.com`).
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

/** Stands for `^` in trie keys: never part of an ASCII literal. */
const START = '\u0100';

/** Escapes regular-expression syntax in one character of a trie key. */
function escapeChar(char: string): string {
  if (char === START) return '^';
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

/** A trie node of the union: its children, and how a key may end at it. */
interface TrieNode {
  readonly children: Map<string, TrieNode>;
  /** `anywhere`: a key ends here; `at-end`: one ends here if the haystack does. */
  ends: 'none' | 'anywhere' | 'at-end';
}

/**
 * The key of one literal in the union's trie: `START` first when the match
 * must begin at the haystack's start, and whether it must reach its end.
 */
function trieKey(pattern: PreparedLiteral): { text: string; atEnd: boolean } {
  const atStart = pattern.kind === 'startswith' || pattern.kind === 'equals';
  const atEnd = pattern.kind === 'endswith' || pattern.kind === 'equals';
  return { text: (atStart ? START : '') + pattern.value, atEnd };
}

/**
 * The source of one expression matching wherever any key matches: the keys
 * factored into a trie (`ab|ac` becomes `a(?:b|c)`), so that the engine
 * follows one branch per start position instead of trying every alternative.
 * `test` needs no more than some match, so a key that ends anywhere cuts off
 * the longer keys below it.
 */
function trieSource(keys: readonly { text: string; atEnd: boolean }[]): string {
  const root: TrieNode = { children: new Map(), ends: 'none' };
  for (const key of keys) {
    let node = root;
    for (const char of key.text) {
      if (node.ends === 'anywhere') break;
      let child = node.children.get(char);
      if (child === undefined) {
        child = { children: new Map(), ends: 'none' };
        node.children.set(char, child);
      }
      node = child;
    }
    if (node.ends !== 'anywhere') node.ends = key.atEnd ? 'at-end' : 'anywhere';
  }
  const emit = (node: TrieNode): string => {
    if (node.ends === 'anywhere') return '';
    const branches = [...node.children].map(
      ([char, child]) => escapeChar(char) + emit(child),
    );
    if (node.ends === 'at-end') branches.unshift('$');
    return branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`;
  };
  return emit(root);
}

/**
 * Expressions whose sources stay under `limit` (unless one key alone passes
 * it), together matching wherever any key matches. The keys are sorted, so
 * that each expression covers a run of neighbours that share prefixes, and
 * halved until each run's source fits.
 */
function buildUnion(
  keys: readonly { text: string; atEnd: boolean }[],
  flags: string,
  limit: number,
): RegExp[] {
  const expressions: RegExp[] = [];
  const split = (run: readonly { text: string; atEnd: boolean }[]) => {
    const source = trieSource(run);
    if (source.length <= limit || run.length === 1) {
      expressions.push(new RegExp(source, flags));
      return;
    }
    const middle = run.length >> 1;
    split(run.slice(0, middle));
    split(run.slice(middle));
  };
  const sorted = [...keys].sort((a, b) =>
    a.text < b.text ? -1 : a.text > b.text ? 1 : 0,
  );
  if (sorted.length > 0) split(sorted);
  return expressions;
}

/** The union expressions for the ASCII literals of one case mode. */
function unionFor(prepared: readonly PreparedPattern[], cased: boolean, limit: number) {
  const keys = prepared
    .filter((p): p is PreparedLiteral => p.kind !== 'wildcard' && p.cased === cased)
    .filter((p) => isAscii(p.value))
    .map(trieKey);
  return buildUnion(keys, cased ? '' : 'i', limit);
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
