import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HarnessReport } from '../../src/harness/results.js';
import { runHarness } from '../../src/harness/run.js';
import { findSigmaRoot, loadRegressionTests } from '../../src/harness/sigmahq.js';
import { REPORTERS } from '../../src/reporters/index.js';
import type { SigmaRule } from '../../src/rule/model.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sigmahq-'));
  await mkdir(join(root, 'rules', 'windows'), { recursive: true });
  const data = join(root, 'regression_data', 'rules', 'windows', 'r1');
  await mkdir(data, { recursive: true });
  await writeFile(
    join(data, 'info.yml'),
    [
      'id: 00000000-0000-4000-8000-000000000000',
      'regression_tests_info:',
      '    - name: Positive Detection Test',
      '      type: evtx',
      '      path: regression_data/rules/windows/r1/abc.evtx',
      '    - name: Counted',
      '      path: regression_data/rules/windows/r1/def.evtx',
      '      match_count: 4',
    ].join('\n'),
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function rule(path: string): SigmaRule & { regressionTestsPath: string } {
  return {
    file: join(root, 'rules', 'windows', 'r1.yml'),
    id: 'r1',
    title: 'R1',
    regressionTestsPath: path,
  } as unknown as SigmaRule & { regressionTestsPath: string };
}

describe('SigmaHQ regression tests', () => {
  it('finds the root from the rule location', async () => {
    expect(await findSigmaRoot(join(root, 'rules', 'windows'))).toBe(root);
  });

  it('reads info.yml: the .json beside it, match_count as a floor, 1 when absent', async () => {
    const tests = await loadRegressionTests(
      rule('regression_data/rules/windows/r1/info.yml'),
    );
    if (tests.kind !== 'fixture') throw new Error(tests.kind);
    const [first, second] = tests.fixture.cases;
    expect(first).toMatchObject({
      name: 'Positive Detection Test',
      polarity: 'tp',
      expect: { kind: 'range', min: 1 },
      source: {
        kind: 'file',
        path: join(root, 'regression_data/rules/windows/r1/abc.json'),
      },
    });
    expect(second?.expect).toEqual({ kind: 'range', min: 4 });
  });

  it('reports a withheld folder as missing, not as an error', async () => {
    const tests = await loadRegressionTests(
      rule('regression_data/rules/windows/gone/info.yml'),
    );
    expect(tests).toEqual({
      kind: 'missing',
      path: join(root, 'regression_data/rules/windows/gone/info.yml'),
    });
  });
});

describe('SigmaHQ regression tests, run', () => {
  let report: HarnessReport;
  const data = (name: string) => join(root, 'run', 'regression_data', 'rules', name);

  function ruleText(id: string, title: string, folder: string): string {
    return [
      `title: ${title}`,
      `id: ${id}`,
      'logsource: { category: process_creation, product: windows }',
      'detection:',
      '  selection:',
      "    Image|endswith: '\\whoami.exe'",
      '  condition: selection',
      `regression_tests_path: regression_data/rules/${folder}/info.yml`,
    ].join('\n');
  }

  beforeAll(async () => {
    const rules = join(root, 'run', 'rules');
    await mkdir(rules, { recursive: true });
    await mkdir(data('floor'), { recursive: true });
    await mkdir(data('broken'), { recursive: true });
    const floorId = '22222222-2222-4222-8222-222222222222';
    await writeFile(join(rules, 'floor.yml'), ruleText(floorId, 'Floor', 'floor'));
    const brokenId = '33333333-3333-4333-8333-333333333333';
    await writeFile(join(rules, 'broken.yml'), ruleText(brokenId, 'Broken', 'broken'));
    await writeFile(
      join(data('floor'), 'info.yml'),
      [
        'regression_tests_info:',
        '    - name: all match, floor too high',
        '      path: regression_data/rules/floor/a.evtx',
        '      match_count: 3',
        '    - name: one misses',
        '      path: regression_data/rules/floor/b.evtx',
        '      match_count: 2',
      ].join('\n'),
    );
    const whoami = { Image: 'C:\\w\\whoami.exe' };
    const cmd = { Image: 'C:\\w\\cmd.exe' };
    await writeFile(join(data('floor'), 'a.json'), JSON.stringify([whoami, whoami]));
    await writeFile(join(data('floor'), 'b.json'), JSON.stringify([cmd, whoami]));
    await writeFile(
      join(data('broken'), 'info.yml'),
      'regression_tests_info:\n  - name: [unclosed\n    path: a.evtx\n',
    );
    report = await runHarness({ rules: [rules] });
  });

  it('explains a failed floor: the first miss, or that every event matched', () => {
    const floor = report.results.find((r) => r.title === 'Floor');
    const [allMatch, oneMisses] = floor?.fixtures[0]?.cases ?? [];
    expect(allMatch).toMatchObject({ status: 'failed', failures: [] });
    expect(allMatch?.note).toMatch(
      /^all 2 event\(s\) matched, fewer than the 3 expected/,
    );
    expect(oneMisses?.failures).toMatchObject([{ index: 0, expected: 'match' }]);
    const pretty = REPORTERS.pretty(report);
    expect(pretty).toMatch(
      /✗ tp all match, floor too high .*\n {6}all 2 event\(s\) matched/,
    );
    expect(REPORTERS.github(report)).toMatch(
      /^::error file=[^,]*info\.yml,line=2,col=7::Floor .*'all match, floor too high': all 2/m,
    );
  });

  it('makes a rule whose info.yml does not parse an error, with line and column', () => {
    const broken = report.results.find((r) => r.title === 'Broken');
    expect(broken?.status).toBe('error');
    expect(broken?.diagnostics).toMatchObject([
      { file: join(data('broken'), 'info.yml'), line: 3, column: 5, severity: 'error' },
    ]);
    const pretty = REPORTERS.pretty(report);
    expect(pretty).toMatch(/^ERROR {2}Broken /m);
    expect(pretty).not.toMatch(/UNTESTED/);
    expect(pretty).toMatch(/broken\/info\.yml:3:5 error SH1\d\d /);
  });
});
