import { describe, expect, test } from 'vitest';
import { compileSigmaRegex } from '../../../src/engine/regex/index.js';
import { flagsOf, linearEngine, NO_FLAGS, v8Engine } from './linear.js';

/** [pattern, flags, haystack, expected verdict] */
type Case = readonly [string, string, string, boolean];

const CASES: Record<string, readonly Case[]> = {
  'substring search and anchors': [
    ['cmd', '', 'C:\\CMD.exe', false],
    ['cmd', '', 'c:\\cmd.exe', true],
    ['^cmd', '', 'xcmd', false],
    ['^cmd', '', 'cmdx', true],
    ['exe$', '', 'a.exe', true],
    ['exe$', '', 'a.exe\n', false],
    ['^b$', 'm', 'a\nb\nc', true],
    ['^b$', '', 'a\nb\nc', false],
    ['^b$', 'm', 'a\rb\u2028c', true],
    ['^$', '', '', true],
    ['a|^b', '', 'cb', false],
  ],
  'dot and dotAll': [
    ['a.b', '', 'a\nb', false],
    ['a.b', '', 'a\rb', false],
    ['a.b', '', 'a\u2029b', false],
    ['a.b', 's', 'a\nb', true],
    ['a.b', '', 'a\tb', true],
    ['a.b', '', 'a\u{1F600}b', false],
    ['a..b', '', 'a\u{1F600}b', true],
  ],
  escapes: [
    ['\\d+', '', 'x42', true],
    ['\\d', '', '\u0663', false],
    ['\\D', '', '123', false],
    ['\\w', '', 'é', false],
    ['\\W', 'i', 'k', false],
    ['\\W', 'i', '\u212a', true],
    ['\\s', '', '\u00a0', true],
    ['\\s', '', '\ufeff', true],
    ['\\s', '', '\u200b', false],
    ['\\S', '', ' \t\n', false],
    ['\\bcmd\\b', '', 'a cmd b', true],
    ['\\bcmd\\b', '', 'acmd', false],
    ['\\Bmd', '', 'cmd', true],
    ['\\bé', '', ' é', false],
    ['\\t\\n\\r\\v\\f', '', '\t\n\r\v\f', true],
    ['\\x41\\u0042', '', 'AB', true],
    ['\\x4', '', 'x4', true],
    ['\\u00', '', 'u00', true],
    ['\\cJ', '', '\n', true],
    ['\\c1', '', '\\c1', true],
    ['\\0', '', '\0', true],
    ['\\"\\\'\\/\\-', '', '"\'/-', true],
    ['a]b}c{d', '', 'a]b}c{d', true],
    ['a{,2}', '', 'a{,2}', true],
    ['\\k', '', 'k', true],
  ],
  classes: [
    ['[a-c]', '', 'b', true],
    ['[^a-c]', '', 'abc', false],
    ['[\\d-z]', '', '-', true],
    ['[\\d-z]', '', 'y', false],
    ['[a-]', '', '-', true],
    ['[\\b]', '', '\b', true],
    ['[\\]]', '', ']', true],
    ['[\\c1]', '', '\u0011', true],
    ['[\\c]', '', 'c', true],
    ['[\\101]', '', 'A', true],
    ['[\\8]', '', '8', true],
    ['[]', '', 'abc', false],
    ['[^]', '', '\n', true],
    ['[^\\n]', '', '\n', false],
    ['[\\s\\w]', '', '\u3000', true],
    ['[A-Z]', 'i', 'q', true],
    ['[^A-Z]', 'i', 'q', false],
    ['[^x]', 'i', 'X', false],
  ],
  'case-insensitive matching (non-Unicode)': [
    ['abc', 'i', 'xAbCx', true],
    ['\u00e9', 'i', '\u00c9', true],
    ['s', 'i', '\u017f', false],
    ['k', 'i', '\u212a', false],
    ['\u00df', 'i', 'SS', false],
    ['\u03c3', 'i', '\u03c2', true],
    ['(?i)cmd', '', 'CMD', true],
    ['(?i)(?s)a.b', '', 'A\nB', true],
    ['(?ims)^b.c', '', 'a\nB\nC', true],
    ['cmd', '', 'CMD', false],
  ],
  'groups, alternation and quantifiers': [
    ['(a|b)c', '', 'bc', true],
    ['(?:ab)+c', '', 'ababc', true],
    ['(?<name>ab)c', '', 'abc', true],
    ['a{3}', '', 'aa', false],
    ['a{2,}', '', 'xaay', true],
    ['^a{2,3}$', '', 'aaaa', false],
    ['^a{2,3}?$', '', 'aaa', true],
    ['^a*?b', '', 'aab', true],
    ['^a+?$', '', '', false],
    ['^(?:a|)*$', '', 'aaa', true],
    ['^(a*)*$', '', 'b', false],
    ['x(?:)y', '', 'xy', true],
    ['a|', '', 'zzz', true],
    ['^(?:ab|a)(?:bc|c)$', '', 'abc', true],
  ],
};

