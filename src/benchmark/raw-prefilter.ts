/**
 * A raw-line literal prefilter for NDJSON: it finds, in the undecoded bytes
 * of many lines at once, the lines that may hold one of a rule's needles
 * (`ruleset/requirement.ts`: folded literals one of which every match
 * contains), so that every other line can be skipped without `JSON.parse`.
 *
 * Contract (exact about JSON): a line is flagged whenever some string,
 * number or boolean of its JSON value, as `comparableString` gives it and
 * folded with `foldCase`, contains a needle. It may flag more lines. Why:
 * - Between escapes, a JSON string's decoded text is its raw text, so a
 *   needle inside an escape-free stretch is found by an ASCII
 *   case-insensitive byte search (`findNeedles`).
 * - An escape can only hide a needle when its decoded character, folded,
 *   holds a character of some needle. Such escapes flag their line:
 *   `\uXXXX` is decoded and checked (surrogates always flag), and the
 *   two-byte escapes (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`) are
 *   looked for only when a needle holds the character they stand for. A
 *   `\\u` that is really an escaped backslash followed by `u` is read as if
 *   it were `\u`, which can only flag more.
 * - Non-ASCII characters whose fold holds a needle's ASCII character (the
 *   Kelvin sign folds to `k`, `İ` to `i` + U+0307) flag their line by their
 *   UTF-8 bytes.
 * - Numbers: `comparableString` of a number may differ from its JSON text
 *   (`1e2` is `100`). A needle made only of characters a number's string
 *   can hold (digits, `.`, `e`, `+`, `-`, the letters of `infinity`) could
 *   hide there, so such needles decline the prefilter.
 * Needles holding non-ASCII characters, or shorter than four characters
 * (the search reads four-byte blocks), decline it too: the caller then parses every line.
 */

import { isAscii as isAsciiBytes } from 'node:buffer';
import { isBlank } from '../events/ndjson.js';
import { foldCase, isAscii } from '../matchers/case-fold.js';

/** A ready prefilter, or why the needles cannot be prefiltered exactly. */
export type RawPrefilterResult =
  | { readonly kind: 'ready'; readonly prefilter: RawPrefilter }
  | { readonly kind: 'declined'; readonly reason: string };

/** Characters `String(number)` can produce, folded. */
const NUMBER_CHARACTERS = /^[0-9.e+\-infty]+$/;

/** The two-byte JSON escapes and the character each stands for. */
const SHORT_ESCAPES: readonly (readonly [string, string])[] = [
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
];

/** Bytes per Wu-Manber block: needles need at least this many characters. */
const BLOCK = 4;

/** Bits of a block hash: the size of the shift table. */
const HASH_BITS = 12;

const BACKSLASH_U = Buffer.from('\\u', 'latin1');
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;

/** Non-ASCII characters whose fold holds ASCII, with that ASCII, computed once. */
let foldsToAscii: readonly (readonly [string, string])[] | undefined;

/** Every non-ASCII character whose `foldCase` holds an ASCII character. */
function asciiFolds(): readonly (readonly [string, string])[] {
  if (foldsToAscii !== undefined) return foldsToAscii;
  const found: [string, string][] = [];
  for (let cp = 0x80; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const char = String.fromCodePoint(cp);
    const ascii = [...foldCase(char)].filter((c) => c.charCodeAt(0) < 0x80).join('');
    if (ascii !== '') found.push([char, ascii]);
  }
  foldsToAscii = found;
  return found;
}

/** Builds the prefilter of `needles` (folded literals), or declines. */
export function createRawPrefilter(needles: readonly string[]): RawPrefilterResult {
  for (const needle of needles) {
    const declined = (why: string) =>
      ({ kind: 'declined', reason: `needle '${needle}' ${why}` }) as const;
    if (needle.length < BLOCK) return declined(`is shorter than ${BLOCK} characters`);
    if (!isAscii(needle)) return declined('is not ASCII');
    if (NUMBER_CHARACTERS.test(needle)) return declined('could hide in a number');
  }
  return { kind: 'ready', prefilter: new RawPrefilter(needles) };
}

