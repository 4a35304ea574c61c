/**
 * Patterns: what a matcher looks for in a haystack (an event field's string
 * value). Every matcher strategy compiles a list of patterns and must give
 * exactly the verdicts of the reference semantics below.
 *
 * Reference semantics. Let `f` be `foldCase` (`case-fold.ts`) when the pattern is not
 * `cased`, and the identity otherwise. A pattern matches a haystack `h` when:
 * - `equals`: `f(h) === f(value)`;
 * - `contains`: `f(h)` contains `f(value)`;
 * - `startswith` / `endswith`: `f(h)` starts / ends with `f(value)`;
 * - `wildcard`: `f(h)` as a whole is matched by the tokens, where a literal
 *   token matches `f(literal)`, `any` matches zero or more code points
 *   (newlines included) and `one` matches exactly one code point.
 *
 */

/** One piece of a wildcard pattern. */
export type WildcardToken =
  | { readonly type: 'literal'; readonly value: string }
  | { readonly type: 'any' }
  | { readonly type: 'one' };

/** A pattern whose kind is one plain comparison of a literal. */
export interface LiteralPattern {
  readonly kind: 'equals' | 'contains' | 'startswith' | 'endswith';
  readonly value: string;
  /** Compare case-sensitively (the `cased` modifier). */
  readonly cased: boolean;
}

/** A pattern with `*` / `?` wildcards anywhere, matched against the whole haystack. */
export interface WildcardPattern {
  readonly kind: 'wildcard';
  readonly tokens: readonly WildcardToken[];
  readonly cased: boolean;
}

/** Anything a matcher can look for. */
export type Pattern = LiteralPattern | WildcardPattern;

/** The kinds of pattern. */
export type PatternKind = Pattern['kind'];
