import { describe, expect, it } from 'vitest';
import { loadRuleText } from '../../src/rule/load.js';
import type {
  DetectionNode,
  SigmaCorrelation,
  SigmaDocument,
  SigmaFilter,
  SigmaRule,
} from '../../src/rule/model.js';

const HEAD = 'title: T\nlogsource:\n  product: windows\n';

function loadOk(text: string): SigmaDocument[] {
  const result = loadRuleText(text, 'r.yml');
  expect(result.diagnostics).toEqual([]);
  return result.documents;
}

function rule(detection: string): SigmaRule {
  const [doc] = loadOk(`${HEAD}detection:\n${detection}`);
  expect(doc?.kind).toBe('rule');
  return doc as SigmaRule;
}

/** The detection node without locations, for compact comparison. */
function shape(node: DetectionNode): unknown {
  if (node.kind === 'item') {
    return { field: node.field, modifiers: node.modifiers, values: node.values };
  }
  return { [node.kind]: node.items.map(shape) };
}

function definition(detection: string, name = 'selection'): unknown {
  const found = rule(detection).detection.searchIdentifiers.find((s) => s.name === name);
  expect(found).toBeDefined();
  return shape(found!.definition);
}

describe('detection tree', () => {
  it('reads a map as all-of its items, with modifiers in order', () => {
    const text =
      '  selection:\n    Image|endswith: \\a.exe\n' +
      '    CommandLine|contains|all: [x, y]\n' +
      '  condition: selection\n';
    expect(definition(text)).toEqual({
      'all-of': [
        { field: 'Image', modifiers: ['endswith'], values: ['\\a.exe'] },
        { field: 'CommandLine', modifiers: ['contains', 'all'], values: ['x', 'y'] },
      ],
    });
  });

  it('reads a list of plain values as ONE keyword item', () => {
    const text = '  keywords:\n    - evil\n    - 4688\n  condition: keywords\n';
    expect(definition(text, 'keywords')).toEqual({
      field: null,
      modifiers: [],
      values: ['evil', 4688],
    });
  });

  it("reads '|all' as a keyword item with modifiers", () => {
    const text =
      "  keywords:\n    '|all':\n      - a\n      - b\n  condition: keywords\n";
    expect(definition(text, 'keywords')).toEqual({
      'all-of': [{ field: null, modifiers: ['all'], values: ['a', 'b'] }],
    });
  });

  it('reads a list of maps (or mixed items) as any-of', () => {
    const text =
      '  selection:\n    - Image: a\n    - Image: b\n      User: c\n    - kw\n' +
      '  condition: selection\n';
    expect(definition(text)).toEqual({
      'any-of': [
        { 'all-of': [{ field: 'Image', modifiers: [], values: ['a'] }] },
        {
          'all-of': [
            { field: 'Image', modifiers: [], values: ['b'] },
            { field: 'User', modifiers: [], values: ['c'] },
          ],
        },
        { field: null, modifiers: [], values: ['kw'] },
      ],
    });
  });

  it('keeps field: [] empty, field: null as [null], and a scalar as one value', () => {
    const text =
      '  selection:\n    A: []\n    B: null\n    C:\n    D: 010\n' +
      '  condition: selection\n';
    expect(definition(text)).toEqual({
      'all-of': [
        { field: 'A', modifiers: [], values: [] },
        { field: 'B', modifiers: [], values: [null] },
        { field: 'C', modifiers: [], values: [null] },
        { field: 'D', modifiers: [], values: [8] },
      ],
    });
  });

  it('reads a plain scalar identifier as a keyword (v2.2)', () => {
    expect(definition('  selection: evil\n  condition: selection\n')).toEqual({
      field: null,
      modifiers: [],
      values: ['evil'],
    });
  });

  it('keeps YAML 1.1 strings such as 00000429 as strings in values', () => {
    const text =
      '  selection:\n    Details|contains: [00000429, 0000042a]\n' +
      '  condition: selection\n';
    expect(definition(text)).toEqual({
      'all-of': [
        { field: 'Details', modifiers: ['contains'], values: ['00000429', '0000042a'] },
      ],
    });
  });

  it('locates items, values and conditions', () => {
    const r = rule(
      '  selection:\n    Image:\n      - a\n      - b\n  condition: selection\n',
    );
    const [identifier] = r.detection.searchIdentifiers;
    expect(identifier?.location).toMatchObject({ line: 5, column: 3 });
    const node = identifier?.definition;
    const item = node?.kind === 'all-of' ? node.items[0] : undefined;
    expect(item?.location).toMatchObject({ line: 6, column: 5 });
    const lines = item?.kind === 'item' ? item.valueLocations.map((l) => l.line) : [];
    expect(lines).toEqual([7, 8]);
    expect(r.detection.conditions).toEqual([
      { text: 'selection', location: { file: 'r.yml', line: 9, column: 14 } },
    ]);
  });

  it('reads a condition list and a timeframe', () => {
    const r = rule('  a: x\n  b: y\n  condition:\n    - a\n    - b\n  timeframe: 15m\n');
    expect(r.detection.conditions.map((c) => c.text)).toEqual(['a', 'b']);
    expect(r.detection.timeframe).toBe('15m');
  });

  it('rejects nested values the specification forbids, and goes on', () => {
    const text =
      `${HEAD}detection:\n  selection:\n    A:\n      B: 1\n  condition: selection\n` +
      `---\n${HEAD}detection:\n  s:\n    A: [[1]]\n  condition: s\n` +
      `---\n${HEAD}detection:\n  s: x\n  condition: s\n`;
    const result = loadRuleText(text, 'n.yml');
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['SH208', 7],
      ['SH208', 15],
    ]);
    expect(result.documents).toHaveLength(1);
    expect(result.rejected).toBe(2);
  });
});

