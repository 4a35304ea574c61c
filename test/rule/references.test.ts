import { describe, expect, it } from 'vitest';
import { loadRuleText } from '../../src/rule/load.js';
import { checkReferences } from '../../src/rule/references.js';

const ID_A = '5f2b0c7e-8d51-4d3e-9b4a-6c1d2e3f4a5b';
const ID_B = '0f2b0c7e-8d51-4d3e-9b4a-6c1d2e3f4a5b';

function rule(id: string, name: string): string {
  return (
    `title: R\nid: ${id}\nname: ${name}\nlogsource: {product: windows}\n` +
    'detection: {s: {A: 1}, condition: s}\n'
  );
}

function documents(...texts: string[]) {
  return texts.flatMap((text, i) => {
    const loaded = loadRuleText(text, `f${i}.yml`);
    expect(loaded.diagnostics).toEqual([]);
    return loaded.documents;
  });
}

describe('checkReferences', () => {
  it('accepts unique ids and names and resolvable citations', () => {
    const correlation =
      'title: C\ncorrelation:\n  type: temporal\n' +
      `  rules: [a, ${ID_B}]\n  timespan: 5m\n`;
    expect(
      checkReferences(documents(rule(ID_A, 'a'), rule(ID_B, 'b'), correlation)),
    ).toEqual([]);
  });

  it('warns about duplicate ids and names, pointing at the later document', () => {
    const found = checkReferences(documents(rule(ID_A, 'a'), rule(ID_A, 'a')));
    expect(found.map((d) => [d.code, d.severity, d.file, d.line])).toEqual([
      ['SH250', 'warning', 'f1.yml', 2],
      ['SH251', 'warning', 'f1.yml', 3],
    ]);
    expect(found[0]?.message).toContain('f0.yml:1:1');
  });

  it('warns when a filter or correlation cites a rule that is not loaded', () => {
    const filter =
      'title: F\nlogsource: {product: windows}\n' +
      'filter:\n  rules: [missing_rule]\n  s: {User: x}\n  condition: not s\n';
    const any = filter.replace('[missing_rule]', 'any');
    const found = checkReferences(documents(rule(ID_A, 'a'), filter, any));
    expect(found.map((d) => [d.code, d.file, d.line])).toEqual([['SH252', 'f1.yml', 3]]);
  });
});
