/**
 * Sigma strings: a value with `*` and `?` wildcards and backslash escapes.
 *
 * Escapes (Sigma specification v2.1, as pySigma reads them): `\*`, `\?` and
 * `\\` stand for the plain characters `*`, `?` and `\`. A backslash before
 * any other character, or at the end of the value, is a plain backslash.
 * `[`, `]`, `{` and `(` have no special meaning.
 */

import type { Pattern, WildcardToken } from '../matchers/pattern.js';

/** The `*` wildcard: any run of characters, newlines included. */
export const ANY: WildcardToken = { type: 'any' };

/** The `?` wildcard: exactly one character. */
export const ONE: WildcardToken = { type: 'one' };

/** Parses a raw Sigma string into literal and wildcard tokens. */
export function parseSigmaString(raw: string): WildcardToken[] {
  const tokens: WildcardToken[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') tokens.push({ type: 'literal', value: literal });
    literal = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    const next = raw[i + 1];
    if (char === '\\' && (next === '*' || next === '?' || next === '\\')) {
      literal += next;
      i++;
    } else if (char === '*' || char === '?') {
      flush();
      tokens.push(char === '*' ? ANY : ONE);
    } else {
      literal += char;
    }
  }
  flush();
  return tokens;
}

/** Builds tokens for a plain string with no wildcards. */
export function literalTokens(text: string): WildcardToken[] {
  return text === '' ? [] : [{ type: 'literal', value: text }];
}

/** True when any token is a wildcard. */
export function hasWildcard(tokens: readonly WildcardToken[]): boolean {
  return tokens.some((token) => token.type !== 'literal');
}

/** The plain text of tokens that hold no wildcard. */
export function plainText(tokens: readonly WildcardToken[]): string {
  return tokens.map((token) => (token.type === 'literal' ? token.value : '')).join('');
}

/** Adds `*` at the start unless the tokens already start with one. */
export function withLeadingAny(tokens: readonly WildcardToken[]): WildcardToken[] {
  return tokens[0]?.type === 'any' ? [...tokens] : [ANY, ...tokens];
}

/** Adds `*` at the end unless the tokens already end with one. */
export function withTrailingAny(tokens: readonly WildcardToken[]): WildcardToken[] {
  return tokens.at(-1)?.type === 'any' ? [...tokens] : [...tokens, ANY];
}

/** Writes tokens back in Sigma syntax, escaping what needs it. */
export function formatSigmaString(tokens: readonly WildcardToken[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'any') return '*';
      if (token.type === 'one') return '?';
      return token.value.replace(/[\\*?]/g, (c) => `\\${c}`);
    })
    .join('');
}

/**
 * The simplest pattern kind that means the same as the tokens: a plain
 * value is `equals`, `*x*` is `contains`, `x*` is `startswith`, `*x` is
 * `endswith`, anything else is `wildcard`.
 */
export function toPattern(tokens: readonly WildcardToken[], cased: boolean): Pattern {
  if (!hasWildcard(tokens)) return { kind: 'equals', value: plainText(tokens), cased };
  const [first, second, third] = tokens;
  const literalAt = (token: WildcardToken | undefined): string | undefined =>
    token?.type === 'literal' ? token.value : undefined;
  if (tokens.length === 3 && first?.type === 'any' && third?.type === 'any') {
    const value = literalAt(second);
    if (value !== undefined) return { kind: 'contains', value, cased };
  }
  if (tokens.length === 2 && first?.type === 'any' && literalAt(second) !== undefined) {
    return { kind: 'endswith', value: literalAt(second) as string, cased };
  }
  if (tokens.length === 2 && second?.type === 'any' && literalAt(first) !== undefined) {
    return { kind: 'startswith', value: literalAt(first) as string, cased };
  }
  return { kind: 'wildcard', tokens: [...tokens], cased };
}