describe('metadata', () => {
  it('reads metadata, attributes and key lines', () => {
    const text =
      'title: T\nid: 5f2b0c7e-8d51-4d3e-9b4a-6c1d2e3f4a5b\nstatus: test\nlevel: high\n' +
      'date: 2024-01-31\ntags:\n  - attack.t1059\nrelated:\n' +
      '  - id: 0f2b0c7e-8d51-4d3e-9b4a-6c1d2e3f4a5b\n    type: derived\n' +
      'logsource: {category: process_creation, product: windows}\n' +
      'detection: {s: {A: 1}, condition: s}\n' +
      'regression_tests_path: x/info.yml\ncustom: 1\n';
    const [doc] = loadOk(text);
    expect(doc).toMatchObject({
      kind: 'rule',
      title: 'T',
      status: 'test',
      level: 'high',
      date: '2024-01-31',
      tags: ['attack.t1059'],
      related: [{ id: '0f2b0c7e-8d51-4d3e-9b4a-6c1d2e3f4a5b', type: 'derived' }],
      logsource: { category: 'process_creation', product: 'windows' },
      regressionTestsPath: 'x/info.yml',
      documentIndex: 0,
    });
    expect(doc?.attributes['custom']).toBe(1);
    expect(doc?.keyLines['detection']).toBe(12);
  });
});

