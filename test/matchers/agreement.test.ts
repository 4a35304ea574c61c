/**
 * Agreement property: every strategy gives exactly the reference's verdicts
 * and match sets. The seed is fixed (override with FC_SEED) so CI replays the
 * same runs; a failure prints the seed, path and shrunk counterexample.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher, STRATEGY_NAMES } from '../../src/matchers/index.js';
import type { Pattern, WildcardToken } from '../../src/matchers/pattern.js';
import { referenceMatching } from './reference.js';

const SEED = Number(process.env.FC_SEED ?? 20261203);
const RUNS = Number(process.env.FC_RUNS ?? 300);

/** Characters chosen to collide: case pairs, folds that change length, syntax. */
const ALPHABET = [
  'a',
  'b',
  'n',
  'A',
  'B',
  'N',
  '.',
  '-',
  'k',
  'K',
  '\u212A',
  '\u0130',
  'i',
  'I',
  '\u0307',
  'ς',
  'σ',
  'Σ',
  'ß',
  'ẞ',
  '😀',
  '*',
  '?',
  '(',
  '|',
  '$',
  '\\',
  '\n',
  ' ',
];

const text = (maxLength: number) =>
  fc.array(fc.constantFrom(...ALPHABET), { maxLength }).map((chars) => chars.join(''));

const token: fc.Arbitrary<WildcardToken> = fc.oneof(
  text(4).map((value) => ({ type: 'literal', value }) as const),
  fc.constant({ type: 'any' } as const),
  fc.constant({ type: 'one' } as const),
);

const pattern: fc.Arbitrary<Pattern> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('equals', 'contains', 'startswith', 'endswith'),
    value: text(5),
    cased: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('wildcard' as const),
    tokens: fc.array(token, { maxLength: 5 }),
    cased: fc.boolean(),
  }),
);

/** Re-cases a string at random positions, including non-ASCII letters. */
const recase = (value: string) =>
  fc
    .array(fc.boolean(), { minLength: value.length, maxLength: value.length })
    .map((flags) => [...value].map((c, i) => (flags[i] ? c.toUpperCase() : c)).join(''));

/** The literal text a pattern is built from, to plant it in haystacks. */
function plantable(p: Pattern): string {
  if (p.kind !== 'wildcard') return p.value;
  return p.tokens
    .map((t) => (t.type === 'literal' ? t.value : t.type === 'one' ? 'x' : ''))
    .join('');
}

/** Haystacks that often hold the patterns, re-cased, with noise around them. */
function haystacks(patterns: readonly Pattern[]): fc.Arbitrary<string[]> {
  const planted = fc
    .tuple(text(4), fc.constantFrom('', ...patterns.map(plantable)), text(4))
    .chain(([before, core, after]) => recase(core).map((c) => before + c + after));
  const long = fc
    .tuple(
      fc.constantFrom('ab', ...patterns.map(plantable)),
      fc.integer({ min: 50, max: 400 }),
    )
    .map(([unit, times]) => unit.repeat(times) + 'B');
  return fc.array(fc.oneof(planted, text(12), long, fc.constant('')), {
    minLength: 1,
    maxLength: 8,
  });
}

const scenario = fc
  .array(pattern, { minLength: 1, maxLength: 12 })
  .chain((patterns) => haystacks(patterns).map((hays) => ({ patterns, hays })));

describe.each(STRATEGY_NAMES)('strategy %s agrees with the reference', (strategy) => {
  it('on generated pattern sets and haystacks', () => {
    fc.assert(
      fc.property(scenario, ({ patterns, hays }) => {
        const matcher = compileMatcher(patterns, strategy);
        for (const haystack of hays) {
          const want = referenceMatching(patterns, haystack);
          expect(matcher.matchingPatterns(haystack)).toEqual(want);
          expect(matcher.test(haystack)).toBe(want.length > 0);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('on a list large enough to be chunked', () => {
    const list = fc.sample(
      fc.record({
        kind: fc.constantFrom('equals', 'contains', 'startswith', 'endswith'),
        value: fc.stringMatching(/^[a-z0-9.-]{3,14}$/),
        cased: fc.constant(false),
      }),
      { seed: SEED, numRuns: 3000 },
    ) as Pattern[];
    const hays = list.slice(0, 200).map((p, i) => {
      const value = p.kind === 'wildcard' ? '' : p.value;
      return i % 3 === 0 ? value.toUpperCase() : `x${value}y`;
    });
    const matcher = compileMatcher(list, strategy);
    for (const haystack of [...hays, 'nothing-here', '']) {
      const want = referenceMatching(list, haystack);
      expect(matcher.matchingPatterns(haystack)).toEqual(want);
      expect(matcher.test(haystack)).toBe(want.length > 0);
    }
  });
});
