import { describe, expect, it } from 'vitest';
import { compileRule } from '../../src/engine/compile-rule.js';
import { loadRuleText } from '../../src/rule/load.js';
import { ruleText } from './semantics-cases.js';

function compileDetection(
  detection: string,
  placeholders: Record<string, string[]> = {},
) {
  const loaded = loadRuleText(ruleText(detection), 'rule.yml');
  const [rule] = loaded.documents;
  if (rule?.kind !== 'rule') throw new Error('not a rule');
  return compileRule(rule, { placeholders });
}

function errorCodes(
  detection: string,
  placeholders?: Record<string, string[]>,
): string[] {
  const result = compileDetection(detection, placeholders);
  expect(result.ok).toBe(false);
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
}

describe('rule errors', () => {
  it.each([
    ['an unknown modifier', 'sel:\n  a|sometimes: x\ncondition: sel', 'SH301'],
    [
      'cidr with host bits set',
      'sel:\n  a|cidr: 192.168.1.1/24\ncondition: sel',
      'SH302',
    ],
    ['cidr that is not a network', 'sel:\n  a|cidr: nonsense\ncondition: sel', 'SH302'],
    ['base64 after contains', 'sel:\n  a|contains|base64: x\ncondition: sel', 'SH302'],
    ['re after contains', 'sel:\n  a|contains|re: x\ncondition: sel', 'SH302'],
    ['i without re', 'sel:\n  a|i: x\ncondition: sel', 'SH302'],
    ['wide without base64', 'sel:\n  a|wide: x\ncondition: sel', 'SH302'],
    ['gt on a word', 'sel:\n  a|gt: ten\ncondition: sel', 'SH302'],
    ['exists on a word', 'sel:\n  a|exists: maybe\ncondition: sel', 'SH302'],
    ['an invalid regex', "sel:\n  a|re: '(ab'\ncondition: sel", 'SH302'],
    ['an unknown identifier', 'sel:\n  a: x\ncondition: other', 'SH401'],
    ['uppercase operators', 'a: {f: 1}\nb: {f: 2}\ncondition: a AND b', 'SH401'],
    ['a dangling operator', 'sel:\n  a: x\ncondition: sel and', 'SH401'],
    ['unbalanced parentheses', 'sel:\n  a: x\ncondition: (sel', 'SH401'],
    ['a pattern with -', 'sel-a:\n  a: x\ncondition: 1 of sel-*', 'SH401'],
    [
      'parentheses nested too deep',
      `sel:\n  a: x\ncondition: ${'('.repeat(5000)}sel${')'.repeat(5000)}`,
      'SH401',
    ],
    [
      'not nested too deep',
      `sel:\n  a: x\ncondition: ${'not '.repeat(20000)}sel`,
      'SH401',
    ],
  ])('%s is a rule error', (_, detection, code) => {
    expect(errorCodes(detection)).toContain(code);
  });

  it('accepts the deepest nesting allowed', () => {
    const deepest = `${'not ('.repeat(32)}sel${')'.repeat(32)}`;
    expect(compileDetection(`sel:\n  a: x\ncondition: ${deepest}`).ok).toBe(true);
    const deeper = `not ${deepest}`;
    expect(compileDetection(`sel:\n  a: x\ncondition: ${deeper}`).ok).toBe(false);
  });

  it('names the v1 aggregation syntax when it meets a pipe', () => {
    const result = compileDetection('sel:\n  a: x\ncondition: sel | count() > 5');
    const error = result.diagnostics.find((d) => d.code === 'SH401');
    expect(error?.message).toContain('correlation rule');
    expect(error?.column).toBe(18);
  });

  it('rejects a placeholder without values when evaluating', () => {
    const codes = errorCodes("sel:\n  a|expand: '%Servers%'\ncondition: sel");
    expect(codes).toContain('SH302');
  });

  it('accepts placeholders without values for validation only', () => {
    const loaded = loadRuleText(
      ruleText("sel:\n  a|expand: '%Servers%'\ncondition: sel"),
      'r.yml',
    );
    const [rule] = loaded.documents;
    if (rule?.kind !== 'rule') throw new Error('not a rule');
    expect(compileRule(rule, { placeholders: 'defer' }).ok).toBe(true);
  });

  it('warns about a pattern that names nothing, with its column', () => {
    const result = compileDetection('sel:\n  a: x\ncondition: sel or 1 of nothing*');
    expect(result.ok).toBe(true);
    const warning = result.diagnostics.find((d) => d.code === 'SH402');
    expect(warning?.severity).toBe('warning');
    expect(warning?.line).toBe(8);
  });

  it('points a condition error at the offending token', () => {
    const result = compileDetection('sel:\n  a: x\ncondition: sel and other');
    const error = result.diagnostics.find((d) => d.code === 'SH401');
    expect(error?.line).toBe(8);
    expect(error?.excerpt).toBe('sel and other\n        ^');
    expect(error?.message).toContain('other');
  });

  it('cuts a long condition around the token in the excerpt', () => {
    const long = `${'sel or '.repeat(50)}other${' or sel'.repeat(50)}`;
    const result = compileDetection(`sel:\n  a: x\ncondition: ${long}`);
    const excerpt = result.diagnostics.find((d) => d.code === 'SH401')?.excerpt ?? '';
    const [line, caret] = excerpt.split('\n');
    expect(line).toMatch(/^\.\.\..{60}other.{55}\.\.\.$/);
    expect(line?.indexOf('other')).toBe(caret?.indexOf('^'));
  });
});
