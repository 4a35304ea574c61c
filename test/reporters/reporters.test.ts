import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HarnessReport } from '../../src/harness/results.js';
import { runHarness } from '../../src/harness/run.js';
import { REPORTERS } from '../../src/reporters/index.js';

const SEED = '1d08ac94-400d-4469-a82f-daee9a908849';
let work: string;
let report: HarnessReport;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'reporters-'));
  await writeFile(
    join(work, 'seed.yml'),
    [
      `rule: ${SEED}`,
      'tp:',
      '  - name: us',
      '    event: { DestinationHostname: tunnel.us.ngrok.com }',
      'fp:',
      '  - name: look-alike, wrongly matched',
      '    event: { DestinationHostname: xtunnel.eu.ngrok.com.evil }',
    ].join('\n'),
  );
  report = await runHarness({ rules: ['rules'], fixtures: work });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('reporters', () => {
  it('json: a versioned document with the summary and every rule', () => {
    const document = JSON.parse(REPORTERS.json(report)) as {
      version: number;
      summary: Record<string, number>;
      results: { status: string; fixtures: { cases: { failures: unknown[] }[] }[] }[];
    };
    expect(document.version).toBe(1);
    expect(document.summary).toMatchObject({
      rules: 4,
      fixtures: 2,
      passed: 1,
      failed: 1,
      missing: 0,
      untested: 3,
    });
    const failed = document.results.find((r) => r.status === 'failed');
    expect(failed?.fixtures[0]?.cases[1]?.failures).toHaveLength(1);
  });

  it('junit: a suite per rule, a test case per fixture case, the trace on failure', () => {
    const xml = REPORTERS.junit(report);
    expect(xml.match(/<testsuite /g)).toHaveLength(4);
    expect(xml).toMatch(/name="tp: us"/);
    expect(xml).toMatch(
      /<failure message="1 of 1 event\(s\) matched; expected no event matches"/,
    );
    expect(xml).toMatch(
      /should not match[\s\S]*DestinationHostname\|contains \(line 31\)/,
    );
    expect(xml.match(/<skipped\/>/g)).toHaveLength(3);
  });

  it('github: one escaped annotation at the blamed rule line', () => {
    const lines = REPORTERS.github(report).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::error file=rules\/windows\/net_connection_win_domain_ngrok_tunnel\.yml,line=33,col=9::/,
    );
    expect(lines[0]).toMatch(/%0A/);
  });

  it('markdown: table, failure trace in a code block, untested list', () => {
    const text = REPORTERS.markdown(report);
    expect(text).toMatch(
      /\| failed \| Communication To Ngrok Tunneling Service Initiated/,
    );
    expect(text).toMatch(/```text\nevent #0 should not match/);
    expect(text).toMatch(/Untested rules \(3\)/);
  });

  it('pretty: colour only when asked', () => {
    const plain = REPORTERS.pretty(report, { color: false });
    expect(plain.includes('\u001b[')).toBe(false);
    expect(plain).toMatch(/FAIL {2}Communication To Ngrok Tunneling Service Initiated/);
    expect(plain).toMatch(/UNTESTED {2}Communication To Ngrok Tunneling Service - Linux/);
    expect(REPORTERS.pretty(report, { color: true }).includes('\u001b[')).toBe(true);
  });
});
