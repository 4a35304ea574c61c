/**
 * Differential property: on random patterns of the supported subset and
 * random haystacks over a small alphabet (case variants, line terminators,
 * characters whose case mapping is special), the linear engine answers
 * exactly as V8's `RegExp.prototype.test`. Fixed seed; fast-check prints the
 * seed, the replay path and the shrunk counterexample on failure.
 */

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  caseEquivalents,
  canonicalize,
} from '../../../src/engine/regex/case-canonical.js';
import { compileSigmaRegex } from '../../../src/engine/regex/index.js';
import { flagsOf, linearEngine, v8Engine } from './linear.js';

const SEED = 20_261_203;

/**
 * U+017F and U+212A appear in haystacks only: V8 mishandles them as pattern
 * literals in `i` alternations (see rule 4 of `safety.ts` and the test below).
 */
const LETTERS = ['a', 'b', 'A', 'B', 'k', 'K', 's', 'S', 'é', 'É', 'ß', 'σ', 'ς'];
const CASE_QUIRKS = ['\u017f', '\u212a'];
const OTHERS = ['-', ' ', '\n', '\r', '\u2028', '.', '1', '_', '\\'];

const atom = fc.constantFrom(
  ...LETTERS,
  ...['-', ' ', '1', '_', '\\n', '\\r', '\\.', '\\\\', '\\-', '\\"', ']', '}', '\\u2028'],
  ...['.', '\\d', '\\D', '\\w', '\\W', '\\s', '\\S', '\\x61', '\\u004B', '\\cJ'],
  ...['[ab]', '[^a]', '[a-c]', '[A-Z]', '[^\\n]', '[\\s\\d]', '[^\\w]', '[k-s]'],
  ...['[]', '[^]', '[\\W\\d]', '[-a]', '[\\u00e0-\\u00ff]', '[^A-Z_]'],
);
const assertion = fc.constantFrom('^', '$', '\\b', '\\B');
const quantifier = fc.constantFrom(
  ...['*', '+', '?', '{2}', '{0,2}', '{1,}', '{2,3}', '{0}', '{3,}', '{0,1}', '{1,4}'],
);

const pattern = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    assertion,
    fc.array(tie('node'), { minLength: 2, maxLength: 4 }).map((items) => items.join('')),
    fc
      .array(tie('node'), { minLength: 2, maxLength: 3 })
      .map((b) => `(?:${b.join('|')})`),
    fc
      .tuple(tie('node'), quantifier, fc.boolean())
      .map(([body, q, lazy]) => `(?:${body})${q}${lazy ? '?' : ''}`),
    fc
      .tuple(atom, quantifier, fc.boolean())
      .map(([a, q, lazy]) => `${a}${q}${lazy ? '?' : ''}`),
    tie('node').map((body) => `(${body})`),
    tie('node').map((body) => `(?<g>${body})`),
  ),
})).node;

/** Gives every `(?<g>` group its own name, as V8 requires. */
function uniqueGroupNames(source: string): string {
  let count = 0;
  return source.replaceAll('(?<g>', () => `(?<g${count++}>`);
}

const haystack = fc
  .array(fc.constantFrom(...LETTERS, ...CASE_QUIRKS, ...OTHERS), { maxLength: 14 })
  .map((units) => units.join(''));

const flagLetters = fc.subarray(['i', 'm', 's']).map((letters) => letters.join(''));

describe('linear engine agrees with V8', () => {
  test('on random patterns, flags and haystacks', () => {
    fc.assert(
      fc.property(
        pattern,
        flagLetters,
        fc.array(haystack, { maxLength: 6 }),
        (p, f, hs) => {
          const flags = flagsOf(f);
          p = uniqueGroupNames(p);
          const linear = linearEngine(p, flags);
          const v8 = v8Engine(p, flags);
          for (const h of hs)
            expect(linear(h), `/${p}/${f} on ${JSON.stringify(h)}`).toBe(v8(h));
        },
      ),
      { seed: SEED, numRuns: 3_000 },
    );
  });
});

describe('counted runs agree with V8 on longer haystacks', () => {
  const bounds = fc
    .tuple(fc.nat({ max: 6 }), fc.option(fc.nat({ max: 6 }), { nil: undefined }))
    .map(([min, extra]) => `{${min},${extra === undefined ? '' : min + extra}}`);
  const shape = fc.constantFrom('a%b', '^a%$', '(?:x|a%)b', 'b.%b', '[ab]%a', 'a%a%b');
  const longHaystack = fc
    .array(fc.constantFrom('a', 'a', 'a', 'b', '\n', 'x'), { maxLength: 40 })
    .map((units) => units.join(''));

  test('for random bounds, shapes and haystacks', () => {
    fc.assert(
      fc.property(shape, bounds, fc.array(longHaystack, { maxLength: 8 }), (s, b, hs) => {
        const source = s.replaceAll('%', b);
        const linear = linearEngine(source, flagsOf('m'));
        const v8 = v8Engine(source, flagsOf('m'));
        for (const h of hs)
          expect(linear(h), `/${source}/ on ${JSON.stringify(h)}`).toBe(v8(h));
      }),
      { seed: SEED, numRuns: 1_000 },
    );
  });
});

describe('known V8 divergence', () => {
  test.each([
    ['\u017f|s|S', 's'],
    ['\u212a|k|K', 'k'],
    ['a\u017f|as|aS', 'as'],
  ])('/%s/i on %j follows the specification on the linear engine', (p, h) => {
    const compiled = compileSigmaRegex(p, flagsOf('i'));
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.regex.engine).toBe('linear');
    expect(compiled.regex.test(h)).toBe(true);
  });
});

describe('case canonicalization agrees with V8 without the u flag', () => {
  test('for every code unit and its case variants', () => {
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      const caseless = char.toUpperCase() === char && char.toLowerCase() === char;
      if (caseless && caseEquivalents(code).length === 1) continue;
      const regExp = new RegExp(`^\\u${code.toString(16).padStart(4, '0')}$`, 'i');
      const variants = [
        char.toUpperCase(),
        char.toLowerCase(),
        ...caseEquivalents(code).map((other) => String.fromCharCode(other)),
      ];
      for (const variant of variants) {
        if (variant.length !== 1) continue;
        const same = canonicalize(variant.charCodeAt(0)) === canonicalize(code);
        if (regExp.test(variant) !== same) {
          expect.fail(`U+${code.toString(16)} vs ${JSON.stringify(variant)}: V8 differs`);
        }
      }
    }
  });
});
