/**
 * `sigma-harness bench` end to end on a tiny run: the report files, the
 * JSON fields other tools read, agreement of every contender and of both
 * end-to-end paths, and the `--compare` gate's exit codes.
 */

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../../src/benchmark/report.js';
import { runCli, type CliRun } from '../cli/run-cli.js';

const TINY = [
  'bench',
  '--events',
  '2000',
  '--patterns',
  '7,100',
  '--passes',
  '2',
  '--pass-budget',
  '20',
  '--sample',
  '500',
  '--e2e-events',
  '3000',
  '--strategies',
  'aho-corasick,regex-union,monyone-fast',
];

describe('bench command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-command-'));
  const json = join(dir, 'report.json');
  let run: CliRun;
  let report: BenchReport;

  beforeAll(() => {
    run = runCli([
      ...TINY,
      '--json',
      json,
      '--markdown',
      join(dir, 'report.md'),
      '--svg',
      dir,
    ]);
    report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
  });

  it('exits 0 and prints a line per cell and a checksum', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^aho-corasick x 100: [\d.]+ ns\/event/m);
    expect(run.stdout).toMatch(/^checksum [0-9a-f]+$/m);
  });

  it('writes the JSON report with ratios to the floor and agreement', () => {
    expect(report.version).toBe(1);
    expect(report.machine).toMatchObject({ node: process.version });
    const strategies = report.results.filter((r) => r.kind !== 'baseline');
    expect(strategies.map((r) => `${r.strategy} x ${r.patterns}`).sort()).toEqual([
      'aho-corasick x 100',
      'aho-corasick x 7',
      'monyone-fast x 100',
      'monyone-fast x 7',
      'naive x 100',
      'naive x 7',
      'regex-union x 100',
      'regex-union x 7',
    ]);
    for (const row of strategies) {
      expect(row.agrees).toBe(true);
      expect(row.ns_per_event).toBeGreaterThan(0);
      expect(row.ratio_to_floor).toBeGreaterThan(0);
      expect(row.ratio_to_naive).toBeGreaterThan(0);
    }
    expect(report.end_to_end.map((r) => r.path).sort()).toEqual([
      'parse-everything',
      'prefilter',
    ]);
    for (const row of report.end_to_end) expect(row.agrees).toBe(true);
  });

  it('writes Markdown tables that link the SVG charts', () => {
    const markdown = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(markdown).toContain('ns-per-event.svg');
    for (const chart of ['ns-per-event.svg', 'events-per-second.svg']) {
      expect(readFileSync(join(dir, chart), 'utf8')).toMatch(/^<svg /);
    }
  });

  it('--compare fails past the threshold and passes on the same ratios', () => {
    // An earlier report no real run can match (a millionth of the floor),
    // so the gate fails whatever the machine's load: no timing is tested.
    const faster = {
      ...report,
      results: report.results.map((r) =>
        r.kind === 'baseline' || r.ratio_to_floor === null
          ? r
          : { ...r, ratio_to_floor: 1e-6 },
      ),
    };
    const earlier = join(dir, 'earlier.json');
    writeFileSync(earlier, JSON.stringify(faster));
    const gated = runCli([...TINY, '--e2e-events', 'none', '--compare', earlier]);
    expect(gated.status).toBe(1);
    expect(gated.stdout).toMatch(/^REGRESSED aho-corasick x 7: /m);
    expect(gated.stdout).toContain('compare: failed');

    const generous = runCli([
      ...TINY,
      '--e2e-events',
      'none',
      '--compare',
      json,
      '--threshold',
      '1000',
    ]);
    expect(generous.stdout).toContain('compare: passed');
    expect(generous.status).toBe(0);
  });

  it('exits 3 on bad arguments and an unreadable earlier report', () => {
    expect(runCli(['bench', '--strategies', 'grep']).status).toBe(3);
    expect(runCli(['bench', '--hit-rate', '2']).status).toBe(3);
    const missing = runCli(['bench', '--compare', join(dir, 'missing.json')]);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain('missing.json');
  });
});

describe('bench with a report file that cannot be written', () => {
  it('exits 3 before measuring, with one line naming the file and the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-unwritable-'));
    const plain = join(dir, 'plain');
    writeFileSync(plain, 'a file\n');
    const cases: [string[], string][] = [
      [['--json', join(plain, 'r.json')], `cannot write ${join(plain, 'r.json')}`],
      [['--markdown', join(plain, 'r.md')], `cannot write ${join(plain, 'r.md')}`],
      [
        ['--svg', join(plain, 'charts')],
        `cannot write the charts in ${join(plain, 'charts')}`,
      ],
    ];
    for (const [option, message] of cases) {
      const run = runCli([
        ...TINY,
        '--e2e-events',
        'none',
        '--json',
        join(dir, 'ok.json'),
        ...option,
      ]);
      expect(run.stderr).toBe(`${message}: ${plain} is not a folder\n`);
      expect(run.stdout).toBe('');
      expect(run.status).toBe(3);
    }
    expect(readdirSync(dir)).toEqual(['plain']);
  });
});
