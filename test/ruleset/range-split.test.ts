/**
 * Byte-range splitting of big plain NDJSON files over the worker pool, run
 * from the built output (`dist/`): with a tiny split size, every figure
 * (JSON summary, hits per rule, hit event indices, samples, read error
 * lines, allowlist uses, `--verify` differences) is the same as reading
 * each file whole in this thread, with 2 and 3 workers; JSON arrays,
 * pretty-printed objects and gzip files are never split.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as OutputModule from '../../src/cli/commands/scan-output.js';
import type * as RangeModule from '../../src/events/byte-range.js';
import type { FileScan } from '../../src/ruleset/scan-file.js';
import type * as RunnerModule from '../../src/ruleset/scan-runner.js';
import type * as SetupModule from '../../src/ruleset/scan-setup.js';
import type * as SummaryModule from '../../src/ruleset/scan-summary.js';

const DIST = join(import.meta.dirname, '../../dist/src');
const SPLIT = 1000;
const MAX_EVENT_BYTES = 1500;

const rule = (n: number, detection: string): string =>
  `title: rule ${n}\nid: 1111111${n}-1111-4111-8111-111111111111\n` +
  `logsource: { category: process_creation, product: windows }\n` +
  `detection:\n${detection}`;
const RULES = [
  rule(1, '  s:\n    CommandLine|contains: whoami\n  condition: s\n'),
  rule(2, "  s:\n    Image|endswith: '\\ngrok.exe'\n  condition: s\n"),
  rule(3, "  s:\n    DestinationPort: 443\n    Initiated: 'true'\n  condition: s\n"),
  rule(4, '  keywords:\n    - mimikatz\n  condition: keywords\n'),
];
const ALLOWLIST =
  '- rule: 11111111-1111-4111-8111-111111111111\n  reason: reviewed\n' +
  "  detection:\n    s:\n      ParentImage|endswith: '\\agent.exe'\n    condition: s\n";

/** A deterministic pseudo-random sequence in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function events(count: number, seed: number): Record<string, unknown>[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T =>
    values[Math.floor(next() * values.length)] as T;
  return Array.from({ length: count }, (_, i) => ({
    EventID: pick([1, 3]),
    CommandLine: pick(['cmd /c WHOAMI /all', 'dir', 'run mimikatz', 'notepad']),
    Image: pick(['C:\\ngrok\\ngrok.exe', 'C:\\Windows\\cmd.exe']),
    ParentImage: pick(['C:\\agent.exe', 'C:\\explorer.exe']),
    DestinationPort: pick([443, 80]),
    Initiated: pick(['true', 'false']),
    n: i,
    pad: 'x'.repeat(Math.floor(next() * 400)),
  }));
}

/**
 * NDJSON with blank lines (empty, spaces, `\r`), CRLF line ends, malformed
 * lines (more than the kept read errors), a non-object line, a line over
 * the size limit, and no newline after the last line.
 */
function ndjson(count: number, seed: number, bom = false): string {
  const lines: string[] = [];
  for (const [i, event] of events(count, seed).entries()) {
    const text = JSON.stringify(event);
    lines.push(i % 11 === 0 ? `${text}\r` : text);
    if (i % 97 === 5) lines.push('', '   ', '\r');
    if (i % 89 === 7) lines.push(`{"CommandLine": "whoami", "broken": ${i}`);
    if (i === 400) lines.push('[1, 2]');
    if (i === 1234)
      lines.push(JSON.stringify({ CommandLine: 'whoami', big: 'y'.repeat(2000) }));
  }
  return `${bom ? '\ufeff' : ''}${lines.join('\n')}`;
}

interface Fixture {
  readonly dir: string;
  readonly setup: SetupModule.ScanSetup;
  readonly prepared: SetupModule.PreparedScan;
  readonly runner: typeof RunnerModule;
  readonly ranges: typeof RangeModule;
  readonly json: (results: FileScan[]) => unknown;
}

let fixture: Fixture;

