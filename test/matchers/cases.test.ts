import { describe, expect, it } from 'vitest';
import { compileMatcher, STRATEGY_NAMES } from '../../src/matchers/index.js';
import type { Pattern } from '../../src/matchers/pattern.js';
import { referenceMatching } from './reference.js';

/** Shorthand for a case-insensitive literal pattern. */
function lit(
  kind: 'equals' | 'contains' | 'startswith' | 'endswith',
  value: string,
  cased = false,
): Pattern {
  return { kind, value, cased };
}

/** Shorthand for a wildcard written with `*` and `?`. */
function wild(text: string, cased = false): Pattern {
  const tokens = [...text].map((char) =>
    char === '*'
      ? ({ type: 'any' } as const)
      : char === '?'
        ? ({ type: 'one' } as const)
        : ({ type: 'literal', value: char } as const),
  );
  return { kind: 'wildcard', tokens, cased };
}

/** One case table: patterns, haystack, expected matching indices. */
const CASES: readonly {
  name: string;
  patterns: Pattern[];
  haystack: string;
  want: number[];
}[] = [
  {
    name: 'seed host, mixed case',
    patterns: [
      lit('contains', 'tunnel.us.ngrok.com'),
      lit('contains', 'tunnel.eu.ngrok.com'),
    ],
    haystack: 'X.TUNNEL.EU.Ngrok.com',
    want: [1],
  },
  {
    name: 'anchors',
    patterns: [
      lit('startswith', 'ab'),
      lit('endswith', 'cd'),
      lit('equals', 'abcd'),
      lit('equals', 'abc'),
      lit('startswith', 'bc'),
    ],
    haystack: 'ABcD',
    want: [0, 1, 2],
  },
  {
    name: 'overlapping and prefix patterns',
    patterns: [
      lit('contains', 'he'),
      lit('contains', 'she'),
      lit('contains', 'hers'),
      lit('contains', 'his'),
    ],
    haystack: 'ushers',
    want: [0, 1, 2],
  },
  {
    name: 'empty values',
    patterns: [
      lit('contains', ''),
      lit('equals', ''),
      lit('startswith', ''),
      lit('endswith', ''),
    ],
    haystack: '',
    want: [0, 1, 2, 3],
  },
  {
    name: 'empty equals against non-empty',
    patterns: [lit('equals', ''), lit('contains', 'zz')],
    haystack: 'a',
    want: [],
  },
  {
    name: 'Kelvin sign folds to k',
    patterns: [lit('contains', 'ngrok'), lit('contains', 'NGRO\u212A')],
    haystack: 'x.ngro\u212A.com',
    want: [0, 1],
  },
  {
    name: 'dotted capital I changes length',
    patterns: [
      lit('endswith', 'i\u0307x'),
      lit('equals', '\u0130x'),
      lit('contains', 'ix'),
    ],
    haystack: '\u0130X',
    want: [0, 1],
  },
  {
    name: 'final sigma',
    patterns: [lit('contains', 'σa'), lit('endswith', 'Σ')],
    haystack: 'ΟΔΟΣ',
    want: [1],
  },
  {
    name: 'regex metacharacters',
    patterns: [lit('contains', 'a.b'), lit('contains', '(x|y)*'), lit('equals', '^$')],
    haystack: 'a.b (X|Y)*',
    want: [0, 1],
  },
  {
    name: 'cased',
    patterns: [lit('contains', 'Ngrok', true), lit('contains', 'ngrok', true)],
    haystack: 'x.ngrok.io',
    want: [1],
  },
  {
    name: 'wildcards backtrack and span newlines',
    patterns: [wild('*a?c'), wild('a*\n*z'), wild('??'), wild('*'), wild('x?')],
    haystack: 'aaXc',
    want: [0, 3],
  },
  {
    name: 'one is one code point',
    patterns: [wild('?'), wild('??'), wild('a?b')],
    haystack: '😀',
    want: [0],
  },
  {
    name: 'wildcard segments may not overlap',
    patterns: [wild('a*b*b'), wild('a*b'), wild('ab*ab'), wild('*b*b*')],
    haystack: 'AB',
    want: [1],
  },
  {
    name: 'wildcard literals end on code point boundaries',
    patterns: [wild('*\ud83d*'), wild('*\ude00'), wild('a*\ude00*'), wild('*😀')],
    haystack: 'a😀',
    want: [3],
  },
  {
    name: 'wildcard with newline',
    patterns: [wild('a*z'), wild('A?Z')],
    haystack: 'a\nz',
    want: [0, 1],
  },
];

describe.each(STRATEGY_NAMES)('strategy %s', (strategy) => {
  it.each(CASES)('$name', ({ patterns, haystack, want }) => {
    expect(referenceMatching(patterns, haystack)).toEqual(want);
    const matcher = compileMatcher(patterns, strategy);
    expect(matcher.matchingPatterns(haystack)).toEqual(want);
    expect(matcher.test(haystack)).toBe(want.length > 0);
  });
});
