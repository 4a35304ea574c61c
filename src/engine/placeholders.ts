/**
 * Placeholders for the `expand` modifier: `%name%` in a value stands for
 * each of the values the user gives for `name` (`--placeholders FILE`).
 * `\%` is a plain `%`. A rule whose placeholder has no values is rejected,
 * as the specification asks of implementations that cannot fill them.
 */

import type { WildcardToken } from '../matchers/pattern.js';
import { parseSigmaString } from './sigma-string.js';

/** Placeholder name (without `%`) to its values, as Sigma strings. */
export type PlaceholderValues = Readonly<Record<string, readonly string[]>>;

/** The result of expanding one value. */
export type ExpandResult =
  | { readonly ok: true; readonly alternatives: WildcardToken[][] }
  | { readonly ok: false; readonly missing: string };

const PLACEHOLDER = /(?<!\\)%([^%]+)%/g;

/** Expands every `%name%` in the literal runs of `tokens`. */
export function expandPlaceholders(
  tokens: readonly WildcardToken[],
  values: PlaceholderValues,
): ExpandResult {
  let alternatives: WildcardToken[][] = [[]];
  for (const token of tokens) {
    if (token.type !== 'literal') {
      alternatives = alternatives.map((tokensSoFar) => [...tokensSoFar, token]);
      continue;
    }
    const pieces = expandLiteral(token.value, values);
    if (!pieces.ok) return pieces;
    alternatives = alternatives.flatMap((soFar) =>
      pieces.alternatives.map((p) => [...soFar, ...p]),
    );
  }
  return { ok: true, alternatives };
}

/** Names of the placeholders in a raw value. */
export function placeholderNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

function expandLiteral(text: string, values: PlaceholderValues): ExpandResult {
  let alternatives: WildcardToken[][] = [[]];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    const options = values[name];
    if (options === undefined || options.length === 0)
      return { ok: false, missing: name };
    const before = literal(text.slice(last, match.index));
    alternatives = alternatives.flatMap((soFar) =>
      options.map((option) => [...soFar, ...before, ...parseSigmaString(option)]),
    );
    last = match.index + match[0].length;
  }
  const rest = literal(text.slice(last));
  return { ok: true, alternatives: alternatives.map((soFar) => [...soFar, ...rest]) };
}

function literal(text: string): WildcardToken[] {
  const plain = text.replaceAll('\\%', '%');
  return plain === '' ? [] : [{ type: 'literal', value: plain }];
}