/** ASCII lower case of every byte; other bytes unchanged. */
const FOLD = Uint8Array.from({ length: 256 }, (_, b) =>
  b >= 0x41 && b <= 0x5a ? b + 0x20 : b,
);

/** The prefilter of a set of ASCII needles (see the module comment). */
export class RawPrefilter {
  private readonly needles: readonly Uint8Array[];
  /** Window length: the shortest needle. */
  private readonly window: number;
  /** Wu-Manber shift per folded two-byte block; 0 = a needle's window ends here. */
  private readonly shift: Uint8Array;
  /** Needles whose first window ends with a block, by block. */
  private readonly buckets = new Map<number, Uint8Array[]>();
  /** Byte sequences that flag their line (escapes, folding characters). */
  private readonly unsafe: readonly Buffer[];
  /** The escapes of `unsafe`: all that an ASCII chunk can hold. */
  private readonly escapes: readonly Buffer[];
  /** Folded characters of the needles. */
  private readonly characters: ReadonlySet<string>;

  /** Use `createRawPrefilter`, which checks the needles first. */
  constructor(needles: readonly string[]) {
    this.needles = needles.map((n) => Uint8Array.from(Buffer.from(n, 'latin1')));
    this.characters = new Set(needles.join(''));
    this.window = Math.min(...needles.map((n) => n.length));
    const m = this.window;
    this.shift = new Uint8Array(1 << HASH_BITS).fill(Math.min(255, m - BLOCK + 1));
    for (const needle of this.needles) {
      for (let j = BLOCK - 1; j < m; j++) {
        const block = blockHash(needle, j);
        const shift = m - 1 - j;
        if (shift < (this.shift[block] ?? 0)) this.shift[block] = shift;
        if (shift === 0) {
          this.buckets.set(block, [...(this.buckets.get(block) ?? []), needle]);
        }
      }
    }
    this.unsafe = this.unsafeSequences();
    this.escapes = this.unsafe.filter((sequence) => sequence[0] === 0x5c);
  }

  private unsafeSequences(): Buffer[] {
    const sequences: Buffer[] = [];
    for (const [letter, char] of SHORT_ESCAPES) {
      if (this.characters.has(char)) sequences.push(Buffer.from(`\\${letter}`, 'latin1'));
    }
    for (const [char, ascii] of asciiFolds()) {
      if ([...ascii].some((c) => this.characters.has(c))) {
        sequences.push(Buffer.from(char, 'utf8'));
      }
    }
    return sequences;
  }