beforeAll(async () => {
  const runner = (await import(
    join(DIST, 'ruleset/scan-runner.js')
  )) as typeof RunnerModule;
  const setups = (await import(
    join(DIST, 'ruleset/scan-setup.js')
  )) as typeof SetupModule;
  const summaries = (await import(
    join(DIST, 'ruleset/scan-summary.js')
  )) as typeof SummaryModule;
  const output = (await import(
    join(DIST, 'cli/commands/scan-output.js')
  )) as typeof OutputModule;
  const ranges = (await import(join(DIST, 'events/byte-range.js'))) as typeof RangeModule;
  const dir = mkdtempSync(join(tmpdir(), 'scan-split-'));
  const rulePaths = RULES.map((text, n) => {
    const path = join(dir, `rule-${n}.yml`);
    writeFileSync(path, text);
    return path;
  });
  writeFileSync(join(dir, 'allow.yml'), ALLOWLIST);
  const ruleSet = await setups.loadScanRules(rulePaths, {});
  const setup: SetupModule.ScanSetup = {
    rulePaths,
    placeholders: {},
    routes: undefined,
    ruleCount: ruleSet.rules.length,
    allowlistFile: join(dir, 'allow.yml'),
  };
  const loaded = await setups.prepareScan(setup, ruleSet);
  if (!loaded.ok) throw new Error('scan did not prepare');
  const prepared = loaded.prepared;
  const entries = prepared.allowlist?.entries.length ?? 0;
  const json = (results: FileScan[]): unknown => {
    const summary = summaries.summarize(prepared.compiled.rules, results, entries);
    const view = {
      summary,
      seconds: 1,
      workers: 1,
      prepared,
      failures: [],
      verify: true,
    };
    const document = JSON.parse(output.scanJson(view)) as {
      summary: Record<string, unknown>;
      rules: Record<string, unknown>[];
    };
    delete document.summary.peak_memory_mb;
    delete document.summary.verify;
    for (const r of document.rules) delete r.ns_per_event;
    const samples = summary.rules.map((r) => [r.hits, r.allowlisted, r.samples]);
    return { ...document, differences: summary.differences, samples };
  };
  fixture = { dir, setup, prepared, runner, ranges, json };
});

/** Every figure of a result but its timings. */
function figures(result: FileScan): unknown {
  return { ...result, timing: undefined, profile: result.profile?.evaluations };
}

async function scan(
  files: readonly string[],
  workers: number,
  splitBytes = SPLIT,
): Promise<{ results: FileScan[]; pieces: number; workers: number }> {
  const { runner, setup, prepared } = fixture;
  let pieces = 0;
  const run = await runner.runScan(files, setup, prepared, {
    workers,
    splitBytes,
    file: {
      verify: true,
      profile: true,
      keepEvents: true,
      fingerprints: true,
      maxEventBytes: MAX_EVENT_BYTES,
    },
    onProgress: () => (pieces += 1),
  });
  return { results: run.results, pieces, workers: run.workers };
}

function write(name: string, content: string | Buffer): string {
  const path = join(fixture.dir, name);
  writeFileSync(path, content);
  return path;
}

describe('byte-range splitting over the worker pool (built output)', () => {
  it('gives the figures of reading each file whole, with 2 and 3 workers', async () => {
    const files = [
      write('big.ndjson', ndjson(3000, 1)),
      write('small.ndjson', ndjson(3, 2)),
      write('bom.ndjson', ndjson(400, 3, true)),
    ];
    const split = await fixture.ranges.splitRanges(files[0] as string, SPLIT);
    expect(split?.length).toBeGreaterThan(400);
    const whole = await scan(files, 1);
    expect(whole.workers).toBe(1);
    const [big] = whole.results;
    expect(big?.events).toBe(3000);
    expect(big?.readErrorCount).toBe(36); // 34 malformed, one array, one too large
    expect(big?.readErrors).toHaveLength(20);
    expect(big?.hits.every((hits) => hits > 100)).toBe(true);
    expect(big?.hitFingerprints?.[0]?.length).toBe(
      (big?.hits[0] ?? 0) + (big?.allowlisted[0] ?? 0),
    );
    expect(big?.allowlisted[0]).toBeGreaterThan(100);
    for (const workers of [2, 3]) {
      const run = await scan(files, workers);
      expect(run.workers).toBe(workers);
      expect(run.pieces).toBeGreaterThan(files.length + 400);
      expect(run.results.map(figures)).toEqual(whole.results.map(figures));
      expect(fixture.json(run.results)).toEqual(fixture.json(whole.results));
    }
  });

  it('reads every line once with ranges shorter than a line', async () => {
    const files = [write('tiny.ndjson', ndjson(120, 4))];
    const whole = await scan(files, 1);
    const run = await scan(files, 2, 37);
    expect(run.pieces).toBeGreaterThan(1000);
    expect(run.results.map(figures)).toEqual(whole.results.map(figures));
  });

  it('never splits a JSON array, pretty-printed objects or a gzip file', async () => {
    const list = events(300, 5);
    const pretty = list.map((e) => JSON.stringify(e, null, 2)).join('\n');
    const files = [
      write('array.json', `[\n${list.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`),
      write('pretty.json', pretty),
      write('first-line-open.json', `{"n": 0,\n"pad": 1}\n${ndjson(300, 6)}`),
      write('packed.ndjson.gz', gzipSync(ndjson(300, 7))),
    ];
    for (const file of files) {
      expect(await fixture.ranges.splitRanges(file, SPLIT)).toBeUndefined();
    }
    const whole = await scan(files, 1);
    expect(whole.results.map((r) => r.events)).toEqual([
      300,
      300,
      expect.any(Number),
      300,
    ]);
    const run = await scan(files, 3);
    expect(run.pieces).toBe(files.length);
    expect(run.results.map(figures)).toEqual(whole.results.map(figures));
  });
});
