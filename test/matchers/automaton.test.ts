/**
 * The automaton's compact (deep) states: forced on with a small `denseStates`
 * and met at their default size by a big pattern set, every scan must report
 * exactly the key occurrences that a naive search finds.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildAutomaton,
  compactNext,
  type Automaton,
} from '../../src/matchers/automaton.js';
import { compileMatcher } from '../../src/matchers/index.js';
import type { Pattern } from '../../src/matchers/pattern.js';
import { referenceMatching } from './reference.js';

const SEED = Number(process.env.FC_SEED ?? 20261203);
const RUNS = Number(process.env.FC_RUNS ?? 300);

/** `entry@end` for every key occurrence the automaton reports in `text`. */
function scan(automaton: Automaton, text: string): string[] {
  const { table, compact, classes, firstReporting, stride, reportStart, reports } =
    automaton;
  const found: string[] = [];
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    const c = classes[text.charCodeAt(i)] ?? 0;
    s = s >= 0 ? (table[s + c] ?? 0) : compactNext(table, compact, s, c);
    if (s < firstReporting) continue;
    const k = (s - firstReporting) / stride;
    for (let r = reportStart[k] ?? 0; r < (reportStart[k + 1] ?? 0); r++) {
      found.push(`${reports[r]}@${i}`);
    }
  }
  return found.sort();
}

/** The same occurrences by plain string search over the folded text. */
function naiveScan(keys: readonly string[], text: string, fold: boolean): string[] {
  const subject = fold ? text.toLowerCase() : text;
  const found: string[] = [];
  keys.forEach((key, entry) => {
    for (let at = subject.indexOf(key); at >= 0; at = subject.indexOf(key, at + 1)) {
      found.push(`${entry}@${at + key.length - 1}`);
    }
  });
  return found.sort();
}

const word = (max: number) => fc.stringMatching(new RegExp(`^[abcAB.]{1,${max}}$`));

describe('compact automaton states', () => {
  it('agree with a naive search when forced on', () => {
    fc.assert(
      fc.property(
        fc.array(word(9), { minLength: 1, maxLength: 12 }),
        fc.array(word(40), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        (raw, texts, fold, denseStates) => {
          const keys = [...new Set(fold ? raw.map((k) => k.toLowerCase()) : raw)];
          const automatonKeys = keys.map((text, entry) => ({ text, entry }));
          const automaton = buildAutomaton(automatonKeys, fold, { denseStates });
          for (const text of [...texts, keys.join('')]) {
            expect(scan(automaton, text)).toEqual(naiveScan(keys, text, fold));
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('are used for long chains past the dense states', () => {
    const keys = ['abcabcabcab', 'bca', 'a.b.c.a'].map((text, entry) => ({
      text,
      entry,
    }));
    const automaton = buildAutomaton(keys, true, { denseStates: 2 });
    expect(automaton.compact.length).toBeGreaterThan(0);
    expect(buildAutomaton(keys, true).compact.length).toBe(0);
    const text = 'xABCABCABCABCA.B.C.Abca';
    expect(scan(automaton, text)).toEqual(
      naiveScan(['abcabcabcab', 'bca', 'a.b.c.a'], text, true),
    );
  });

  it('keep aho-corasick exact on a pattern set big enough to need them', () => {
    const values = fc.sample(
      fc.stringMatching(/^[a-z0-9]{2,8}\.[a-z]{2,10}\.(com|net)$/),
      {
        seed: SEED,
        numRuns: 4000,
      },
    );
    const automatonKeys = values.map((text, entry) => ({ text, entry }));
    expect(buildAutomaton(automatonKeys, true).compact.length).toBeGreaterThan(0);
    const patterns: Pattern[] = values.map((value) => ({
      kind: 'contains',
      value,
      cased: false,
    }));
    const matcher = compileMatcher(patterns, 'aho-corasick');
    const hays = values
      .slice(0, 300)
      .flatMap((value, i) => [
        i % 2 === 0 ? `www.${value.toUpperCase()}` : `x${value}`,
        value.slice(0, -1),
        `${value.slice(1)}.${values[i + 1] ?? ''}`,
        `${value.slice(0, 5)}é${value.slice(5)}`,
      ]);
    for (const haystack of [...hays, 'nothing-here.com', '']) {
      const want = referenceMatching(patterns, haystack);
      expect(matcher.matchingPatterns(haystack)).toEqual(want);
      expect(matcher.test(haystack)).toBe(want.length > 0);
    }
  });
});