describe('multi-document files', () => {
  it('loads several rules with their document index', () => {
    const one = `${HEAD}detection: {s: {A: 1}, condition: s}\n`;
    const docs = loadOk(`${one}---\n${one.replace('title: T', 'title: U')}`);
    expect(docs.map((d) => [d.title, d.documentIndex])).toEqual([
      ['T', 0],
      ['U', 1],
    ]);
  });

  it('applies action: global to following rules; maps merge, values overwrite', () => {
    const text =
      'action: global\ntitle: G\nlogsource: {product: windows}\n' +
      'detection: {condition: s}\n---\n' +
      'title: R\nlogsource: {service: security}\ndetection: {s: {EventID: 1}}\n';
    const [doc] = loadOk(text) as SigmaRule[];
    expect(doc?.title).toBe('G');
    expect(doc?.logsource).toEqual({ service: 'security', product: 'windows' });
    expect(doc?.detection.conditions.map((c) => c.text)).toEqual(['s']);
    expect(doc?.attributes['action']).toBeUndefined();
  });

  it('repeats the previous rule with overrides, and reset drops the template', () => {
    const text =
      'action: global\nlogsource: {product: windows}\ndetection: {condition: s}\n---\n' +
      'title: A\ndetection: {s: {EventID: 1}}\n---\n' +
      'action: repeat\ntitle: B\ndetection: {s: {EventID: 2}}\n---\n' +
      'action: reset\n---\n' +
      'title: C\nlogsource: {product: linux}\ndetection: {s: x, condition: s}\n';
    const docs = loadOk(text) as SigmaRule[];
    expect(docs.map((d) => d.title)).toEqual(['A', 'B', 'C']);
    const ids = docs.map((d) => d.detection.searchIdentifiers[0]?.definition);
    expect(
      ids.map((n) => (n?.kind === 'all-of' ? shape(n.items[0]!) : shape(n!))),
    ).toEqual([
      { field: 'EventID', modifiers: [], values: [1] },
      { field: 'EventID', modifiers: [], values: [2] },
      { field: null, modifiers: [], values: ['x'] },
    ]);
    expect(docs[2]?.logsource).toEqual({ product: 'linux' });
    expect(docs.map((d) => d.documentIndex)).toEqual([1, 2, 4]);
  });

  it('reports unknown actions and a repeat with nothing before it', () => {
    const result = loadRuleText(
      'action: again\n---\naction: repeat\ntitle: x\n',
      'c.yml',
    );
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['SH110', 1],
      ['SH111', 3],
    ]);
    expect(result.rejected).toBe(2);
  });

  it('loads a Sigma filter', () => {
    const text =
      'title: F\nlogsource: {product: windows}\nfilter:\n  rules:\n' +
      '    - 5f2b0c7e-8d51-4d3e-9b4a-6c1d2e3f4a5b\n    - some_rule_name\n' +
      '  selection:\n    User: admin\n  condition: not selection\n';
    const [doc] = loadOk(text) as SigmaFilter[];
    expect(doc?.kind).toBe('filter');
    expect(doc?.rules).toEqual([
      '5f2b0c7e-8d51-4d3e-9b4a-6c1d2e3f4a5b',
      'some_rule_name',
    ]);
    expect(doc?.detection.searchIdentifiers.map((s) => s.name)).toEqual(['selection']);
    expect(doc?.detection.conditions.map((c) => c.text)).toEqual(['not selection']);
    const any = loadOk(text.replace(/ {2}rules:\n.*\n.*\n/, '  rules: any\n'));
    expect((any[0] as SigmaFilter).rules).toBe('any');
  });

  it('loads a correlation rule next to its base rule', () => {
    const text =
      `${HEAD}name: failed_logon\ndetection: {s: {EventID: 4625}, condition: s}\n---\n` +
      'title: Many failed logons\ncorrelation:\n  type: event_count\n' +
      '  rules:\n    - failed_logon\n  group-by:\n    - TargetUserName\n' +
      '  timespan: 5m\n  condition:\n    gte: 10\n  generate: true\n' +
      '  aliases:\n    user:\n      failed_logon: TargetUserName\n';
    const docs = loadOk(text);
    expect(docs.map((d) => d.kind)).toEqual(['rule', 'correlation']);
    expect(docs[1] as SigmaCorrelation).toMatchObject({
      correlationType: 'event_count',
      rules: ['failed_logon'],
      groupBy: ['TargetUserName'],
      timespan: '5m',
      condition: { gte: 10 },
      generate: true,
      aliases: { user: { failed_logon: 'TargetUserName' } },
    });
  });

  it('lets a temporal correlation omit its condition; value_count needs a field', () => {
    const base = 'title: C\ncorrelation:\n  rules: [a, b]\n  timespan: 1h\n';
    const [temporal] = loadOk(`${base}  type: temporal\n`) as SigmaCorrelation[];
    expect(temporal?.condition).toEqual({});
    const result = loadRuleText(
      `${base}  type: value_count\n  condition: {gt: 3}\n`,
      'c.yml',
    );
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SH233']);
  });
});
