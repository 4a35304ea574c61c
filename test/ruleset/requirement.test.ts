/**
 * Requirements of detection items and rules (`src/ruleset/requirement.ts`)
 * and required literals of regexes (`src/ruleset/regex-literals.ts`): which
 * needles each kind of item gives, and, as a property, that every regex
 * match contains one of the pattern's required literals after folding.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSigmaRegex } from '../../src/engine/regex/index.js';
import { foldCase } from '../../src/matchers/case-fold.js';
import { loadRuleText } from '../../src/rule/load.js';
import type { SigmaRule } from '../../src/rule/model.js';
import { requiredRegexLiterals } from '../../src/ruleset/regex-literals.js';
import type { Requirement } from '../../src/ruleset/requirement.js';
import { ruleRequirement } from '../../src/ruleset/requirement.js';

const SEED = Number(process.env.FC_SEED ?? 20261204);
const NO_FLAGS = { ignoreCase: false, multiline: false, dotAll: false };

function requirementOf(detection: string): Requirement {
  const text = [
    'title: t',
    'logsource: { product: windows }',
    'detection:',
    ...detection.split('\n').map((line) => `  ${line}`),
  ].join('\n');
  const [document] = loadRuleText(text, 'rule.yml').documents;
  return ruleRequirement(document as SigmaRule);
}

function literals(requirement: Requirement): string[] | 'always' {
  if (requirement.kind === 'always') return 'always';
  return requirement.needles.map((n) => `${n.field ?? '*'}:${n.literal}`);
}

describe('requirements', () => {
  it('indexes keywords as needles of any field', () => {
    const r = requirementOf("keywords: ['Mimikatz', 'sekurlsa::']\ncondition: keywords");
    expect(literals(r)).toEqual(['*:mimikatz', '*:sekurlsa::']);
  });

  it('keeps the best value under all and ignores values without a literal', () => {
    const r = requirementOf(
      "sel:\n  CommandLine|contains|all: ['$', '-nomutex ', '-m ']\ncondition: sel",
    );
    expect(literals(r)).toEqual(['CommandLine:-nomutex ']);
  });

  it('indexes one-character literals', () => {
    const r = requirementOf("sel:\n  CommandLine|contains: ['А', 'ß']\ncondition: sel");
    expect(literals(r)).toEqual(['CommandLine:а', 'CommandLine:ß']);
  });

  it('gives nothing for a value without literal, a null or a negation alone', () => {
    expect(requirementOf("sel:\n  Image|contains: '*'\ncondition: sel").kind).toBe(
      'always',
    );
    expect(requirementOf('sel:\n  Image: null\ncondition: sel').kind).toBe('always');
    expect(requirementOf("sel:\n  Image: 'a.exe'\ncondition: not sel").kind).toBe(
      'always',
    );
  });

  it('indexes the required literals of regexes, with their flags', () => {
    const r = requirementOf(
      "sel:\n  CommandLine|re|i: 'ping\\s+-n.{6,64}ECHO EEEE'\ncondition: sel",
    );
    expect(literals(r)).toEqual(['CommandLine:echo eeee']);
    const alternatives = requirementOf(
      "sel:\n  CommandLine|re: '(?i)(Get-Item|gci) .{1,9}x'\ncondition: sel",
    );
    expect(literals(alternatives)).toEqual(['CommandLine:get-item', 'CommandLine:gci']);
  });
});

describe('required regex literals', () => {
  it('reads runs, alternations and repetitions', () => {
    expect(requiredRegexLiterals('ab?cde', NO_FLAGS)).toEqual(['cde']);
    expect(requiredRegexLiterals('x(yz)+w', NO_FLAGS)).toEqual(['yz']);
    expect(requiredRegexLiterals('abc|de', NO_FLAGS)).toEqual(['abc', 'de']);
    expect(requiredRegexLiterals('abc|.*', NO_FLAGS)).toBeUndefined();
    expect(requiredRegexLiterals('[a-z]+\\d', NO_FLAGS)).toBeUndefined();
    expect(requiredRegexLiterals('\\\\temp\\\\', NO_FLAGS)).toEqual(['\\temp\\']);
    expect(requiredRegexLiterals('^\\bStart', NO_FLAGS)).toEqual(['start']);
  });

  const atom = fc.constantFrom(
    'a',
    'B',
    'ß',
    'K',
    'k',
    'İ',
    'σ',
    'ς',
    '.',
    '\\.',
    '\\d',
    '[aB]',
    '[kK]',
    '\\\\',
    '\\s',
    '\\b',
    '^',
    '$',
    'β',
    'ϐ',
    '😀',
  );
  const quantifier = fc.constantFrom('', '', '', '?', '*', '+', '{2}', '{0,2}');
  const piece = fc.tuple(atom, quantifier).map(([a, q]) => `${a}${q}`);
  const sequence = fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
  const group = fc
    .tuple(sequence, sequence, quantifier)
    .map(([x, y, q]) => `(?:${x}|${y})${q === '*' || q === '?' ? '' : q}`);
  const pattern = fc
    .array(fc.oneof(sequence, group), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.join(''));
  const haystackUnit = fc.constantFrom(
    'a',
    'A',
    'b',
    'B',
    'ß',
    'SS',
    'K',
    'k',
    'i',
    'İ',
    'σ',
    'ς',
    'Σ',
    '.',
    '1',
    ' ',
    '\\',
    'β',
    'ϐ',
    'Β',
    '😀',
    'x',
  );
  const haystack = fc.array(haystackUnit, { maxLength: 16 }).map((u) => u.join(''));

  it('every match contains a required literal after folding', () => {
    let checked = 0;
    fc.assert(
      fc.property(pattern, fc.boolean(), haystack, (source, ignoreCase, text) => {
        const flags = { ...NO_FLAGS, ignoreCase };
        const compiled = compileSigmaRegex(source, flags);
        if (!compiled.ok || !compiled.regex.test(text)) return;
        const required = requiredRegexLiterals(source, flags);
        if (required === undefined) return;
        const folded = foldCase(text);
        checked += 1;
        expect(required.some((literal) => folded.includes(literal))).toBe(true);
      }),
      { seed: SEED, numRuns: 20_000 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});
