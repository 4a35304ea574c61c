/**
 * Exact wildcard matching, shared by every strategy.
 *
 * Contract: `compileWildcard(tokens, cased).matches(h)` is true exactly when
 * the reference semantics of `pattern.ts` say so: the folded haystack (or the
 * raw one when `cased`), read as a sequence of code points, is matched as a
 * whole by the tokens. `any` spans newlines; `one` takes one code point.
 *
 * Method: the tokens are split at `any` into segments of literal code points
 * and `one` slots. The first segment is anchored at the start, the last at
 * the end, and each middle segment is placed at its leftmost occurrence after
 * the previous one. Leftmost placement never loses a match, so the cost is
 * O(haystack x pattern) with no backtracking blow-up.
 *
 * A pattern without `one` slots whose literals hold no surrogate code unit
 * is placed the same way on the UTF-16 string itself (`startsWith`,
 * `indexOf`, `endsWith`), with no code point array per call: a literal that
 * starts and ends with a whole BMP character can only be found at code
 * point boundaries, so both readings place it alike.
 */

import { foldCase } from './case-fold.js';
import type { WildcardToken } from './pattern.js';

/** Marks a `one` slot inside a segment. */
const ONE = -1;

/** A compiled wildcard pattern. */
export interface WildcardMatcher {
  /** True when the pattern matches `haystack` (folded here unless cased). */
  matches(haystack: string): boolean;
  /** Same as `matches`, for a haystack already folded (or raw when cased). */
  matchesPrepared(prepared: string): boolean;
}

/** Compiles wildcard tokens; literals are folded unless `cased`. */
export function compileWildcard(
  tokens: readonly WildcardToken[],
  cased: boolean,
): WildcardMatcher {
  const segments = splitSegments(tokens, cased);
  const prepare = cased ? (h: string) => h : foldCase;
  const texts = textSegments(tokens, segments);
  const matchesPrepared =
    texts === undefined
      ? (prepared: string): boolean => matchSegments(segments, codePoints(prepared))
      : (prepared: string): boolean => matchTextSegments(texts, prepared);
  return {
    matches: (haystack) => matchesPrepared(prepare(haystack)),
    matchesPrepared,
  };
}

/** The code points of `text`. */
function codePoints(text: string): number[] {
  const points: number[] = [];
  for (const char of text) points.push(char.codePointAt(0) ?? 0);
  return points;
}

/** Splits tokens at every `any` into segments of code points and `ONE` slots. */
function splitSegments(tokens: readonly WildcardToken[], cased: boolean): number[][] {
  const segments: number[][] = [[]];
  for (const token of tokens) {
    const current = segments[segments.length - 1] ?? [];
    if (token.type === 'any') segments.push([]);
    else if (token.type === 'one') current.push(ONE);
    else current.push(...codePoints(cased ? token.value : foldCase(token.value)));
  }
  return segments;
}

/** True when `segment` matches `hay` at position `at`. */
function matchAt(
  hay: readonly number[],
  at: number,
  segment: readonly number[],
): boolean {
  for (let k = 0; k < segment.length; k++) {
    const want = segment[k];
    if (want !== ONE && hay[at + k] !== want) return false;
  }
  return true;
}

/** Places the segments: first at the start, last at the end, middle leftmost. */
function matchSegments(segments: readonly number[][], hay: readonly number[]): boolean {
  const first = segments[0] ?? [];
  if (segments.length === 1) {
    return hay.length === first.length && matchAt(hay, 0, first);
  }
  const last = segments[segments.length - 1] ?? [];
  const end = hay.length - last.length;
  if (end < first.length || !matchAt(hay, 0, first) || !matchAt(hay, end, last)) {
    return false;
  }
  let position = first.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const segment = segments[s] ?? [];
    let at = position;
    while (at + segment.length <= end && !matchAt(hay, at, segment)) at++;
    if (at + segment.length > end) return false;
    position = at + segment.length;
  }
  return true;
}

/**
 * The segments as strings, when the string path applies (see the module
 * doc): no `one` token and no surrogate code unit in any literal.
 */
function textSegments(
  tokens: readonly WildcardToken[],
  segments: readonly number[][],
): string[] | undefined {
  if (tokens.some((token) => token.type === 'one')) return undefined;
  const texts = segments.map((points) => String.fromCodePoint(...points));
  return texts.some((text) => /[\ud800-\udfff]/.test(text)) ? undefined : texts;
}

/** `matchSegments` on the UTF-16 string, for segments from `textSegments`. */
function matchTextSegments(segments: readonly string[], hay: string): boolean {
  const first = segments[0] ?? '';
  if (segments.length === 1) return hay === first;
  const last = segments[segments.length - 1] ?? '';
  const end = hay.length - last.length;
  if (end < first.length || !hay.startsWith(first) || !hay.endsWith(last)) return false;
  let position = first.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const segment = segments[s] ?? '';
    const at = hay.indexOf(segment, position);
    if (at < 0 || at + segment.length > end) return false;
    position = at + segment.length;
  }
  return true;
}
