import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import type { RuleCode } from '../../src/rule/codes.js';
import { RULE_CODES } from '../../src/rule/codes.js';
import { discoverRuleFiles } from '../../src/rule/discover.js';
import { loadRuleFile, loadRuleText } from '../../src/rule/load.js';
import { isSigmaDate, isUuid } from '../../src/rule/validate.js';

const ID = 'id: 5f2b0c7e-8d51-4d3e-9b4a-6c1d2e3f4a5b\n';
const LOGSOURCE = 'logsource: {product: windows}\n';
const DETECTION = 'detection:\n  s: {A: 1}\n  condition: s\n';
const RULE = `title: T\n${ID}${LOGSOURCE}${DETECTION}`;
const CORRELATION = 'title: C\ncorrelation:\n  type: event_count\n  rules: [a]\n';
const TIMESPAN_AND_CONDITION = '  timespan: 1h\n  condition: {gt: 1}\n';

/** One document per code that triggers exactly that code, and its line. */
const CASES: readonly [RuleCode, string, number][] = [
  ['SH101', 'title: [unclosed\n', 2],
  ['SH102', `%FOO bar\n---\n${RULE}`, 1],
  ['SH103', `${RULE}title: again\n`, 7],
  ['SH104', `a: &a [1]\nb: [${Array(101).fill('*a').join(', ')}]\n`, 2],
  ['SH105', `${RULE}? {a: 1}\n: x\n`, 7],
  ['SH106', `${RULE}x: !!int abc\n`, 7],
  ['SH107', `${RULE}x: 0x7FFFFFFFFFFFFFFFF\n`, 7],
  ['SH108', '- a\n- b\n', 1],
  ['SH109', `${RULE}---\n`, 7],
  ['SH110', 'action: merge\n', 1],
  ['SH111', 'action: repeat\n', 1],
  ['SH113', `${RULE}x:\n  <<: [1]\n`, 8],
  ['SH114', `${RULE}x: ${'['.repeat(200)}${']'.repeat(200)}\n`, 1],
  ['SH201', `${ID}${LOGSOURCE}${DETECTION}`, 1],
  ['SH202', RULE.replace('title: T', 'title: 12'), 1],
  ['SH202', RULE.replace('title: T', `title: ${'x'.repeat(257)}`), 1],
  ['SH203', `title: T\n${DETECTION}`, 1],
  ['SH203', `title: T\nlogsource: windows\n${DETECTION}`, 2],
  ['SH204', `title: T\n${LOGSOURCE}`, 1],
  ['SH204', `title: T\n${LOGSOURCE}detection: [a]\n`, 3],
  ['SH205', `title: T\n${LOGSOURCE}detection:\n  s: {A: 1}\n`, 4],
  ['SH206', RULE.replace('condition: s', 'condition: {a: 1}'), 6],
  ['SH206', RULE.replace('condition: s', 'condition: []'), 6],
  ['SH207', RULE.replace('  s: {A: 1}', '  s.x: {A: 1}'), 5],
  ['SH208', RULE.replace('{A: 1}', '{A: {B: 1}}'), 5],
  ['SH208', RULE.replace('{A: 1}', '{A: [[1]]}'), 5],
  ['SH209', RULE.replace('{A: 1}', ''), 5],
  ['SH209', RULE.replace('{A: 1}', '{}'), 5],
  ['SH210', RULE.replace(ID, 'id: not-a-uuid\n'), 2],
  ['SH211', `${RULE}status: stabel\n`, 7],
  ['SH212', `${RULE}level: severe\n`, 7],
  ['SH213', `${RULE}date: 2024/01/31\n`, 7],
  ['SH213', `${RULE}modified: 2024-02-30\n`, 7],
  ['SH214', `${RULE}tags:\n  - Attack.T1059\n`, 8],
  ['SH215', `${RULE}related:\n  - id: x\n    type: derived\n`, 8],
  ['SH215', `${RULE}related:\n  - id: ${ID.slice(4, -1)}\n    type: cousin\n`, 8],
  ['SH216', `${RULE}tags: attack.t1059\n`, 7],
  ['SH216', `${RULE}description: [a]\n`, 7],
  ['SH216', RULE.replace('{product: windows}', '{product: [a]}'), 3],
  ['SH217', `${RULE}description: ${'d'.repeat(65536)}\n`, 7],
  ['SH218', RULE.replace('{A: 1}', '{A: [1, null]}'), 5],
  ['SH219', `${RULE.replace('condition: s', 'condition: s\n  timeframe: [1]')}`, 7],
  ['SH230', `${CORRELATION.replace('event_count', 'event_sum')}`, 3],
  [
    'SH231',
    `${CORRELATION.replace('rules: [a]', 'rules: []')}${TIMESPAN_AND_CONDITION}`,
    4,
  ],
  ['SH232', `${CORRELATION}  timespan: 1 hour\n  condition: {gt: 1}\n`, 5],
  ['SH233', `${CORRELATION}  timespan: 1h\n  condition: {gt: 1, lt: 5}\n`, 6],
  ['SH233', `${CORRELATION}  timespan: 1h\n  condition: {greater: 1}\n`, 6],
  [
    'SH234',
    `${CORRELATION}  timespan: 1h\n  condition: {gt: 1}\n  group-by: {a: 1}\n`,
    7,
  ],
  ['SH235', 'title: C\ncorrelation: event_count\n', 2],
  ['SH236', `${CORRELATION}  timespan: 1h\n  condition: {gt: 1}\n  generate: maybe\n`, 7],
  ['SH236', `${CORRELATION}  timespan: 1h\n  condition: {gt: 1}\n  aliases: [x]\n`, 7],
  ['SH240', `title: F\n${LOGSOURCE}filter: [a]\n`, 3],
  ['SH241', `title: F\n${LOGSOURCE}filter:\n  s: {A: 1}\n  condition: not s\n`, 4],
];

