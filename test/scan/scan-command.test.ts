/**
 * `sigma-harness scan` end to end through the built command line: exit
 * codes, allowlist coverage and failures, and the JSON document's shape.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '../../dist/src/cli/main.js');
const ID = '11111111-1111-4111-8111-111111111111';

const RULE = `title: whoami
id: ${ID}
logsource: { category: process_creation, product: windows }
detection:
  selection:
    CommandLine|contains: whoami
  condition: selection
`;
const EVENTS = [
  { CommandLine: 'cmd /c whoami', ParentImage: 'C:\\agent.exe' },
  { CommandLine: 'dir' },
  { CommandLine: 'WHOAMI /all', ParentImage: 'C:\\x.exe' },
];
const entry = (parent: string, extra = ''): string =>
  `- rule: ${ID}\n  reason: reviewed\n${extra}  detection:\n` +
  `    s:\n      ParentImage|endswith: '${parent}'\n    condition: s\n`;

function workspace(allowlist: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'scan-cli-'));
  writeFileSync(join(dir, 'rule.yml'), RULE);
  writeFileSync(
    join(dir, 'events.ndjson'),
    EVENTS.map((e) => JSON.stringify(e)).join('\n'),
  );
  writeFileSync(join(dir, 'allow.yml'), allowlist);
  return dir;
}

function scan(dir: string, ...extra: string[]): { code: number; stdout: string } {
  const args = [
    MAIN,
    'scan',
    join(dir, 'rule.yml'),
    '--corpus',
    join(dir, 'events.ndjson'),
  ];
  try {
    const stdout = execFileSync(process.execPath, [...args, ...extra], {
      encoding: 'utf8',
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { code: failed.status, stdout: failed.stdout };
  }
}

describe('scan command', () => {
  it('fails on hits and prints the JSON summary', () => {
    const dir = workspace('');
    const { code, stdout } = scan(dir, '--json', '--verify', '--workers', '1');
    expect(code).toBe(1);
    const document = JSON.parse(stdout) as {
      summary: { rules: number; events: number; hits: number; verify: object };
      rules: { id: string; title: string; hits: number }[];
    };
    expect(document.summary).toMatchObject({ rules: 1, events: 3, hits: 2 });
    expect(document.summary.verify).toMatchObject({ differences: 0 });
    expect(document.rules).toEqual([{ id: ID, title: 'whoami', hits: 2 }]);
  });

  it('passes when allowlist entries cover every hit', () => {
    const dir = workspace(entry('\\agent.exe') + entry('\\x.exe'));
    expect(scan(dir, '--allowlist', join(dir, 'allow.yml')).code).toBe(0);
  });

  it('fails an unused or expired entry at its line', () => {
    const unused = entry('\\agent.exe') + entry('\\x.exe') + entry('\\never.exe');
    const dir = workspace(unused);
    const result = scan(dir, '--allowlist', join(dir, 'allow.yml'));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/allow\.yml:13:3 error SH703/);
    const expired = entry('\\agent.exe', '  expires: 2020-01-01\n') + entry('\\x.exe');
    const old = workspace(expired);
    const again = scan(old, '--allowlist', join(old, 'allow.yml'));
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/allow\.yml:1:3 error SH702/);
  });

  it('reports bad inputs at file and line and scans the other files', () => {
    const dir = workspace('');
    writeFileSync(join(dir, 'bad.ndjson'), '{"CommandLine": "whoami"}\n{"a": 1,\n');
    writeFileSync(join(dir, 'fake.ndjson.gz'), '{"CommandLine": whoami}\n');
    const extra = ['bad.ndjson', 'fake.ndjson.gz', 'missing.ndjson'];
    const { stdout } = scan(dir, ...extra.map((name) => join(dir, name)), '--json');
    const document = JSON.parse(stdout) as {
      summary: { events: number; hits: number; read_errors: number };
      read_errors: { file: string; line: number; column: number }[];
    };
    expect(document.summary).toMatchObject({ events: 4, hits: 3, read_errors: 3 });
    const where = document.read_errors.map((e) => [e.file, e.line, e.column]);
    expect(where).toEqual([
      [join(dir, 'bad.ndjson'), 2, 9],
      [join(dir, 'fake.ndjson.gz'), 1, 17],
      [join(dir, 'missing.ndjson'), 1, 1],
    ]);
  });

  it('takes placeholder values for expand, and fails rules without them', () => {
    const dir = workspace('');
    const rule = RULE.replace(
      'CommandLine|contains: whoami',
      "CommandLine|expand: '%tools%'",
    );
    writeFileSync(join(dir, 'rule.yml'), rule);
    writeFileSync(join(dir, 'values.yml'), "tools: ['*whoami*', 'dir']\n");
    const summary = (stdout: string) =>
      (JSON.parse(stdout) as { summary: { hits: number; failed_rules: number } }).summary;
    const without = scan(dir, '--json');
    expect(without.code).toBe(2);
    expect(summary(without.stdout)).toMatchObject({ hits: 0, failed_rules: 1 });
    const given = scan(dir, '--json', '--placeholders', join(dir, 'values.yml'));
    expect(given.code).toBe(1);
    expect(summary(given.stdout)).toMatchObject({ hits: 3, failed_rules: 0 });
  });

  it('lists the costliest rules with --profile in the text report', () => {
    const dir = workspace('');
    const plain = scan(dir, '--workers', '1');
    const profiled = scan(dir, '--workers', '1', '--profile');
    expect(plain.stdout).not.toContain('ns/eval');
    const header = profiled.stdout
      .split('\n')
      .findIndex((line) => line.includes('ns/eval'));
    expect(header).toBeGreaterThan(-1);
    const row = profiled.stdout.split('\n')[header + 1] ?? '';
    expect(row).toMatch(new RegExp(`^ +[\\d.]+ +\\d+ +\\d+  whoami \\(${ID}\\)$`));
  });

  it('gates on a baseline of matched events, whatever the workers and folder', () => {
    const dir = workspace('');
    const baseline = join(dir, 'base', 'scan-baseline.json');
    const withBaseline = (...extra: string[]) =>
      scan(dir, '--json', '--baseline', baseline, ...extra);
    expect(withBaseline().code).toBe(3);
    expect(withBaseline('--update-baseline').code).toBe(0);
    const written = JSON.parse(readFileSync(baseline, 'utf8')) as {
      fixtures: Record<string, Record<string, Record<string, string>>>;
    };
    expect(Object.keys(written.fixtures)).toEqual(['../events.ndjson']);
    expect(Object.values(written.fixtures['../events.ndjson']?.[ID] ?? {})).toEqual([
      'line 1',
      'line 3',
    ]);
    expect(withBaseline('--workers', '2').code).toBe(0);
    const moved = spawnSync(
      process.execPath,
      [MAIN, 'scan', 'rule.yml', '--corpus', 'events.ndjson', '--baseline', baseline],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(moved.status).toBe(0);

    writeFileSync(
      join(dir, 'events.ndjson'),
      [EVENTS[0], EVENTS[1], { CommandLine: 'whoami /priv' }]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    const changed = withBaseline();
    expect(changed.code).toBe(1);
    const document = JSON.parse(changed.stdout) as {
      baseline: { changes: { rule: string; added: unknown[]; removed: unknown[] }[] };
    };
    expect(document.baseline.changes).toMatchObject([
      { rule: ID, added: [{ label: 'line 3' }], removed: [{ label: 'line 3' }] },
    ]);
    writeFileSync(join(dir, 'events.ndjson'), JSON.stringify(EVENTS[1]));
    const none = withBaseline();
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toMatchObject({
      baseline: { changes: [{ rule: ID, added: [], removed: [{}, {}] }] },
    });
    expect(withBaseline('--update-baseline').code).toBe(0);
    expect(JSON.parse(readFileSync(baseline, 'utf8'))).toEqual({
      version: 1,
      fixtures: {},
    });
  });

  it('exits 3 when no rule is found, 2 when the rule path does not load', () => {
    const dir = workspace('');
    writeFileSync(join(dir, 'rule.yml'), '');
    expect(scan(dir).code).toBe(3);
    const missing = spawnSync(
      process.execPath,
      [MAIN, 'scan', join(dir, 'nope.yml'), '--corpus', join(dir, 'events.ndjson')],
      { encoding: 'utf8' },
    );
    expect(missing.status).toBe(2);
  });

  it('says why an empty corpus exits 3', () => {
    const dir = workspace('');
    writeFileSync(join(dir, 'events.ndjson'), '\n');
    const run = spawnSync(
      process.execPath,
      [MAIN, 'scan', join(dir, 'rule.yml'), '--corpus', join(dir, 'events.ndjson')],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('no event in the corpus');
  });

  it('stops quietly when its output is closed', () => {
    const dir = workspace('');
    const args = [MAIN, 'scan', join(dir, 'rule.yml'), '--corpus', dir, '--json'];
    const script = `"${process.execPath}" ${args.map((a) => `"${a}"`).join(' ')} | head -c 10`;
    const result = spawnSync('sh', ['-c', `${script}; exit 0`], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toHaveLength(10);
  });
});
