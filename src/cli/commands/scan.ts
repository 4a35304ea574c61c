/**
 * `sigma-harness scan <rules...> --corpus <files or folders...>
 * [--allowlist FILE] [--baseline FILE [--update-baseline]]
 * [--logsource-map FILE|windows] [--placeholders FILE] [--matcher NAME]
 * [--json] [--workers N] [--verify] [--profile]`: run a rule set over a
 * corpus. Without a baseline every hit is a false positive unless an
 * allowlist entry covers it; with one, the events each rule matched in
 * each file are compared with the baseline's, and only a difference fails.
 * The `--matcher` strategy compiles the rules and allowlist entries in every
 * worker thread.
 *
 * Exit codes: 0 no uncovered hit (or no baseline difference) and every
 * allowlist entry used and current; 1 an uncovered hit (without a
 * baseline), a baseline difference (not with `--update-baseline`), an
 * unused, expired or unknown allowlist entry, or a `--verify` difference;
 * 2 a rule did not load or compile; 3 bad arguments, a bad allowlist or
 * placeholder file, a baseline that cannot be read or written, no rule or
 * no event at all.
 */

import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { Diagnostic } from '../../diagnostics.js';
import { formatDiagnostic } from '../../diagnostics.js';
import { loadPlaceholderFile } from '../../engine/placeholders-file.js';
import type { PlaceholderValues } from '../../engine/placeholders.js';
import { eventFilesOf } from '../../events/read.js';
import type { BaselineDiff, BaselineOutcome } from '../../harness/baseline.js';
import { applyBaseline } from '../../harness/baseline.js';
import type { FileScan } from '../../ruleset/scan-file.js';
import type { PreparedScan, ScanSetup } from '../../ruleset/scan-setup.js';
import { loadScanRules, prepareScan, routeTable } from '../../ruleset/scan-setup.js';
import { defaultWorkers, runScan } from '../../ruleset/scan-runner.js';
import type { ScanSummary } from '../../ruleset/scan-summary.js';
import { summarize } from '../../ruleset/scan-summary.js';
import { allowlistFailures } from '../../scan/allowlist.js';
import { corpusMatchSets, evaluatedRules } from '../../scan/corpus-baseline.js';
import { EXIT } from '../exit-codes.js';
import { loadMapOption, matcherOption } from '../options.js';
import type { CommonOptions } from '../options.js';
import { scanJson, scanText } from './scan-output.js';
import { startProgress } from './scan-progress.js';

interface ScanOptions extends CommonOptions {
  readonly corpus: string[];
  readonly allowlist?: string;
  readonly baseline?: string;
  readonly updateBaseline?: boolean;
  readonly placeholders?: string;
  readonly json?: boolean;
  readonly workers?: number;
  readonly verify?: boolean;
  readonly profile?: boolean;
}

const MAX_EVENT_BYTES = 64 * 1024 * 1024;

/** Registers `scan`. */
export function registerScan(program: Command): void {
  const command = program
    .command('scan')
    .description('run rules over a benign corpus; every hit not allowlisted fails')
    .argument('<rules...>', 'rule files or folders')
    .requiredOption('--corpus <paths...>', 'event files or folders')
    .option('--allowlist <file>', 'YAML allowlist of reviewed hits')
    .option('--baseline <file>', 'compare the matched events with this baseline')
    .option('--update-baseline', 'rewrite the baseline with the current matches')
    .option('--logsource-map <file|windows>', 'route events through a logsource mapping')
    .option('--placeholders <file>', 'YAML map of placeholder values for expand');
  matcherOption(command);
  command
    .option('--json', 'print one JSON document')
    .option('--workers <n>', 'worker threads (default: all cores)', positiveInteger)
    .option('--verify', 'also evaluate every rule on every event and compare')
    .option('--profile', 'time each rule (ns per evaluated event)')
    .action(async (rules: string[], options: ScanOptions) => {
      process.exitCode = await runScanCommand(rules, options);
    });
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected N >= 1');
  return n;
}

