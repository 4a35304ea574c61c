/**
 * Field values that satisfy one detection item, value by value, built from
 * the Sigma meaning of the item's modifiers rather than from the engine's
 * compiled form:
 *
 * - wildcards and `contains` / `startswith` / `endswith`: the literal text
 *   with random ASCII case changes (unless `cased`), random text for `*`
 *   and one character for `?`, anchored as the modifier says;
 * - `windash`: a random dash of the five for each word-start `-` or `/`;
 * - `base64`, `base64offset`, `wide` / `utf16*`: the other way round, a
 *   value holding the encoded form; for `base64offset|contains` the base64
 *   of the bytes with 0 to 2 random bytes on each side;
 * - `re`: a string from the regex syntax tree; `cidr`: an address inside
 *   the network; `gt` ... `lte`: a number; `exists`, `null`: presence or
 *   absence; `fieldref`: the referenced field's value; `expand`: the
 *   placeholder's value.
 */

import * as encode from '../engine/encodings.js';
import type { PlaceholderValues } from '../engine/placeholders.js';
import { parseSigmaString, plainText } from '../engine/sigma-string.js';
import { parseNetwork } from '../engine/cidr.js';
import type { WildcardToken } from '../matchers/pattern.js';
import type { DetectionItem, DetectionValue } from '../rule/model.js';
import type { Random } from './random.js';
import { generateRegexMatch } from './regex-generator.js';
import { ipv6Text } from './reference.js';

/** Where a text piece must stand in the field's value. */
export type Anchor = 'exact' | 'start' | 'end' | 'float';

/** What one written value asks of the field. */
export type Piece =
  | { readonly kind: 'text'; readonly text: string; readonly anchor: Anchor }
  | { readonly kind: 'json'; readonly value: string | number | boolean }
  | { readonly kind: 'absent' }
  | { readonly kind: 'present' }
  | { readonly kind: 'fieldref'; readonly field: string; readonly anchor: Anchor };

/** The pieces of an item, or why they cannot be generated. */
export type PiecesResult =
  | { readonly ok: true; readonly pieces: Piece[] }
  | { readonly ok: false; readonly reason: string };

const ENCODERS = new Set([
  'wide',
  'utf16le',
  'utf16be',
  'utf16',
  'base64',
  'base64offset',
]);
const POSITIONS: Readonly<Record<string, Anchor>> = {
  contains: 'float',
  startswith: 'start',
  endswith: 'end',
};
const FLAGS = new Set(['all', 'cased', 'neq']);
const REGEX_FLAGS = new Set(['i', 'ignorecase', 'm', 'multiline', 's', 'dotall']);
const COMPARE = new Set(['gt', 'gte', 'lt', 'lte']);
const CASE_CHANGE = 0.25;

/**
 * Pieces that make `item`'s values (as if without `neq`) hold: one random
 * value, or every value with `all`.
 */
export function itemPieces(
  item: DetectionItem,
  placeholders: PlaceholderValues,
  random: Random,
): PiecesResult {
  const modifiers = item.modifiers.filter((m) => !FLAGS.has(m));
  const cased = item.modifiers.includes('cased');
  const written = item.values.length === 0 ? [null] : item.values;
  const chosen = item.modifiers.includes('all') ? written : [random.pick(written)];
  const pieces: Piece[] = [];
  for (const value of chosen) {
    const piece = valuePiece(value, modifiers, { cased, placeholders, random });
    if ('reason' in piece) return { ok: false, reason: piece.reason };
    pieces.push(piece);
  }
  return { ok: true, pieces };
}

interface PieceContext {
  readonly cased: boolean;
  readonly placeholders: PlaceholderValues;
  readonly random: Random;
}

function valuePiece(
  value: DetectionValue,
  modifiers: readonly string[],
  context: PieceContext,
): Piece | { readonly reason: string } {
  const [head, ...rest] = modifiers;
  if (value === null) return { kind: 'absent' };
  if (head === 're') return regexPiece(String(value), rest, context.random);
  if (head === 'cidr') return cidrPiece(String(value), context.random);
  if (head === 'exists') {
    const present = value === true || String(value).toLowerCase() === 'true';
    return { kind: present ? 'present' : 'absent' };
  }
  if (head === 'fieldref') {
    return { kind: 'fieldref', field: String(value), anchor: anchorOf(rest) };
  }
  if (head !== undefined && COMPARE.has(head)) return comparePiece(head, Number(value));
  if (modifiers.length === 0 && typeof value !== 'string' && context.random.chance(0.5)) {
    return { kind: 'json', value };
  }
  return stringPiece(value, modifiers, context);
}

function anchorOf(modifiers: readonly string[]): Anchor {
  const position = modifiers.find((m) => POSITIONS[m] !== undefined);
  return position === undefined ? 'exact' : (POSITIONS[position] as Anchor);
}

