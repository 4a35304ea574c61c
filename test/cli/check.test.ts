import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('sigma-harness check', () => {
  it('answers --help', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('check');
  });

  it('reports rules, errors and warnings as JSON and exits 2 on an error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'check-'));
    const good =
      'title: ok\nlogsource: {product: x}\ndetection:\n  s: {a: 1}\n  condition: s\n';
    await writeFile(join(dir, 'good.yml'), good);
    await writeFile(join(dir, 'bad.yml'), good.replace('a: 1', 'a|nosuch: 1'));
    const run = runCli(['check', dir, '--json']);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout) as {
      summary: { rules: number; loaded: number; errors: number };
      diagnostics: { file: string; line: number; column: number; code: string }[];
    };
    expect(report.summary).toMatchObject({ rules: 2, loaded: 1, errors: 1 });
    expect(report.diagnostics[0]).toMatchObject({
      file: join(dir, 'bad.yml'),
      line: 4,
      column: 7,
      code: 'SH301',
    });
  });

  it('exits 0 when every rule compiles', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'check-'));
    await writeFile(
      join(dir, 'good.yml'),
      'title: ok\nlogsource: {product: x}\ndetection:\n  s: {a: 1}\n  condition: s\n',
    );
    expect(runCli(['check', dir]).status).toBe(0);
  });

  it('exits 3 when there is nothing to check', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'check-'));
    expect(runCli(['check', dir]).status).toBe(3);
    await writeFile(join(dir, 'empty.yml'), '');
    const run = runCli(['check', join(dir, 'empty.yml')]);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('no Sigma rule found');
  });
});
