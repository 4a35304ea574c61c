import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestIo, TestOptions } from '../../src/cli/commands/test.js';
import { runTest } from '../../src/cli/commands/test.js';

const SEED = '1d08ac94-400d-4469-a82f-daee9a908849';
const SIGMAHQ = '../shared/corpus/sigmahq';
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'harness-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function run(rules: string[], options: TestOptions, env: TestIo['env'] = {}) {
  let stdout = '';
  let stderr = '';
  const io: TestIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    color: false,
    env,
  };
  const code = await runTest(rules, options, io);
  return { code, stdout, stderr };
}

/** A folder holding one fixture file with `text`. */
async function fixtures(name: string, text: string): Promise<string> {
  const folder = join(work, name);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'f.yml'), text);
  return folder;
}

const SEED_TP = `rule: ${SEED}
tp:
  - name: us
    event: { DestinationHostname: tunnel.us.ngrok.com }
fp:
  - name: website
    event: { DestinationHostname: ngrok.com }
`;

describe('sigma-harness test', () => {
  it('passes on the project rules and fixtures, with per-rule results and coverage', async () => {
    const result = await run([], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /PASS {2}Communication To Ngrok Tunneling Service Initiated/,
    );
    expect(result.stdout).toMatch(
      /coverage: 1\/1 search identifiers, 5\/7 values; not reached: .*'tunnel\.sa\.ngrok\.com'.*'tunnel\.in\.ngrok\.com'/,
    );
    expect(result.stdout).toMatch(
      /4 rules, \d+ cases .* 0 failed, 0 errors, 0 missing, 0 untested/,
    );
  });

  it('exits 1 with the explain trace when a verdict is flipped', async () => {
    const original = await readFile(
      'fixtures/net_connection_win_domain_ngrok_tunnel.yml',
      'utf8',
    );
    const flipped = original
      .replace(/^tp:/m, 'was_tp:')
      .replace(/^fp:/m, 'tp:')
      .replace(/^was_tp:/m, 'fp:');
    const folder = await fixtures('flipped', flipped);
    const result = await run(['rules'], { fixtures: folder });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /FAIL {2}Communication To Ngrok Tunneling Service Initiated/,
    );
    expect(result.stdout).toMatch(/event #0 should not match; rule line .*:32:9/);
    expect(result.stdout).toMatch(
      /✓ DestinationHostname\|contains \(line 31\): matched; matched value #1/,
    );
    expect(result.stdout).toMatch(/event #0 should match/);
    expect(result.stdout).toMatch(
      /✗ DestinationHostname\|contains \(line 31\): value differs/,
    );
  });

  it('exits 3 on an empty fixtures folder', async () => {
    const folder = join(work, 'empty');
    await mkdir(folder, { recursive: true });
    const result = await run(['rules'], { fixtures: folder });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/0 cases/);
    expect(result.stderr).toMatch(/nothing was tested/);
  });

  it('exits 3 on a fixture naming an unknown rule, with its location', async () => {
    const folder = await fixtures('unknown', SEED_TP.replace(SEED, 'no-such-rule'));
    const result = await run(['rules'], { fixtures: folder });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/f\.yml:1:7 error SH605 .*no-such-rule/);
  });

  it('exits 3 on a missing event file, naming it at the case', async () => {
    const text = `rule: ${SEED}\ntp:\n  - name: gone\n    file: nowhere.json\n`;
    const folder = await fixtures('missing-file', text);
    const result = await run(['rules'], { fixtures: folder });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/f\.yml:3:5 error SH606 .*nowhere\.json/);
  });

  it('exits 2 when a rule does not load', async () => {
    const rules = join(work, 'bad-rules');
    await cp('rules', rules, { recursive: true });
    await writeFile(
      join(rules, 'broken.yml'),
      'title: broken\nlogsource: {}\ndetection:\n  condition: nothing\n',
    );
    const folder = await fixtures('for-bad-rules', SEED_TP);
    const result = await run([rules], { fixtures: folder });
    expect(result.code).toBe(2);
  });

  it('applies --min-tests, asking for both polarities from 2 on', async () => {
    const folder = await fixtures('tp-only', SEED_TP.replace(/^fp:[\s\S]*$/m, ''));
    const one = await run(['rules'], { fixtures: folder, filter: SEED, minTests: '1' });
    expect(one.code).toBe(0);
    const two = await run(['rules'], { fixtures: folder, filter: SEED, minTests: '2' });
    expect(two.code).toBe(1);
    expect(two.stdout).toMatch(/min-tests: 1 case\(s\), --min-tests asks for 2/);
    expect(two.stdout).toMatch(
      /1 passed, 0 failed, .*; 1 rule\(s\) failed --min-tests\n$/,
    );
    const json = await run(['rules'], {
      fixtures: folder,
      filter: SEED,
      minTests: '2',
      reporter: ['json'],
    });
    const report = JSON.parse(json.stdout) as { summary: Record<string, number> };
    expect(report.summary).toMatchObject({ passed: 1, failed: 0, minTestsFailed: 1 });
  });

  it('lists rules without fixtures as untested', async () => {
    const folder = await fixtures('seed-only', SEED_TP);
    const result = await run(['rules'], { fixtures: folder, reporter: ['json'] });
    const report = JSON.parse(result.stdout) as {
      version: number;
      summary: Record<string, number>;
      results: { id: string; status: string }[];
    };
    expect(result.code).toBe(0);
    expect(report.version).toBe(1);
    expect(report.summary).toMatchObject({
      rules: 4,
      fixtures: 2,
      passed: 2,
      failed: 0,
      untested: 3,
    });
    expect(report.results.filter((r) => r.status === 'untested')).toHaveLength(3);
  });

  it('records a baseline, then reports newly matched events and exits 1', async () => {
    const folder = await fixtures('baseline', SEED_TP);
    const baseline = join(work, 'baseline.json');
    expect((await run(['rules'], { fixtures: folder, baseline })).code).toBe(3);
    const created = await run(['rules'], {
      fixtures: folder,
      baseline,
      updateBaseline: true,
    });
    expect(created.code).toBe(0);
    expect(JSON.parse(await readFile(baseline, 'utf8'))).toMatchObject({ version: 1 });
    expect((await run(['rules'], { fixtures: folder, baseline })).code).toBe(0);
    const more = SEED_TP.replace(
      'fp:',
      '  - name: eu\n    event: { DestinationHostname: tunnel.eu.ngrok.com }\nfp:',
    );
    await writeFile(join(folder, 'f.yml'), more);
    const changed = await run(['rules'], { fixtures: folder, baseline });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/\+ newly matched: eu #0/);
  });

  it('writes several reporters, to files atomically', async () => {
    const folder = await fixtures('reporters', SEED_TP);
    const junitFile = join(work, 'out', 'junit.xml');
    const jsonFile = join(work, 'out', 'report.json');
    const result = await run(['rules'], {
      fixtures: folder,
      reporter: [`junit:${junitFile}`, 'json'],
      output: jsonFile,
    });
    expect(result.code).toBe(0);
    expect(await readFile(junitFile, 'utf8')).toMatch(
      /<testcase classname="1d08ac94[^>]* name="tp: us"/,
    );
    expect(JSON.parse(await readFile(jsonFile, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('reports a report file it cannot write in one line, writes the others, exits 3', async () => {
    const folder = await fixtures('unwritable', SEED_TP);
    const out = join(work, 'unwritable-out');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'afile'), 'mine\n');
    const jsonFile = join(out, 'report.json');
    const result = await run(['rules'], {
      fixtures: folder,
      reporter: [`junit:${join(out, 'afile', 'x.xml')}`, `json:${jsonFile}`],
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `error: junit report ${join(out, 'afile', 'x.xml')} not written: ` +
        `${join(out, 'afile')} is not a folder\n`,
    );
    expect(JSON.parse(await readFile(jsonFile, 'utf8'))).toMatchObject({ version: 1 });
    expect(await readFile(join(out, 'afile'), 'utf8')).toBe('mine\n');
    expect((await readdir(out)).sort()).toEqual(['afile', 'report.json']);
  });

  it.skipIf(!existsSync('/proc/self'))(
    'reports a file system that refuses the report, leaving nothing behind',
    async () => {
      const folder = await fixtures('proc', SEED_TP);
      const result = await run(['rules'], {
        fixtures: folder,
        reporter: ['junit:/proc/x.xml', 'markdown:/proc/none/y.md'],
      });
      expect(result.code).toBe(3);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(
          /^error: junit report \/proc\/x\.xml not written: .*\/proc/,
        ),
        expect.stringMatching(
          /^error: markdown report \/proc\/none\/y\.md not written: /,
        ),
      ]);
      expect((await readdir('/proc')).filter((name) => name.endsWith('.tmp'))).toEqual(
        [],
      );
    },
  );

  it('exits 3 when --update-baseline cannot write the baseline', async () => {
    const folder = await fixtures('baseline-unwritable', SEED_TP);
    const blocker = join(work, 'baseline-blocker');
    await writeFile(blocker, '');
    const baseline = join(blocker, 'baseline.json');
    const result = await run(['rules'], {
      fixtures: folder,
      baseline,
      updateBaseline: true,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `error: baseline ${baseline} not written: ${blocker} is not a folder\n`,
    );
  });

  it('keeps the committed baseline of the project fixtures up to date', async () => {
    const result = await run([], { baseline: 'fixtures/baseline.json' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/baseline fixtures\/baseline\.json: no change/);
  });

  it('matches the JSON example of docs/fixtures.md on the project fixtures', async () => {
    const docs = await readFile('docs/fixtures.md', 'utf8');
    const example = /"summary": (\{[^}]*\})/.exec(docs)?.[1];
    const documented = JSON.parse(example ?? '{}') as Record<string, number>;
    const result = await run([], { reporter: ['json'] });
    const report = JSON.parse(result.stdout) as { summary: Record<string, number> };
    expect(report.summary).toEqual(documented);
  });

  it('points github annotations at the rule line that caused the hit', async () => {
    const text = SEED_TP.replace(
      'Hostname: ngrok.com }',
      'Hostname: xtunnel.us.ngrok.com.evil }',
    );
    const folder = await fixtures('github', text);
    const result = await run(['rules'], { fixtures: folder, reporter: ['github'] });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^::error file=rules\/windows\/net_connection_win_domain_ngrok_tunnel\.yml,line=32,col=9::.*website/m,
    );
  });

  it('appends the markdown summary to $GITHUB_STEP_SUMMARY with the github reporter', async () => {
    const folder = await fixtures('step-summary', SEED_TP);
    const summary = join(work, 'step-summary.md');
    await writeFile(summary, 'earlier step\n');
    const env = { GITHUB_STEP_SUMMARY: summary };
    const result = await run(['rules'], { fixtures: folder, reporter: ['github'] }, env);
    expect(result.code).toBe(0);
    const text = await readFile(summary, 'utf8');
    expect(text).toMatch(/^earlier step\n## sigma-harness test\n/);
    expect(text).toMatch(
      /\| passed \| Communication To Ngrok Tunneling Service Initiated/,
    );
  });

  it('exits 3 on bad arguments', async () => {
    expect((await run([], { reporter: ['nope'] })).code).toBe(3);
    expect((await run([], { reporter: ['json', 'junit'], output: 'x' })).code).toBe(3);
    expect((await run([], { minTests: 'two' })).code).toBe(3);
    expect((await run([], { updateBaseline: true })).code).toBe(3);
  });

  it.skipIf(!existsSync(SIGMAHQ))(
    'passes every available SigmaHQ regression test, withheld ones missing',
    async () => {
      const result = await run([`${SIGMAHQ}/rules`], { reporter: ['json'] });
      const report = JSON.parse(result.stdout) as { summary: Record<string, number> };
      expect(result.code).toBe(0);
      expect(report.summary.failed).toBe(0);
      expect(report.summary.passed).toBeGreaterThan(100);
      expect(report.summary.missing).toBeGreaterThan(0);
    },
  );
});
