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

/** Folds `text` for case-insensitive comparison. */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.replaceAll('ς', 'σ');
}

/** True when `text` holds only ASCII characters. */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}
