/**
 * Case folding used by every case-insensitive comparison in the engine:
 * equality, `contains`, `startswith`, `endswith`, wildcards and keywords.
 *
 * The fold is JavaScript's default `toLowerCase()` (Unicode simple and
 * special lower-case mappings, no locale), made context-free: the final
 * sigma `ς` that `toLowerCase()` produces at the end of a word is folded to
 * `σ`, so folding a part of a string gives a part of the folded string.
 * Some characters change length (`İ` folds to `i` + U+0307); compare folded
 * strings with each other, never indices of a folded string with the
 * original.
 */

const NON_ASCII = /[\u0080-\uffff]/;
const ASCII_UNIT = /[^\u0080-\uffff]/;

/**
 * Texts at least this long are remembered with their fold: a rule tests one
 * field with many items (a PowerShell `Payload` of kilobytes against a dozen
 * `contains|all` values), and each item would fold the same text again.
 */
const MEMO_MIN_LENGTH = 256;

/** Size of the memo: the last few long texts folded, oldest overwritten. */
const MEMO_SLOTS = 4;

const memoText: string[] = [];
const memoFold: string[] = [];
let memoNext = 0;

/** Folds `text` for case-insensitive comparison. */
export function foldCase(text: string): string {
  if (text.length < MEMO_MIN_LENGTH) return fold(text);
  for (let slot = 0; slot < memoText.length; slot++) {
    if (memoText[slot] === text) return memoFold[slot] as string;
  }
  const folded = fold(text);
  memoText[memoNext] = text;
  memoFold[memoNext] = folded;
  memoNext = (memoNext + 1) % MEMO_SLOTS;
  return folded;
}

function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.replaceAll('ς', 'σ');
}

/**
 * The non-ASCII code units whose fold holds an ASCII character (the Kelvin
 * sign folds to `k`, `İ` to `i` + U+0307). A text without them folds to a
 * text whose ASCII characters are its own ASCII characters, lower-cased.
 * No code point outside the Basic Multilingual Plane folds to ASCII, which
 * `test/matchers/case-fold.test.ts` checks over every code point.
 */
export const ASCII_FOLDING_UNITS: string = asciiFoldingUnits();

function asciiFoldingUnits(): string {
  let units = '';
  for (let unit = 0x80; unit <= 0xffff; unit++) {
    const char = String.fromCharCode(unit);
    if (ASCII_UNIT.test(fold(char))) units += char;
  }
  return units;
}

/** True when `text` holds only ASCII characters. */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}
