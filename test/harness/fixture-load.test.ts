import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadFixtureText,
  readRuleReference,
  referencesRule,
  ruleReference,
} from '../../src/harness/fixture-load.js';

const FILE = '/repo/fixtures/sample.yml';

function codes(text: string): string[] {
  const loaded = loadFixtureText(text, FILE);
  return loaded.ok
    ? []
    : loaded.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
}

describe('fixture files', () => {
  it('reads cases with defaults, counts, files and mappings', () => {
    const loaded = loadFixtureText(
      [
        'rule: 1d08ac94-400d-4469-a82f-daee9a908849',
        'logsource_map: windows',
        'tp:',
        '  - name: inline',
        '    event: { Host: a, Port: 443, Initiated: true }',
        '  - name: from a file',
        '    file: events/a.json',
        '    at_least: 2',
        '    logsource_map: maps/mine.yml',
        'fp:',
        '  - name: two events',
        '    event: [{ Host: b }, { Host: c }]',
        '  - name: capped',
        '    event: { Host: d }',
        '    exactly: 0',
      ].join('\n'),
      FILE,
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const { fixture } = loaded;
    expect(fixture.rule).toEqual({
      kind: 'id',
      id: '1d08ac94-400d-4469-a82f-daee9a908849',
    });
    const [inline, file, two, capped] = fixture.cases;
    expect(inline).toMatchObject({
      polarity: 'tp',
      expect: { kind: 'all' },
      logsourceMap: 'windows',
      source: { kind: 'inline', events: [{ Host: 'a', Port: 443, Initiated: true }] },
      location: { file: FILE, line: 4 },
    });
    expect(file).toMatchObject({
      source: { kind: 'file', path: resolve('/repo/fixtures/events/a.json') },
      expect: { kind: 'range', min: 2 },
      logsourceMap: resolve('/repo/fixtures/maps/mine.yml'),
    });
    expect(two).toMatchObject({ polarity: 'fp', expect: { kind: 'none' } });
    expect(two?.source).toMatchObject({ events: [{ Host: 'b' }, { Host: 'c' }] });
    expect(capped?.expect).toEqual({ kind: 'range', min: 0, max: 0 });
  });

  it('takes a rule path relative to the fixture file', () => {
    const loaded = loadFixtureText(
      'rule: ../rules/r.yml\ntp: [{name: a, event: {A: 1}}]',
      FILE,
    );
    expect(loaded.ok && loaded.fixture.rule).toEqual({
      kind: 'path',
      path: resolve('/repo/rules/r.yml'),
    });
  });

  it('keeps YAML 1.1 scalar types in inline events', () => {
    const loaded = loadFixtureText(
      "rule: x\ntp: [{name: a, event: {A: yes, B: '0429', C: 010}}]",
      FILE,
    );
    const source = loaded.ok ? loaded.fixture.cases[0]?.source : undefined;
    expect(source).toEqual({ kind: 'inline', events: [{ A: true, B: '0429', C: 8 }] });
  });

  it('reports every problem with line and column, and gives no fixture', () => {
    expect(codes('rule: x\ntp:\n  - name: a\n    evnt: {A: 1}\n')).toEqual([
      'SH601@4:5',
      'SH602@3:5',
    ]);
    expect(codes('tp: [{name: a, event: {A: 1}}]')).toEqual(['SH602@1:1']);
    expect(codes('rule: x\ntp:\n  - event: {A: 1}\n')).toEqual(['SH602@3:5']);
    expect(codes('rule: x\ntp:\n  - {name: a, event: {A: 1}, file: b.json}\n')).toEqual([
      'SH602@3:5',
    ]);
    expect(
      codes('rule: x\ntp:\n  - {name: a, event: {A: 1}, exactly: 1, at_most: 2}\n'),
    ).toEqual(['SH603@3:5']);
    expect(codes('rule: x\ntp:\n  - {name: a, event: {A: 1}, at_least: -1}\n')).toEqual([
      'SH603@3:40',
    ]);
    expect(codes('rule: x\ntp:\n  - {name: a, event: []}\n')).toEqual(['SH607@3:22']);
    expect(codes('rule: x\n')).toEqual(['SH604@1:1']);
    expect(codes('rule: x\ntp: {name: a}\n')).toEqual(['SH601@2:5']);
  });

  it('rejects YAML syntax errors with their location', () => {
    const loaded = loadFixtureText('rule: x\ntp: [\n', FILE);
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.diagnostics[0]?.file).toBe(FILE);
  });
});

describe('the rule a fixture names', () => {
  it('is an id, or a path ending in .yml or .yaml beside the fixture file', () => {
    expect(ruleReference('abc', FILE)).toEqual({ kind: 'id', id: 'abc' });
    expect(ruleReference('../rules/r.YAML', FILE)).toEqual({
      kind: 'path',
      path: resolve('/repo/rules/r.YAML'),
    });
  });

  it('is the same rule by id, or by file however the path is written', () => {
    const rule = { id: 'abc', file: '/repo/fixtures/../rules/r.yml' };
    expect(referencesRule(ruleReference('abc', FILE), rule)).toBe(true);
    expect(referencesRule(ruleReference('../rules/r.yml', FILE), rule)).toBe(true);
    expect(referencesRule(ruleReference('abd', FILE), rule)).toBe(false);
    expect(referencesRule(ruleReference('abc', FILE), { file: rule.file })).toBe(false);
  });

  it('is read from `rule:` alone, even in a fixture with other problems', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'fixture-rule-'));
    const write = async (name: string, text: string) => {
      await writeFile(join(folder, name), text);
      return readRuleReference(join(folder, name));
    };
    expect(await write('a.yml', 'rule: r.yml\n')).toEqual({
      kind: 'path',
      path: join(folder, 'r.yml'),
    });
    expect(await write('b.yml', 'rule: abc\ntp: 3\n')).toEqual({ kind: 'id', id: 'abc' });
    expect(await write('c.yml', "rule: ''\n")).toBeUndefined();
    expect(await write('d.yml', 'rule: [a]\n')).toBeUndefined();
    expect(await write('e.yml', 'rule: a\n---\nrule: b\n')).toBeUndefined();
    expect(await readRuleReference(join(folder, 'missing.yml'))).toBeUndefined();
  });
});
