import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/** A rule file with one selection `sel` of `item` (a YAML map entry). */
function rule(title: string, item: string, condition = 'sel'): string {
  return [
    `title: ${title}`,
    'logsource: { product: windows }',
    'detection:',
    '  sel:',
    `    ${item}`,
    `  condition: ${condition}`,
    '',
  ].join('\n');
}

const GOOD = rule('good', "Image|endswith: '\\cmd.exe'");
const HOSTNAME = rule('hostname', "DestinationHostname|endswith: '.ngrok.io'");
const BAD_REGEXES = ['a(b', '(?i:abc)', 'a++', '(?P<n>abc)'];

let root: string;

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files))
    await writeFile(join(dir, file), text);
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fuzz-generate-'));
});

describe('generate and fuzz on rules that do not compile', () => {
  let dir: string;
  let bad: string[];

  beforeAll(async () => {
    const files: Record<string, string> = { 'z-good.yml': GOOD, 'z-host.yml': HOSTNAME };
    BAD_REGEXES.forEach((re, i) => {
      files[`bad${i}.yml`] = rule(`bad ${i}`, `CommandLine|re: '${re}'`);
    });
    dir = await folder('regex', files);
    bad = BAD_REGEXES.map((_, i) => `${join(dir, `bad${i}.yml`)}:5:21 error SH302`);
  });

  it('check reports each invalid regex as SH302', () => {
    const run = runCli(['check', dir]);
    expect(run.status).toBe(2);
    for (const line of bad) expect(run.stdout).toContain(line);
  });

  it('generate prints the diagnostics, the events of the other rules, exits 2', () => {
    const run = runCli(['generate', dir, '--count', '1']);
    expect(run.stderr).not.toContain('SyntaxError');
    for (const line of bad) expect(run.stderr).toContain(line);
    const events = run.stdout.trim().split('\n');
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[0] ?? '')).toHaveProperty('Image');
    expect(run.status).toBe(2);
  });

  it('generate --check checks the other rules and exits 2', () => {
    const run = runCli(['generate', dir, '--check', '--count', '2']);
    expect(run.stderr).not.toContain('SyntaxError');
    for (const line of bad) expect(run.stderr).toContain(line);
    expect(run.stdout).toContain('2 of 2 rules passed');
    expect(run.status).toBe(2);
  });

  it('generate --check --json lists the rules it could not check', () => {
    const run = runCli(['generate', dir, '--check', '--count', '2', '--json']);
    const summary = JSON.parse(run.stdout) as {
      rules: number;
      rule_errors: { file: string; line: number; code: string }[];
    };
    expect(summary.rules).toBe(2);
    expect(
      summary.rule_errors.map((e) => `${e.file}:${e.line}:21 error ${e.code}`),
    ).toEqual(bad);
    expect(run.status).toBe(2);
  });

  it('fuzz fuzzes the other rules and exits 2', () => {
    const run = runCli(['fuzz', dir, '--runs', '50', '--seed', '1']);
    expect(run.stderr).not.toContain('SyntaxError');
    for (const line of bad) expect(run.stderr).toContain(line);
    expect(run.stdout).toContain('hostname (');
    expect(run.status).toBe(2);
  });

  it('generate exits 2 on a cidr network with host bits or an unknown identifier', async () => {
    const errors = await folder('errors', {
      'cidr.yml': rule('cidr', "DestinationIp|cidr: '10.0.0.1/8'"),
      'ident.yml': rule('ident', "Image: 'a.exe'", 'sel and nosuch'),
    });
    for (const args of [[], ['--check']]) {
      const run = runCli(['generate', errors, ...args]);
      expect(run.stderr).toContain('error SH302');
      expect(run.stderr).toContain('error SH401');
      expect(run.status).toBe(2);
    }
  });
});

describe('generate and fuzz with nothing to do', () => {
  it('generate --check --sample 0 exits 3 and says what --sample takes', async () => {
    const dir = await folder('sample', { 'good.yml': GOOD });
    const run = runCli(['generate', dir, '--check', '--sample', '0']);
    expect(run.stderr).toContain('--sample takes a positive integer');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(3);
  });

  it('fuzz exits 3 when no rule names a host of the zone sets, and says so', async () => {
    const dir = await folder('no-host', { 'good.yml': GOOD });
    const run = runCli(['fuzz', dir, '--runs', '10']);
    expect(run.stderr).toMatch(/nothing to fuzz: none of the 1 rule\(s\) names a host/);
    expect(run.status).toBe(3);
  });

  it('fuzz and generate exit 3 on a folder without rules, and say so', async () => {
    const dir = await folder('empty', {});
    for (const command of ['fuzz', 'generate']) {
      const run = runCli([command, dir]);
      expect(run.stderr).toContain(`no Sigma rule in ${dir}`);
      expect(run.status).toBe(3);
    }
  });

  it('fuzz --runs 0 says that --runs takes a positive integer', () => {
    const run = runCli(['fuzz', 'rules', '--runs', '0']);
    expect(run.stderr).toContain('--runs takes a positive integer');
    expect(run.status).toBe(3);
  });
});

describe('fuzz --save-fixtures into a folder that cannot be written', () => {
  it('exits 3 with one line naming the file and the reason, no stack trace', async () => {
    const dir = await folder('unwritable', { 'host.yml': HOSTNAME, plain: 'a file\n' });
    const fixtures = join(dir, 'plain', 'fixtures');
    const run = runCli([
      'fuzz',
      dir,
      '--runs',
      '50',
      '--seed',
      '1',
      '--save-fixtures',
      fixtures,
    ]);
    expect(run.stdout).toContain('disagreement(s) in 1 rule(s)');
    expect(run.stderr).toBe(
      `cannot save fixture cases to ${join(fixtures, 'host.yml')}: ` +
        `${join(dir, 'plain')} is not a folder\n`,
    );
    expect(run.status).toBe(3);
  });
});