function check(
  pattern: string,
  letters: string,
  haystack: string,
  expected: boolean,
): void {
  const flags = flagsOf(letters);
  const compiled = compileSigmaRegex(pattern, flags);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.message}`);
  expect(compiled.regex.test(haystack), 'compiled regex').toBe(expected);
  expect(linearEngine(pattern, flags)(haystack), 'linear engine').toBe(expected);
  expect(v8Engine(pattern, flags)(haystack), 'V8 RegExp').toBe(expected);
}

for (const [feature, cases] of Object.entries(CASES)) {
  describe(feature, () => {
    test.each(cases)('/%s/%s on %j is %s', (pattern, letters, haystack, expected) =>
      check(pattern, letters, haystack, expected),
    );
  });
}

/** [pattern, message fragment, offset] */
const ERRORS: readonly (readonly [string, string, number])[] = [
  ['a(?i)b', 'inline flag', 1],
  ['(?i)a(?s)b', 'inline flag', 5],
  ['(?x)a', "inline flag 'x'", 2],
  ['a(?i:b)', 'inline flag', 1],
  ['a(?=b)', 'lookaround', 1],
  ['a(?!b)', 'lookaround', 1],
  ['(?<=a)b', 'lookaround', 0],
  ['(?i)x(?<!a)b', 'lookaround', 5],
  ['(a)\\1', 'backreference', 3],
  ['(?<n>a)\\k<n>', 'backreference', 7],
  ['\\01', 'octal', 0],
  ['a**', 'nothing to repeat', 2],
  ['^*', 'nothing to repeat', 1],
  ['{2}', 'nothing to repeat', 0],
  ['a{3,2}', 'out of order', 0],
  ['[z-a]', 'out of order', 1],
  ['(ab', 'unterminated group', 0],
  ['ab)', "unmatched ')'", 2],
  ['[ab', 'unterminated character class', 0],
  ['ab\\', 'end of pattern', 2],
  ['(?<1>a)', 'invalid group', 0],
  ['(?:(?:ab){1,200}){1,200}', 'too large', 0],
];

describe('compile errors', () => {
  test.each(ERRORS)('/%s/ fails with "%s" at %i', (pattern, fragment, offset) => {
    const compiled = compileSigmaRegex(pattern, NO_FLAGS);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.message).toContain(fragment);
    expect(compiled.offset).toBe(offset);
  });

  test('a pattern V8 rejects is an error even when it otherwise parses', () => {
    const compiled = compileSigmaRegex('(?<a>x)(?<a>y)', NO_FLAGS);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.message).toContain('not a valid JavaScript regex');
  });
});

describe('inline flags', () => {
  test('a leading flag group becomes flags and leaves the source', () => {
    const compiled = compileSigmaRegex('(?im)^cmd', NO_FLAGS);
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.regex.source).toBe('^cmd');
    expect(compiled.regex.flags).toEqual({
      ignoreCase: true,
      multiline: true,
      dotAll: false,
    });
  });

  test('inline flags add to the modifier flags', () => {
    const compiled = compileSigmaRegex('(?s)a.b', flagsOf('i'));
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.regex.flags).toEqual({
      ignoreCase: true,
      multiline: false,
      dotAll: true,
    });
  });
});

describe('size limits', () => {
  test('deep group nesting is a compile error, not a stack overflow', () => {
    const compiled = compileSigmaRegex(
      `${'('.repeat(5_000)}a${')'.repeat(5_000)}`,
      NO_FLAGS,
    );
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.message).toContain('nested deeper');
  });

  test('a class of many atoms compiles quickly', () => {
    const atoms = Array.from({ length: 5_000 }, (_, i) => String.fromCharCode(0x100 + i));
    const compiled = compileSigmaRegex(`[${atoms.join('')}]x`, flagsOf('i'));
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.regex.test(`${String.fromCharCode(0x200)}x`)).toBe(true);
    expect(compiled.regex.test('ax')).toBe(false);
  });

  test('many loops go to the linear engine without a pairwise blow-up', () => {
    const compiled = compileSigmaRegex('a+b'.repeat(2_000), NO_FLAGS);
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.regex.engine).toBe('linear');
  });
});
