import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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

describe('reporters on cases that could not run', () => {
  let errors: HarnessReport;
  let uncompiled: HarnessReport;

  beforeAll(async () => {
    const folder = join(work, 'errors');
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, 'bad.ndjson'),
      '{"DestinationHostname":"tunnel.us.ngrok.com"}\n{broken\n',
    );
    await writeFile(
      join(folder, 'f.yml'),
      [
        `rule: ${SEED}`,
        'tp:',
        '  - name: good',
        '    event: { DestinationHostname: tunnel.us.ngrok.com }',
        '  - name: missing',
        '    file: nowhere.json',
        '  - name: broken',
        '    file: bad.ndjson',
        'fp:',
        '  - name: website',
        '    event: { DestinationHostname: ngrok.com }',
      ].join('\n'),
    );
    errors = await runHarness({ rules: ['rules'], fixtures: folder, filter: SEED });
    const rules = join(work, 'uncompiled');
    await mkdir(rules, { recursive: true });
    await writeFile(
      join(rules, 'bad.yml'),
      [
        'title: bad regex',
        'id: 11111111-1111-4111-8111-111111111111',
        'logsource: { category: process_creation, product: windows }',
        'detection:',
        '  selection:',
        "    Image|re: '(abc'",
        '  condition: selection',
      ].join('\n'),
    );
    uncompiled = await runHarness({ rules: [rules] });
  });

  it('junit: only the case errors, no compile test case', () => {
    const xml = REPORTERS.junit(errors);
    expect(xml).not.toMatch(/name="compile"/);
    expect(xml).toMatch(/<testsuites tests="4" failures="0" errors="2"/);
    expect(xml).toMatch(/name="tp: missing"[^>]*>\s*<error message="could not run"/);
    expect(xml).toMatch(/name="tp: broken"[^>]*>\s*<error message="could not run"/);
  });

  it('github: each case error at its place, never "did not compile"', () => {
    const lines = REPORTERS.github(errors).trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^::error file=[^,]*f\.yml,line=5,col=5::.*'missing': event file/,
      ),
      expect.stringMatching(/^::error file=[^,]*bad\.ndjson,line=2,col=2::.*'broken'/),
    ]);
  });

  it('junit and github: "did not compile" for a rule that did not compile', () => {
    expect(REPORTERS.junit(uncompiled)).toMatch(
      /name="compile">\s*<error message="the rule did not compile"/,
    );
    expect(REPORTERS.github(uncompiled)).toMatch(
      /^::error file=[^,]*bad\.yml,line=1,col=1::bad regex .*: the rule did not compile$/m,
    );
  });
});