  /** True when a decoded `\uXXXX` at `at` (the backslash) could hide a needle. */
  private unicodeEscapeIsUnsafe(bytes: Uint8Array, at: number, end: number): boolean {
    if (at + 6 > end) return true;
    const hex = Buffer.from(bytes.buffer, bytes.byteOffset + at + 2, 4).toString(
      'latin1',
    );
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) return true;
    const unit = parseInt(hex, 16);
    if (unit >= 0xd800 && unit <= 0xdfff) return true;
    for (const c of foldCase(String.fromCharCode(unit))) {
      if (this.characters.has(c)) return true;
    }
    return false;
  }

  /**
   * Calls `visit(lineStart, lineEnd, flagged)` for every non-blank line of
   * `bytes[0, end)` (lines end at `\n` or at `end`), in order, where
   * `flagged` says the line may hold a needle. Blank lines (empty or
   * whitespace only) are left out, as the NDJSON reader leaves them out.
   */
  scanLines(bytes: Buffer, end: number, visit: LineVisitor): void {
    visitLines(bytes, end, this.flaggedPositions(bytes, end), visit);
  }

  /** True when one line (without its newline) may hold a needle. */
  lineMayMatch(line: string | Buffer): boolean {
    const bytes = typeof line === 'string' ? Buffer.from(line, 'utf8') : line;
    return this.flaggedPositions(bytes, bytes.length).length > 0;
  }

  /** Sorted positions of needle starts and unsafe sequences in `bytes[0, end)`. */
  private flaggedPositions(bytes: Buffer, end: number): number[] {
    const found: number[] = [];
    this.findNeedles(bytes, end, found);
    const ascii = isAsciiBytes(bytes.subarray(0, end));
    for (const sequence of ascii ? this.escapes : this.unsafe) {
      findAll(bytes, sequence, end, found);
    }
    for (let at = bytes.indexOf(BACKSLASH_U); at !== -1 && at < end;) {
      if (this.unicodeEscapeIsUnsafe(bytes, at, end)) found.push(at);
      at = bytes.indexOf(BACKSLASH_U, at + 1);
    }
    return found.sort((a, b) => a - b);
  }

  /**
   * Wu-Manber search with hashed four-byte blocks over ASCII-folded bytes: pushes
   * the start of every needle occurrence (at least one per line holding
   * any) to `found`. After a hit it moves on to the next line.
   */
  private findNeedles(bytes: Buffer, end: number, found: number[]): void {
    const { shift, window: m, buckets } = this;
    let at = m - 1;
    while (at < end) {
      const block = blockHash(bytes, at);
      const step = shift[block]!;
      if (step !== 0) {
        at += step;
        continue;
      }
      const start = at - m + 1;
      if (buckets.get(block)!.some((needle) => occursAt(bytes, start, end, needle))) {
        found.push(start);
        const newline = bytes.indexOf(NEWLINE, at);
        if (newline === -1 || newline >= end) return;
        at = newline + m;
      } else at += 1;
    }
  }
}

/**
 * Hash of the four bytes ending at `at`, each OR 0x20 (which lower-cases
 * ASCII letters; other bytes may collide, which only shortens shifts).
 */
function blockHash(bytes: Uint8Array, at: number): number {
  const word =
    bytes[at - 3]! |
    (bytes[at - 2]! << 8) |
    (bytes[at - 1]! << 16) |
    (bytes[at]! << 24) |
    0x20202020;
  return Math.imul(word, 0x9e3779b1) >>> (32 - HASH_BITS);
}

/** Receives a line `[lineStart, lineEnd)` and whether it may hold a needle. */
export type LineVisitor = (lineStart: number, lineEnd: number, flagged: boolean) => void;

/** Calls `visit` for every non-blank line of `bytes[0, end)`, each flagged. */
export function visitEveryLine(bytes: Buffer, end: number, visit: LineVisitor): void {
  visitLines(bytes, end, undefined, visit);
}

/**
 * Visits the non-blank lines of `bytes[0, end)`; a line is flagged when a
 * position of `flags` (sorted) falls in it, or always without `flags`.
 */
function visitLines(
  bytes: Buffer,
  end: number,
  flags: readonly number[] | undefined,
  visit: LineVisitor,
): void {
  let next = 0;
  let start = 0;
  while (start < end) {
    let stop = bytes.indexOf(NEWLINE, start);
    if (stop === -1 || stop > end) stop = end;
    if (stop > start && (bytes[start] === OPEN_BRACE || !isBlank(bytes, start, stop))) {
      if (flags === undefined) visit(start, stop, true);
      else {
        while (next < flags.length && flags[next]! < start) next++;
        visit(start, stop, next < flags.length && flags[next]! < stop);
      }
    }
    start = stop + 1;
  }
}

/** True when `needle` (folded) occurs at `start` in the folded `bytes`. */
function occursAt(
  bytes: Buffer,
  start: number,
  end: number,
  needle: Uint8Array,
): boolean {
  if (start + needle.length > end) return false;
  for (let k = 0; k < needle.length; k++) {
    if (FOLD[bytes[start + k]!] !== needle[k]) return false;
  }
  return true;
}

/** Pushes every position of `sequence` in `bytes[0, end)` to `found`. */
function findAll(bytes: Buffer, sequence: Buffer, end: number, found: number[]): void {
  for (let at = bytes.indexOf(sequence); at !== -1 && at < end;) {
    found.push(at);
    at = bytes.indexOf(sequence, at + 1);
  }
}
