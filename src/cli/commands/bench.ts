/**
 * `sigma-harness bench [--events N] [--patterns LIST] [--strategies LIST]
 * [--hit-rate R] [--e2e-events LIST] [--json FILE] [--markdown FILE]
 * [--svg DIR] [--compare FILE] [--threshold R]`: the matcher benchmark and
 * the end-to-end benchmark, with reports (docs/benchmarks.md). Exit 1 when a
 * contender's verdicts disagree with the reference or `--compare` finds a
 * regression past the threshold, 2 when the rule does not load, 3 on bad
 * arguments or a report file that cannot be written (checked before
 * measuring).
 */

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { compareReports, parseReport, type Comparison } from '../../benchmark/compare.js';
import { CONTENDER_NAMES, isContenderName } from '../../benchmark/contenders.js';
import type { ContenderName } from '../../benchmark/contenders.js';
import { buildReport, type BenchReport } from '../../benchmark/report.js';
import { checkReportFiles, writeReportFiles } from '../../benchmark/report-files.js';
import { runEndToEnd, type EndToEndRow } from '../../benchmark/run-e2e.js';
import { runMatchBenchmark } from '../../benchmark/run-match.js';
import { packageRoot } from '../../events/package-root.js';
import { EXIT } from '../exit-codes.js';
import { startBenchProgress } from './bench-progress.js';

interface BenchCommandOptions {
  readonly events: string;
  readonly patterns: string;
  readonly strategies?: string;
  readonly hitRate: string;
  readonly mixedCase: string;
  readonly seed: string;
  readonly passes: string;
  readonly passBudget: string;
  readonly sample: string;
  readonly e2eEvents: string;
  readonly rule?: string;
  readonly dataDir?: string;
  readonly keepData?: boolean;
  readonly inline?: boolean;
  readonly json?: string;
  readonly markdown?: string;
  readonly svg?: string;
  readonly compare?: string;
  readonly threshold: string;
}

/** The seed rule, measured end to end by default. */
const SEED_RULE = 'rules/windows/net_connection_win_domain_ngrok_tunnel.yml';

/** Registers `bench`. */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('benchmark matcher strategies and the seed rule end to end')
    .option('--events <n>', 'hostnames per match cell', '1000000')
    .option('--patterns <list>', 'pattern counts', '7,100,1000,10000')
    .option('--strategies <list>', `contenders (${CONTENDER_NAMES.join(', ')})`)
    .option('--hit-rate <r>', 'share of events that match, 0..1', '0.01')
    .option('--mixed-case <r>', 'share of hostnames in mixed case, 0..1', '0.1')
    .option('--seed <s>', 'seed of the generated data', '1')
    .option('--passes <n>', 'timed passes per cell', '5')
    .option('--pass-budget <ms>', 'longest pass of a slow contender', '500')
    .option('--sample <n>', 'events whose verdicts are compared with naive', '20000')
    .option('--e2e-events <list>', "end-to-end event counts, or 'none'", '10000000')
    .option('--rule <file>', 'rule of the end-to-end benchmark (the seed rule)')
    .option('--data-dir <dir>', 'folder of the generated NDJSON files (temp folder)')
    .option('--keep-data', 'keep the NDJSON files and reuse them next time')
    .option('--inline', 'run match cells in this thread (quick checks, no isolation)')
    .option('--json <file>', 'write the JSON report')
    .option('--markdown <file>', 'write the Markdown report')
    .option('--svg <dir>', 'write the SVG charts')
    .option('--compare <file>', 'gate: compare ratios with an earlier JSON report')
    .option('--threshold <r>', 'allowed growth of a ratio for --compare', '0.25')
    .action(async (options: BenchCommandOptions) => {
      process.exitCode = await runBench(options);
    });
}

/** Parsed settings, or a usage message. */
type Settings = Exclude<ReturnType<typeof parseSettings>, string>;

function parseSettings(options: BenchCommandOptions) {
  const count = (text: string) => (/^\d+$/.test(text) ? Number(text) : NaN);
  const share = (text: string) => {
    const value = Number(text);
    return text.trim() !== '' && value >= 0 && value <= 1 ? value : NaN;
  };
  const list = (text: string) => text.split(',').map((t) => count(t.trim()));
  const strategies = (options.strategies ?? CONTENDER_NAMES.join(',')).split(',');
  const unknown = strategies.filter((name) => !isContenderName(name));
  if (unknown.length > 0) return `unknown contender(s): ${unknown.join(', ')}`;
  const settings = {
    events: count(options.events),
    patterns: list(options.patterns),
    contenders: strategies as ContenderName[],
    hitRate: share(options.hitRate),
    mixedCase: share(options.mixedCase),
    seed: count(options.seed),
    passes: count(options.passes),
    passBudgetMs: count(options.passBudget),
    sample: count(options.sample),
    e2eEvents: options.e2eEvents === 'none' ? [] : list(options.e2eEvents),
    threshold: Number(options.threshold),
  };
  const numbers = [
    settings.events,
    settings.hitRate,
    settings.mixedCase,
    settings.seed,
    settings.passes,
    settings.passBudgetMs,
    settings.sample,
    settings.threshold,
    ...settings.patterns,
    ...settings.e2eEvents,
  ];
  if (numbers.some((n) => !Number.isFinite(n) || n < 0)) {
    return 'bad number: counts take whole numbers, --hit-rate and --mixed-case 0..1';
  }
  if (
    settings.events < 1 ||
    settings.passes < 1 ||
    settings.patterns.some((n) => n < 1)
  ) {
    return '--events, --passes and every pattern count must be at least 1';
  }
  return settings;
}

