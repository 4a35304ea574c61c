/**
 * `NeedleScanner` reports every literal the folded text holds, whatever
 * path a text takes: rejected by the gate, scanned as ASCII, or folded and
 * scanned again. The reference is `foldCase(text).includes(literal)`. The
 * seed is fixed (override with FC_SEED).
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASCII_FOLDING_UNITS, foldCase } from '../../src/matchers/case-fold.js';
import { NeedleScanner } from '../../src/ruleset/needle-scanner.js';

const SEED = Number(process.env.FC_SEED ?? 20261204);

/** Case pairs, the units that fold to ASCII, other non-ASCII, JSON-ish syntax. */
const ALPHABET = ['a', 'b', 'k', 'K', 'i', 'I', ':', '.', '\\', ' ', '\u212A', '\u0130'];
const TEXT_ALPHABET = [...ALPHABET, 'é', 'ß', '\u0307', 'Σ', '😀'];

const literal = (alphabet: readonly string[]) =>
  fc
    .array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 4 })
    .map((chars) => foldCase(chars.join('')));
const text = fc
  .array(fc.constantFrom(...TEXT_ALPHABET), { maxLength: 40 })
  .map((chars) => chars.join(''));

/** The literal indices the scanner reports, each once, ascending. */
function scanned(scanner: NeedleScanner, haystack: string): number[] {
  const found = new Set<number>();
  scanner.scan(haystack, (index) => found.add(index));
  return [...found].sort((a, b) => a - b);
}

function expected(literals: readonly string[], haystack: string): number[] {
  const folded = foldCase(haystack);
  return literals.flatMap((needle, index) => (folded.includes(needle) ? [index] : []));
}

describe('NeedleScanner', () => {
  it('knows the units that fold to ASCII, and no astral code point does', () => {
    expect([...ASCII_FOLDING_UNITS].sort()).toEqual(['\u0130', '\u212A']);
    for (let point = 0x10000; point <= 0x10ffff; point += 1) {
      const folded = foldCase(String.fromCodePoint(point));
      if (/[^\u0080-\uffff]/.test(folded))
        expect.fail(`U+${point.toString(16)} folds to ASCII`);
    }
  });

  it('finds a literal hidden behind a unit that folds to ASCII', () => {
    const scanner = new NeedleScanner(['kerberos::', 'sekurlsa::']);
    expect(scanned(scanner, 'run \u212AERBEROS::ptt')).toEqual([0]);
    expect(scanned(scanner, 'run kerberos:ptt, sekurlsa')).toEqual([]);
  });

  it.each([
    ['ASCII literals (gated)', ALPHABET.slice(0, 10), 1, 8, 500],
    ['literals with any unit (gated, non-ASCII)', TEXT_ALPHABET, 1, 8, 500],
    ['more literals than the gate takes (no gate)', TEXT_ALPHABET, 65, 80, 100],
  ] as const)(
    'reports what foldCase(text).includes finds: %s',
    (_, alphabet, min, max, runs) => {
      fc.assert(
        fc.property(
          fc.array(literal(alphabet), { minLength: min, maxLength: max }),
          fc.array(text, { minLength: 1, maxLength: 6 }),
          (literals, texts) => {
            const scanner = new NeedleScanner(literals);
            for (const haystack of texts) {
              expect(scanned(scanner, haystack)).toEqual(expected(literals, haystack));
            }
          },
        ),
        { seed: SEED, numRuns: runs },
      );
    },
  );
});