function diagnosticsOf(text: string): Diagnostic[] {
  return loadRuleText(text, 'v.yml').diagnostics;
}

describe('diagnostic codes', () => {
  it.each(CASES)('%s is reported at its line', (code, text, line) => {
    const diagnostics = diagnosticsOf(text);
    expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set([code]));
    const [d] = diagnostics;
    expect(d).toMatchObject({ file: 'v.yml', line, severity: RULE_CODES[code].severity });
    expect(d?.column).toBeGreaterThanOrEqual(1);
    expect(d?.excerpt).toMatch(/\n *\^$/);
  });

  it('leaves a rule with only warnings in the documents', () => {
    const result = loadRuleText(`${RULE}status: stabel\n`, 'w.yml');
    expect(result.documents).toHaveLength(1);
    expect(result.rejected).toBe(0);
  });

  it('leaves a document with an error out and counts it', () => {
    const result = loadRuleText(`${ID}${LOGSOURCE}${DETECTION}---\n${RULE}`, 'e.yml');
    expect(result.documents.map((d) => d.documentIndex)).toEqual([1]);
    expect(result.rejected).toBe(1);
  });

  it('accepts a valid rule, with an unquoted date, without diagnostics', () => {
    const meta = 'status: test\nlevel: low\ndate: 2024-01-31\ntags: [attack.t1059.001]\n';
    const text = `${RULE}${meta}`;
    expect(diagnosticsOf(text)).toEqual([]);
  });

  it('reports SH100 for an unreadable file and SH112 for a missing path', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'sh-validate-'));
    const missing = join(folder, 'missing.yml');
    const loaded = await loadRuleFile(missing);
    expect(loaded.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['SH100', missing, 1],
    ]);
    const found = await discoverRuleFiles([missing]);
    expect(found.diagnostics.map((d) => [d.code, d.file])).toEqual([['SH112', missing]]);
    await writeFile(join(folder, 'ok.yml'), RULE);
    expect((await loadRuleFile(join(folder, 'ok.yml'))).documents).toHaveLength(1);
  });

  it('has a case above and an entry in docs/diagnostics.md for every code', () => {
    const elsewhere = ['SH100', 'SH112', 'SH250', 'SH251', 'SH252'];
    const tested = new Set<string>([...CASES.map(([code]) => code), ...elsewhere]);
    const doc = readFileSync(
      new URL('../../docs/diagnostics.md', import.meta.url),
      'utf8',
    );
    for (const code of Object.keys(RULE_CODES)) {
      expect(tested.has(code), `${code} has a test case`).toBe(true);
      expect(doc, `${code} is documented`).toContain(`### ${code}`);
    }
  });
});

describe('format checks', () => {
  it.each([
    ['2024-01-31', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024/01/31', false],
    ['2024-1-31', false],
  ])('isSigmaDate(%j) is %s', (text, expected) => {
    expect(isSigmaDate(text)).toBe(expected);
  });

  it.each([
    ['5f2b0c7e-8d51-4d3e-9b4a-6c1d2e3f4a5b', true],
    ['5F2B0C7E-8D51-4D3E-9B4A-6C1D2E3F4A5B', true],
    ['5f2b0c7e8d514d3e9b4a6c1d2e3f4a5b', false],
    ['5f2b0c7e-8d51-4d3e-9b4a-6c1d2e3f4a5', false],
  ])('isUuid(%j) is %s', (text, expected) => {
    expect(isUuid(text)).toBe(expected);
  });
});