function regexPiece(pattern: string, flagNames: readonly string[], random: Random) {
  const has = (a: string, b: string): boolean =>
    flagNames.includes(a) || flagNames.includes(b);
  const unknown = flagNames.find(
    (f) => !REGEX_FLAGS.has(f) && POSITIONS[f] === undefined,
  );
  if (unknown !== undefined) return { reason: `modifier '${unknown}' after 're'` };
  const flags = {
    ignoreCase: has('i', 'ignorecase'),
    multiline: has('m', 'multiline'),
    dotAll: has('s', 'dotall'),
  };
  const generated = generateRegexMatch(pattern, flags, random);
  if (!generated.ok) return { reason: generated.reason };
  const anchor: Anchor = generated.anchored ? 'exact' : 'float';
  return { kind: 'text', text: generated.text, anchor } as const;
}

function cidrPiece(text: string, random: Random): Piece | { readonly reason: string } {
  const parsed = parseNetwork(text);
  if (!parsed.ok) return { reason: parsed.message };
  const bytes = Uint8Array.from(parsed.network.bytes);
  for (let bit = parsed.network.prefix; bit < bytes.length * 8; bit++) {
    if (random.chance(0.5))
      bytes[bit >> 3] = (bytes[bit >> 3] as number) | (0x80 >> (bit & 7));
  }
  const address = bytes.length === 4 ? [...bytes].join('.') : ipv6Text(bytes);
  return { kind: 'text', text: address, anchor: 'exact' };
}

function comparePiece(operator: string, value: number): Piece {
  const step = Number.isInteger(value) ? 1 : 0.5;
  const number =
    operator === 'gt' ? value + step : operator === 'lt' ? value - step : value;
  return { kind: 'json', value: number };
}

function stringPiece(
  value: DetectionValue,
  modifiers: readonly string[],
  context: PieceContext,
): Piece | { readonly reason: string } {
  let tokens: WildcardToken[] =
    typeof value === 'string'
      ? parseSigmaString(value)
      : [{ type: 'literal', value: String(value) }];
  for (const name of modifiers) {
    if (name === 'expand') tokens = expandTokens(tokens, context.placeholders);
    else if (name === 'windash') tokens = windashTokens(tokens, context.random);
    else if (!ENCODERS.has(name) && POSITIONS[name] === undefined) {
      return { reason: `modifier '${name}' on a string` };
    }
  }
  const anchor = anchorOf(modifiers);
  const encoders = modifiers.filter((m) => ENCODERS.has(m));
  if (encoders.length === 0) {
    return { kind: 'text', text: render(tokens, context), anchor };
  }
  return encodedPiece(plainText(tokens), encoders, anchor, context.random);
}

function encodedPiece(
  text: string,
  encoders: readonly string[],
  anchor: Anchor,
  random: Random,
): Piece | { readonly reason: string } {
  let bytes = encode.utf8(text);
  for (const name of encoders) {
    if (name === 'wide' || name === 'utf16le') bytes = encode.utf16le(text);
    else if (name === 'utf16be') bytes = encode.utf16be(text);
    else if (name === 'utf16') bytes = encode.utf16WithBom(text);
    else if (name === 'base64')
      return { kind: 'text', text: encode.base64(bytes), anchor };
    else if (anchor === 'float') {
      const before = randomBytes(random.int(3), random);
      const after = randomBytes(random.int(3), random);
      const whole = new Uint8Array([...before, ...bytes, ...after]);
      return { kind: 'text', text: encode.base64(whole), anchor };
    } else {
      return { kind: 'text', text: random.pick(encode.base64Offsets(bytes)), anchor };
    }
  }
  return { reason: `'${encoders.join('|')}' leaves bytes without base64` };
}

function render(tokens: readonly WildcardToken[], context: PieceContext): string {
  const { random } = context;
  return tokens
    .map((token) => {
      if (token.type === 'any') return random.pick(['', ' ', random.word()]);
      if (token.type === 'one') return random.word(1);
      return context.cased ? token.value : changeCase(token.value, random);
    })
    .join('');
}

function changeCase(text: string, random: Random): string {
  return text.replace(/[A-Za-z]/g, (c) =>
    random.chance(CASE_CHANGE)
      ? c === c.toLowerCase()
        ? c.toUpperCase()
        : c.toLowerCase()
      : c,
  );
}

const PLACEHOLDER = /(?<!\\)%([^%]+)%/g;

function expandTokens(
  tokens: readonly WildcardToken[],
  placeholders: PlaceholderValues,
): WildcardToken[] {
  return tokens.map((token) => {
    if (token.type !== 'literal') return token;
    const value = token.value
      .replace(PLACEHOLDER, (_, name: string) => placeholders[name]?.[0] ?? '')
      .replaceAll('\\%', '%');
    return { type: 'literal', value };
  });
}

function windashTokens(
  tokens: readonly WildcardToken[],
  random: Random,
): WildcardToken[] {
  return tokens.map((token) => {
    if (token.type !== 'literal') return token;
    const positions = encode.windashPositions(token.value);
    const chars = [...token.value];
    let offset = 0;
    const out = chars.map((c) => {
      const at = offset;
      offset += c.length;
      return positions.includes(at) ? random.pick(encode.WINDASH_CHARACTERS) : c;
    });
    return { type: 'literal', value: out.join('') };
  });
}

function randomBytes(length: number, random: Random): number[] {
  return Array.from({ length }, () => random.int(256));
}
