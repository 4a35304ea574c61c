import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSigmaRoot, loadRegressionTests } from '../../src/harness/sigmahq.js';
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
