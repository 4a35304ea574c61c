import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SAMPLE = 'test/vitest/sample-repo';
const VITEST = 'node_modules/vitest/vitest.mjs';

interface Assertion {
  readonly ancestorTitles: string[];
  readonly title: string;
  readonly status: string;
  readonly failureMessages: string[];
}

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sample-vitest-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Runs vitest on the sample rule repo in a child process, as `npm test` would. */
async function runSample(
  name: string,
  extra: string[] = [],
  env: Record<string, string> = {},
) {
  const outputFile = join(work, `${name}.json`);
  const child = spawnSync(
    process.execPath,
    [
      VITEST,
      'run',
      '--root',
      SAMPLE,
      '--reporter=json',
      `--outputFile=${outputFile}`,
      ...extra,
    ],
    { encoding: 'utf8', env: { ...process.env, CI: '1', ...env } },
  );
  const report = JSON.parse(await readFile(outputFile, 'utf8')) as {
    testResults: { assertionResults: Assertion[] }[];
  };
  return {
    code: child.status,
    tests: report.testResults.flatMap((r) => r.assertionResults),
  };
}

describe('sigma-harness/vitest on a sample rule repo', () => {
  it('turns each rule into a describe and each case into an it, failures with the trace', async () => {
    const { code, tests } = await runSample('all');
    expect(code).toBe(1);
    const names = tests.map((t) => `${t.ancestorTitles.join(' > ')} > ${t.title}`);
    expect(names.sort()).toEqual([
      'Certutil Download [8b5e2d3f-4c6a-4d7b-8e91-2b3c4d5e6f70] > fp: certutil hash check',
      'Certutil Download [8b5e2d3f-4c6a-4d7b-8e91-2b3c4d5e6f70] > fp: deliberately wrong verdict',
      'Certutil Download [8b5e2d3f-4c6a-4d7b-8e91-2b3c4d5e6f70] > tp: urlcache download',
      'Whoami Execution [6a4f7e1c-3b2d-4c5e-9f80-1a2b3c4d5e6f] > fp: whoami in another folder name',
      'Whoami Execution [6a4f7e1c-3b2d-4c5e-9f80-1a2b3c4d5e6f] > tp: whoami from cmd',
    ]);
    const failed = tests.filter((t) => t.status === 'failed');
    expect(failed.map((t) => t.title)).toEqual(['fp: deliberately wrong verdict']);
    const message = failed[0]?.failureMessages.join('\n') ?? '';
    expect(message).toMatch(/1 of 1 event\(s\) matched; expected no event matches/);
    expect(message).toMatch(
      /event #0 should not match; rule line .*certutil_download\.yml:12:21/,
    );
    expect(message).toMatch(/✓ CommandLine\|contains\|all \(line 13\): matched/);
  });

  it('honours vitest name filters (-t)', async () => {
    const { code, tests } = await runSample('filtered', ['-t', 'whoami']);
    expect(code).toBe(0);
    const ran = tests.filter((t) => t.status === 'passed').map((t) => t.title);
    expect(ran.sort()).toEqual([
      'fp: whoami in another folder name',
      'tp: whoami from cmd',
    ]);
  });

  it.skipIf(!existsSync('dist/src/vitest/index.js'))(
    'works through the built package export sigma-harness/vitest',
    async () => {
      const { code, tests } = await runSample('dist', [], {
        SIGMA_HARNESS_FROM_DIST: '1',
      });
      expect(code).toBe(1);
      expect(tests.filter((t) => t.status === 'passed')).toHaveLength(4);
      expect(tests.filter((t) => t.status === 'failed').map((t) => t.title)).toEqual([
        'fp: deliberately wrong verdict',
      ]);
    },
  );
});
