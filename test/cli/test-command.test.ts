/**
 * `sigma-harness test` run as a user would: its help, its errors on
 * unwritable report files, and baselines used from another working folder.
 */

import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './run-cli.js';
import { runCli } from './run-cli.js';

const MAIN = resolve('dist/src/cli/main.js');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'test-cli-'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Runs `sigma-harness ...args` from the folder `cwd`. */
function runIn(cwd: string, args: readonly string[]): CliRun {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sigma-harness test (command line)', () => {
  it('exits 3 over 2 when nothing was tested and a rule did not compile', async () => {
    const dir = await mkdtemp(join(work, 'precedence-'));
    const bad =
      'title: bad\nlogsource: {product: x}\ndetection:\n  s: {a|nosuch: 1}\n  condition: s\n';
    await writeFile(join(dir, 'bad.yml'), bad);
    await mkdir(join(dir, 'empty'));
    const run = runCli(['test', join(dir, 'bad.yml'), '--fixtures', join(dir, 'empty')]);
    expect(run.stderr).toContain('nothing was tested');
    expect(run.status).toBe(3);
  });

  it('names pretty as the default reporter in its help', () => {
    const help = runCli(['test', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--reporter <name\[:file\]> [^-]*\(default: pretty\)/);
    expect(help).not.toMatch(/default: \[\]/);
  });

  it('reports an unwritable report file in one line, without a stack trace', async () => {
    const blocker = join(work, 'afile');
    await writeFile(blocker, '');
    const json = join(work, 'report.json');
    const reporters = ['pretty', `junit:${blocker}/x.xml`, `json:${json}`];
    const run = runCli(['test', ...reporters.flatMap((r) => ['--reporter', r])]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(
      `error: junit report ${blocker}/x.xml not written: ${blocker} is not a folder\n`,
    );
    expect(run.stdout).toMatch(/4 rules, \d+ cases/);
    expect(JSON.parse(await readFile(json, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('gives baseline keys that do not depend on the working folder', async () => {
    const fixtures = join(work, 'fixtures');
    await cp('fixtures', fixtures, { recursive: true });
    const baseline = join(work, 'out', 'baseline.json');
    const args = ['--fixtures', fixtures, '--baseline', baseline];
    const created = runIn('.', ['test', 'rules', ...args, '--update-baseline']);
    expect(created.status).toBe(0);
    const written = JSON.parse(await readFile(baseline, 'utf8')) as {
      fixtures: Record<string, unknown>;
    };
    expect(Object.keys(written.fixtures)).toContain(
      '../fixtures/net_connection_win_domain_ngrok_tunnel.yml',
    );
    const elsewhere = runIn(tmpdir(), ['test', resolve('rules'), ...args]);
    expect(elsewhere.stdout).toMatch(/baseline .*: no change/);
    expect(elsewhere.status).toBe(0);
  });
});
