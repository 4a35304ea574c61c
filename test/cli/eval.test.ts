import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const RULE = `title: tunnel
id: 0c7e0d7a-8d52-4e58-9f2b-3b4d2f1a6c10
logsource:
  category: network_connection
  product: windows
detection:
  selection:
    DestinationHostname|endswith: '.ngrok.io'
  condition: selection
`;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-'));
  await writeFile(join(dir, 'rule.yml'), RULE);
  await writeFile(
    join(dir, 'bad.yml'),
    RULE.replace('condition: selection', 'condition: nope'),
  );
  const lines = [
    { EventID: 3, DestinationHostname: 'a.NGROK.io' },
    { EventID: 3, DestinationHostname: 'ngrok.io.example.com' },
    { EventID: 1, DestinationHostname: 'b.ngrok.io' },
  ];
  await writeFile(
    join(dir, 'events.ndjson'),
    lines.map((l) => JSON.stringify(l)).join('\n'),
  );
});

function jsonLines(text: string): unknown[] {
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe('sigma-harness eval', () => {
  it('prints one JSON line per event and a summary', () => {
    const run = runCli([
      'eval',
      join(dir, 'rule.yml'),
      join(dir, 'events.ndjson'),
      '--json',
    ]);
    expect(run.status).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({ file: join(dir, 'events.ndjson'), index: 0, match: true });
    expect(lines[1]).toMatchObject({ index: 1, match: false });
    expect(lines[3]).toEqual({ summary: { events: 3, matches: 2, errors: 0 } });
  });

  it('routes events through a logsource mapping', () => {
    const args = ['eval', join(dir, 'rule.yml'), join(dir, 'events.ndjson'), '--json'];
    const run = runCli([...args, '--logsource-map', 'windows']);
    expect(jsonLines(run.stdout).at(-1)).toEqual({
      summary: { events: 3, matches: 0, errors: 0 },
    });
  });

  it('reads standard input and explains', () => {
    const event = JSON.stringify({ DestinationHostname: 'x.ngrok.io.evil.com' });
    const run = runCli(
      ['eval', join(dir, 'rule.yml'), '-', '--json', '--explain'],
      event,
    );
    const [first] = jsonLines(run.stdout) as { explain: { verdict: string } }[];
    expect(first?.explain.verdict).toBe('no-match');
  });

  it('exits 3 for unreadable input, after reading the rest', () => {
    const run = runCli(
      ['eval', join(dir, 'rule.yml'), join(dir, 'missing.json'), '-'],
      '{}',
    );
    expect(run.status).toBe(3);
    expect(run.stdout).toContain('1 events, 0 matches, 1 errors');
    expect(run.stderr).toContain('missing.json');
  });

  it('exits 3 when there is no event at all', () => {
    const run = runCli(['eval', join(dir, 'rule.yml'), '-'], '');
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('no event to evaluate');
  });

  it('exits 2 for a rule error, naming file, line and column', () => {
    const run = runCli(['eval', join(dir, 'bad.yml'), join(dir, 'events.ndjson')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/bad\.yml:9:\d+ error SH401/);
  });
});
