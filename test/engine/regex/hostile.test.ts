/**
 * Hostile inputs: patterns known to make a backtracking engine take
 * exponential or polynomial time run on the linear engine, and long
 * haystacks never reach V8. The time limit is a safety bound far above the
 * expected cost, not a benchmark.
 */

import { describe, expect, test } from 'vitest';
import { compileSigmaRegex, V8_HAYSTACK_LIMIT } from '../../../src/engine/regex/index.js';
import { flagsOf, NO_FLAGS } from './linear.js';

const LENGTH = 50_000;
const SAFETY_BOUND_MS = 2_000;

/** [pattern, flags, haystack, expected verdict] */
const HOSTILE: readonly (readonly [string, string, string, boolean])[] = [
  ['(a+)+$', '', `${'a'.repeat(LENGTH)}!`, false],
  ['(a|aa)*b', '', 'a'.repeat(LENGTH), false],
  ['(.*)*x', '', 'a'.repeat(LENGTH), false],
  ['.*.*.*.*x', '', 'a'.repeat(LENGTH), false],
  ['\\s*\\s*x', '', ' '.repeat(LENGTH), false],
  ['a*a*b', 'i', 'A'.repeat(LENGTH), false],
  ['(\\w+\\s?)+$', '', `${'word '.repeat(LENGTH / 5)}!`, false],
  ['^(a?){25}a{25}$', '', 'a'.repeat(25), true],
  ['.*a.*b.*c', 's', 'ab\n'.repeat(LENGTH / 3), false],
  ['(?:x+x+)+y', '', 'x'.repeat(LENGTH), false],
  ['(a|a)+$', 'i', `${'a'.repeat(LENGTH)}b`, false],
];

describe('hostile patterns run on the linear engine', () => {
  test.each(HOSTILE)('/%s/%s', (pattern, letters, haystack, expected) => {
    const compiled = compileSigmaRegex(pattern, flagsOf(letters));
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.regex.engine).toBe('linear');
    const started = performance.now();
    expect(compiled.regex.test(haystack)).toBe(expected);
    expect(performance.now() - started).toBeLessThan(SAFETY_BOUND_MS);
  });
});

/** Patterns V8 runs safely from one start, but quadratically over a search. */
const QUADRATIC_SEARCH: readonly (readonly [string, string])[] = [
  ['a.*b', 'a'.repeat(LENGTH)],
  ['.*x', 'a'.repeat(LENGTH)],
  ['\\s+x', ' '.repeat(LENGTH)],
  ['[^\\\\]+\\.exe$', `${'a'.repeat(LENGTH)}.exe `],
];

describe('long haystacks skip V8', () => {
  test.each(QUADRATIC_SEARCH)(
    '/%s/ on a haystack longer than the V8 limit',
    (pattern, haystack) => {
      const compiled = compileSigmaRegex(pattern, NO_FLAGS);
      if (!compiled.ok) throw new Error(compiled.message);
      expect(compiled.regex.engine).toBe('v8');
      expect(haystack.length).toBeGreaterThan(V8_HAYSTACK_LIMIT);
      const started = performance.now();
      expect(compiled.regex.test(haystack)).toBe(false);
      expect(performance.now() - started).toBeLessThan(SAFETY_BOUND_MS);
    },
  );
});

describe('static analysis', () => {
  test.each([
    ['\\\\[^\\\\]+\\\\[^\\\\]+\\.exe', 'v8'],
    ['\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}', 'v8'],
    ['(?:\\d{1,3}\\.){3}\\d{1,3}', 'v8'],
    ['(?:ab|cd)+e', 'v8'],
    ['^[a-z]+:\\/\\/', 'v8'],
    ['cmd\\.exe.*\\/c', 'v8'],
    ['(?:ab|a)+c', 'linear'],
    ['(?:a?)+', 'linear'],
    ['(?:a|)+', 'linear'],
    ['\\w+\\s*\\w+x', 'linear'],
    ['.*\\\\foo\\\\.*\\.exe', 'linear'],
    ['a?a?a?a?a?a?a?a?a?aaaaaaaaa', 'linear'],
    ['(?:\\w{1,20}){1,20}', 'linear'],
  ])('/%s/ runs on %s', (pattern, engine) => {
    const compiled = compileSigmaRegex(pattern, NO_FLAGS);
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.regex.engine).toBe(engine);
  });
});