async function runBench(options: BenchCommandOptions): Promise<number> {
  const settings = parseSettings(options);
  if (typeof settings === 'string') return usage(settings);
  let before: BenchReport | undefined;
  if (options.compare !== undefined) {
    const earlier = await readReport(options.compare);
    if (typeof earlier === 'string') return usage(earlier);
    before = earlier;
  }
  const unwritable = await checkReportFiles(options);
  if (unwritable !== undefined) return usage(unwritable);
  const root = packageRoot(import.meta.url) ?? process.cwd();
  const rule = options.rule ?? join(root, SEED_RULE);
  const cells =
    settings.patterns.length * (new Set(['naive', ...settings.contenders]).size + 2);
  const progress = startBenchProgress(
    process.stderr,
    cells + settings.e2eEvents.length * 3,
  );
  const match = await runMatchBenchmark({
    ...settings,
    isolate: options.inline === true ? 'inline' : 'worker',
    onProgress: (_done, _total, label) => progress?.step(label),
  });
  let endToEnd: EndToEndRow[];
  try {
    endToEnd = await runEndToEnd({
      rule,
      events: settings.e2eEvents,
      seed: settings.seed,
      hitRate: settings.hitRate,
      mixedCase: settings.mixedCase,
      folder: options.dataDir ?? tmpdir(),
      keepFiles: options.keepData === true,
      onStep: (label) => progress?.step(label),
    });
  } catch (error) {
    progress?.stop();
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.ruleError;
  }
  progress?.stop();
  const report = buildReport({
    command: ['sigma-harness', ...process.argv.slice(2)].join(' '),
    settings: reportSettings(settings),
    results: match.rows,
    skipped: match.skipped,
    endToEnd,
  });
  const unwritten = await writeReportFiles(report, options);
  process.stdout.write(summary(report));
  if (unwritten !== undefined) return usage(unwritten);
  const disagree =
    report.results.some((r) => r.agrees === false) ||
    report.end_to_end.some((r) => !r.agrees);
  if (before === undefined) return disagree ? EXIT.failed : EXIT.ok;
  const comparison = compareReports(before, report, settings.threshold);
  process.stdout.write(formatComparison(comparison, settings.threshold));
  return disagree || !comparison.passed ? EXIT.failed : EXIT.ok;
}

function reportSettings(settings: Settings) {
  return {
    events: settings.events,
    patterns: settings.patterns,
    hit_rate: settings.hitRate,
    mixed_case: settings.mixedCase,
    seed: settings.seed,
    passes: settings.passes,
    e2e_events: settings.e2eEvents,
  };
}

async function readReport(path: string): Promise<BenchReport | string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return `${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
  const parsed = parseReport(text);
  return parsed.ok ? parsed.report : `${path}: ${parsed.message}`;
}

function summary(report: BenchReport): string {
  const lines = report.results.map((r) => {
    const ns =
      r.ns_per_event === null ? 'not timed' : `${r.ns_per_event.toFixed(1)} ns/event`;
    const ratio =
      r.ratio_to_floor === null ? '' : `, ${r.ratio_to_floor.toFixed(2)}x charCodeAt`;
    const agrees = r.agrees === false ? ', DISAGREES with naive' : '';
    return `${r.strategy} x ${r.patterns}: ${ns}${ratio}${agrees}`;
  });
  for (const s of report.skipped)
    lines.push(`${s.strategy} x ${s.patterns}: skipped, ${s.reason}`);
  for (const r of report.end_to_end) {
    lines.push(
      `end to end ${r.path}, ${r.events} events: ${Math.round(r.events_per_second)} events/s, ` +
        `${r.hits} hits, ${r.speedup.toFixed(2)}x, peak RSS ${r.max_rss_mb.toFixed(0)} MB` +
        (r.agrees ? '' : ', VERDICTS DIFFER'),
    );
  }
  for (const g of report.goals) {
    const outcome = g.met === null ? 'not measured' : g.met ? 'met' : 'MISSED';
    lines.push(`goal ${outcome}: ${g.goal} (${g.measured})`);
  }
  lines.push(`checksum ${report.checksum.toString(16)}`);
  return `${lines.join('\n')}\n`;
}

function formatComparison(comparison: Comparison, threshold: number): string {
  const lines = comparison.rows.map(
    (r) =>
      `${r.regressed ? 'REGRESSED' : 'ok'} ${r.strategy} x ${r.patterns}: ` +
      `${r.before.toFixed(2)} -> ${r.after.toFixed(2)} x charCodeAt ` +
      `(${(r.change * 100).toFixed(0)}%)`,
  );
  for (const name of comparison.disagreeing) lines.push(`DISAGREES with naive: ${name}`);
  const verdict = comparison.passed ? 'passed' : 'failed';
  lines.push(`compare: ${verdict} (threshold ${(threshold * 100).toFixed(0)}%)`);
  return `${lines.join('\n')}\n`;
}

function usage(message: string): number {
  process.stderr.write(`${message}\n`);
  return EXIT.usage;
}
