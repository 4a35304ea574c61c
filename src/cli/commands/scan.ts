/**
 * `sigma-harness scan <rules...> --corpus <files or folders...>
 * [--allowlist FILE] [--logsource-map FILE|windows] [--placeholders FILE]
 * [--matcher NAME] [--json] [--workers N] [--verify] [--profile]`: run a
 * rule set over a benign corpus.
 * Every hit is a false positive unless an allowlist entry covers it. The
 * `--matcher` strategy compiles the rules and allowlist entries in every
 * worker thread.
 *
 * Exit codes: 0 no uncovered hit and every allowlist entry used and current;
 * 1 a hit, an unused or expired allowlist entry, or a `--verify`
 * difference; 2 a rule did not compile; 3 bad arguments, a bad allowlist or
 * placeholder file, unreadable events, no rule or no event at all.
 */

import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { Diagnostic } from '../../diagnostics.js';
import { formatDiagnostic } from '../../diagnostics.js';
import { loadPlaceholderFile } from '../../engine/placeholders-file.js';
import type { PlaceholderValues } from '../../engine/placeholders.js';
import { eventFilesOf } from '../../events/read.js';
import type { PreparedScan, ScanSetup } from '../../ruleset/scan-setup.js';
import { loadScanRules, prepareScan, routeTable } from '../../ruleset/scan-setup.js';
import { defaultWorkers, runScan } from '../../ruleset/scan-runner.js';
import type { ScanSummary } from '../../ruleset/scan-summary.js';
import { summarize } from '../../ruleset/scan-summary.js';
import { allowlistFailures } from '../../scan/allowlist.js';
import { EXIT } from '../exit-codes.js';
import { loadMapOption, matcherOption } from '../options.js';
import type { CommonOptions } from '../options.js';
import { scanJson, scanText } from './scan-output.js';
import { startProgress } from './scan-progress.js';

interface ScanOptions extends CommonOptions {
  readonly corpus: string[];
  readonly allowlist?: string;
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
    return fail(`no Sigma rule found in ${rulePaths.join(', ')}`);
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
  const summary = await scanCorpus(files, setup, prepared.prepared, options);
  return report(summary, prepared.prepared, options);
}

async function scanCorpus(
  files: readonly string[],
  setup: ScanSetup,
  prepared: PreparedScan,
  options: ScanOptions,
): Promise<{ summary: ScanSummary; seconds: number; workers: number }> {
  const progress = options.json ? undefined : startProgress(process.stderr);
  const run = await runScan(files, setup, prepared, {
    workers: options.workers ?? defaultWorkers(),
    file: {
      verify: options.verify ?? false,
      profile: options.profile ?? false,
      keepEvents: false,
      maxEventBytes: MAX_EVENT_BYTES,
    },
    ...(progress === undefined ? {} : { onProgress: progress.update }),
  });
  progress?.stop();
  const entries = prepared.allowlist?.entries.length ?? 0;
  return {
    summary: summarize(prepared.compiled.rules, run.results, entries),
    seconds: run.seconds,
    workers: run.workers,
  };
}

function report(
  run: { summary: ScanSummary; seconds: number; workers: number },
  prepared: PreparedScan,
  options: ScanOptions,
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
  const view = { ...run, prepared, failures, verify: options.verify ?? false };
  process.stdout.write(options.json ? scanJson(view) : scanText(view));
  if (summary.events === 0) return EXIT.usage;
  if (prepared.ruleSet.failed.length > 0) return EXIT.ruleError;
  const failed = summary.hits > 0 || failures.length > 0 || summary.differences > 0;
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
