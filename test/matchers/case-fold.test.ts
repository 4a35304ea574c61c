/**
 * `foldCase`: the context-free lower case of the engine, the same for long
 * texts answered from its memo as for short ones folded afresh.
 */

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { foldCase } from '../../src/matchers/case-fold.js';

/** The fold by its definition: `toLowerCase`, then final sigma as sigma. */
const expected = (text: string) => text.toLowerCase().replaceAll('ς', 'σ');

describe('foldCase', () => {
  it('folds final sigma context-free and keeps length-changing folds', () => {
    expect(foldCase('ΟΔΟΣ')).toBe('οδοσ');
    expect(foldCase('İ')).toBe('i\u0307');
    expect(foldCase('KELVIN \u212a')).toBe('kelvin k');
  });

  test.prop(
    [
      fc.array(fc.string({ minLength: 250, maxLength: 300, unit: 'grapheme' }), {
        minLength: 1,
        maxLength: 12,
      }),
    ],
    { numRuns: 200 },
  )('gives the same fold for long texts, remembered or not', (texts) => {
    for (const text of [...texts, ...texts.reverse(), ...texts]) {
      expect(foldCase(text)).toBe(expected(text));
    }
  });
});