async function runScanCommand(
  rulePaths: string[],
  options: ScanOptions,
): Promise<number> {
  if (options.updateBaseline === true && options.baseline === undefined) {
    return fail('--update-baseline needs --baseline FILE');
  }
  const loadedMap = await loadMapOption(options.logsourceMap);
  if (!loadedMap.ok) return printDiagnostics(loadedMap.diagnostics, EXIT.usage);
  let placeholders: PlaceholderValues = {};
  if (options.placeholders !== undefined) {
    const loaded = await loadPlaceholderFile(options.placeholders);
    if (!loaded.ok) return printDiagnostics(loaded.diagnostics, EXIT.usage);
    placeholders = loaded.values;
  }
  const { matcher } = options;
  const ruleSet = await loadScanRules(rulePaths, placeholders, matcher);
  if (ruleSet.rules.length + ruleSet.failed.length === 0) {
    printDiagnostics(ruleSet.diagnostics, EXIT.usage);
    fail(`no Sigma rule found in ${rulePaths.join(', ')}`);
    const loadError = ruleSet.diagnostics.some((d) => d.severity === 'error');
    return loadError ? EXIT.ruleError : EXIT.usage;
  }
  const files = await corpusFiles(options.corpus);
  if (typeof files === 'string') return fail(files);
  const routes =
    loadedMap.map === undefined ? undefined : routeTable(ruleSet.rules, loadedMap.map);
  const setup: ScanSetup = {
    rulePaths,
    placeholders,
    matcher,
    routes,
    ruleCount: ruleSet.rules.length,
    ...(options.allowlist === undefined ? {} : { allowlistFile: options.allowlist }),
  };
  const prepared = await prepareScan(setup, ruleSet);
  if (!prepared.ok) return printDiagnostics(prepared.diagnostics, EXIT.usage);
  const run = await scanCorpus(files, setup, prepared.prepared, options);
  const baseline = await compareWithBaseline(run.results, prepared.prepared, options);
  if (baseline?.kind === 'error') return fail(baseline.message);
  return report(run, prepared.prepared, options, baseline?.diff);
}

/** Applies `--baseline` to the run's match sets; undefined without it. */
async function compareWithBaseline(
  results: readonly FileScan[],
  prepared: PreparedScan,
  options: ScanOptions,
): Promise<BaselineOutcome | undefined> {
  const file = options.baseline;
  if (file === undefined) return undefined;
  const { rules, unmapped } = prepared.compiled;
  const current = corpusMatchSets(results, rules, file);
  const evaluated = evaluatedRules(rules, unmapped, file);
  return applyBaseline(file, current, options.updateBaseline === true, evaluated);
}

async function scanCorpus(
  files: readonly string[],
  setup: ScanSetup,
  prepared: PreparedScan,
  options: ScanOptions,
): Promise<ScanRunView> {
  const progress = options.json ? undefined : startProgress(process.stderr);
  const run = await runScan(files, setup, prepared, {
    workers: options.workers ?? defaultWorkers(),
    file: {
      verify: options.verify ?? false,
      profile: options.profile ?? false,
      keepEvents: false,
      fingerprints: options.baseline !== undefined,
      maxEventBytes: MAX_EVENT_BYTES,
    },
    ...(progress === undefined ? {} : { onProgress: progress.update }),
  });
  progress?.stop();
  const entries = prepared.allowlist?.entries.length ?? 0;
  return {
    summary: summarize(prepared.compiled.rules, run.results, entries),
    results: run.results,
    seconds: run.seconds,
    workers: run.workers,
  };
}

/** A finished scan: its summary, per-file results, time and threads. */
interface ScanRunView {
  readonly summary: ScanSummary;
  readonly results: readonly FileScan[];
  readonly seconds: number;
  readonly workers: number;
}

function report(
  run: ScanRunView,
  prepared: PreparedScan,
  options: ScanOptions,
  baseline: BaselineDiff | undefined,
): number {
  const { summary } = run;
  const today = new Date().toISOString().slice(0, 10);
  const failures =
    prepared.allowlist === undefined
      ? []
      : allowlistFailures(
          prepared.allowlist,
          summary.entryUses,
          today,
          scannedIds(prepared),
        );
  const verify = options.verify ?? false;
  const view = { ...run, prepared, failures, verify, baseline };
  process.stdout.write(options.json ? scanJson(view) : scanText(view));
  if (summary.events === 0) return fail('no event in the corpus');
  if (prepared.ruleSet.failed.length > 0) return EXIT.ruleError;
  const unexpected =
    baseline === undefined
      ? summary.hits > 0
      : !baseline.updated && baseline.changes.length > 0;
  const failed = unexpected || failures.length > 0 || summary.differences > 0;
  return failed ? EXIT.failed : EXIT.ok;
}

/**
 * The event files of the corpus paths. A path that cannot be read is kept
 * as a file, so that scanning it reports the error (file, line 1) among the
 * read errors and the run goes on with the other files.
 */
async function corpusFiles(paths: readonly string[]): Promise<string[] | string> {
  const files: string[] = [];
  for (const path of paths) {
    for await (const found of eventFilesOf(path)) {
      files.push(typeof found === 'string' ? found : found.file);
    }
  }
  return files.length === 0 ? 'the corpus holds no event files' : files;
}

/** The ids of the rules loaded for the scan, compiled or not. */
function scannedIds(prepared: PreparedScan): Set<string> {
  const { rules, failed } = prepared.ruleSet;
  const ids = [...rules, ...failed].map((r) => r.rule.id);
  return new Set(ids.filter((id): id is string => id !== undefined));
}

function printDiagnostics(diagnostics: readonly Diagnostic[], code: number): number {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  return code;
}

function fail(message: string): number {
  process.stderr.write(`scan: ${message}\n`);
  return EXIT.usage;
}
