/**
 * `sigma-harness test [rules...] [--fixtures DIR] [--reporter NAME[:FILE]]...
 * [--output FILE] [--filter TEXT] [--min-tests N] [--baseline FILE]
 * [--update-baseline] [--logsource-map FILE|windows] [--matcher NAME]`:
 * run each rule's fixtures (and SigmaHQ regression tests) and report.
 *
 * Without rule paths, `rules/` and `fixtures/` are used; with rule paths,
 * fixtures come from `--fixtures` only (SigmaHQ regression tests are always
 * found from the rules). Exit codes: 0 all passed; 1 a case failed, a rule
 * failed `--min-tests`, or the baseline changed; 2 a rule did not load;
 * 3 bad fixtures or arguments, unreadable events, a report or baseline file
 * that cannot be written (one line on standard error each; the other
 * reporters are still written), or nothing tested.
 */

import { appendFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics.js';
import type { BaselineOutcome } from '../../harness/baseline.js';
import { applyBaseline, currentMatchSets } from '../../harness/baseline.js';
import { writeFailureReason, writeFileAtomic } from '../../harness/atomic-write.js';
import { logsourceSupport } from '../../harness/logsource-support.js';
import type { HarnessReport } from '../../harness/results.js';
import { runHarness } from '../../harness/run.js';
import type { ReporterName } from '../../reporters/index.js';
import { isReporterName, REPORTER_NAMES, REPORTERS } from '../../reporters/index.js';
import { renderMarkdown } from '../../reporters/markdown.js';
import { EXIT } from '../exit-codes.js';
import { matcherOption } from '../options.js';
import type { CommonOptions } from '../options.js';

/** Options of `test`, as commander hands them over. */
export interface TestOptions extends CommonOptions {
  readonly fixtures?: string;
  readonly reporter?: readonly string[];
  readonly output?: string;
  readonly filter?: string;
  readonly minTests?: string;
  readonly baseline?: string;
  readonly updateBaseline?: boolean;
}

/** Where `test` writes; the process's by default, replaced in tests. */
export interface TestIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour the `pretty` reporter when it writes to standard output. */
  readonly color: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A reporter and where its text goes (`undefined`: standard output). */
export interface ReporterTarget {
  readonly name: ReporterName;
  readonly file?: string;
}

/** Registers `test`. */
export function registerTest(program: Command): void {
  const command = program
    .command('test')
    .description('run each rule against its fixtures; exit 1 when one fails')
    .argument('[rules...]', 'rule files or folders (default: rules)')
    .option(
      '--fixtures <dir>',
      'fixture folder or file (default: fixtures, without rule paths)',
    )
    .option(
      '--reporter <name[:file]>',
      `${REPORTER_NAMES.join(', ')}; repeatable (default: pretty)`,
      collect,
    )
    .option('--output <file>', 'file for the one reporter named without :file')
    .option(
      '--filter <text>',
      'only rules (id, title, path) or cases (name) containing text',
    )
    .option('--min-tests <n>', 'fail rules with fewer cases; 2 or more needs tp and fp')
    .option('--baseline <file>', 'compare matched events with this baseline')
    .option('--update-baseline', 'rewrite the baseline with the current matches')
    .option('--logsource-map <file|windows>', 'logsource mapping for cases naming none');
  matcherOption(command);
  command.action(async (rules: string[], options: TestOptions) => {
    process.exitCode = await runTest(rules, options, processIo());
  });
}

/** Runs `test` and returns its exit code. */
export async function runTest(
  rulePaths: readonly string[],
  options: TestOptions,
  io: TestIo,
): Promise<number> {
  const parsed = parseArguments(rulePaths, options);
  if (!parsed.ok) {
    io.stderr(`error: ${parsed.message}\n`);
    return EXIT.usage;
  }
  const args = parsed.value;
  let report = await runHarness({ ...args.harness, logsource: logsourceSupport });
  const baseline = await baselineOf(report, options);
  if (baseline?.kind === 'error') {
    io.stderr(`error: ${baseline.message}\n`);
    return EXIT.usage;
  }
  if (baseline?.kind === 'diff') report = { ...report, baseline: baseline.diff };
  const unwritten = await writeReports(report, args.targets, io);
  for (const message of unwritten) io.stderr(`error: ${message}\n`);
  if (report.summary.fixtures === 0) {
    io.stderr(
      'error: nothing was tested: no fixture case and no regression test found\n',
    );
  }
  return unwritten.length > 0 ? EXIT.usage : exitCode(report);
}

/** The exit code of a finished run (see the module comment). */
export function exitCode(report: HarnessReport): number {
  const { summary, problems } = report;
  const badInput =
    problems.usage.length > 0 || summary.fixtures === 0 || summary.errors > 0;
  if (badInput) return EXIT.usage;
  if (problems.rule.length > 0) return EXIT.ruleError;
  const ruleFailed = report.results.some((r) => r.status === 'failed');
  const changed =
    report.baseline?.updated === false && report.baseline.changes.length > 0;
  return ruleFailed || changed ? EXIT.failed : EXIT.ok;
}

interface ParsedArguments {
  readonly harness: Parameters<typeof runHarness>[0];
  readonly targets: readonly ReporterTarget[];
}

type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

function parseArguments(
  rulePaths: readonly string[],
  options: TestOptions,
): Parsed<ParsedArguments> {
  const targets = reporterTargets(options.reporter ?? [], options.output);
  if (!targets.ok) return targets;
  const minTests = options.minTests === undefined ? undefined : Number(options.minTests);
  if (minTests !== undefined && !(Number.isSafeInteger(minTests) && minTests >= 0)) {
    return {
      ok: false,
      message: `--min-tests takes a whole number, not '${options.minTests}'`,
    };
  }
  if (options.updateBaseline === true && options.baseline === undefined) {
    return { ok: false, message: '--update-baseline needs --baseline FILE' };
  }
  const defaults = rulePaths.length === 0;
  const fixtures = options.fixtures ?? (defaults ? 'fixtures' : undefined);
  const matcher = options.matcher;
  const harness = {
    rules: defaults ? ['rules'] : rulePaths,
    ...(fixtures === undefined ? {} : { fixtures }),
    ...(options.filter === undefined ? {} : { filter: options.filter }),
    ...(minTests === undefined ? {} : { minTests }),
    ...(options.logsourceMap === undefined ? {} : { logsourceMap: options.logsourceMap }),
    ...(matcher === undefined ? {} : { compile: { matcher } }),
  };
  return { ok: true, value: { harness, targets: targets.value } };
}

/**
 * Reporter targets from `--reporter NAME[:FILE]` and `--output FILE`.
 * `--output` goes to the one reporter named without a file; with several
 * such reporters it is an error. No `--reporter` means `pretty`.
 */
export function reporterTargets(
  specs: readonly string[],
  output: string | undefined,
): Parsed<ReporterTarget[]> {
  const targets: ReporterTarget[] = [];
  for (const spec of specs.length === 0 ? ['pretty'] : specs) {
    const colon = spec.indexOf(':');
    const name = colon < 0 ? spec : spec.slice(0, colon);
    const file = colon < 0 ? undefined : spec.slice(colon + 1);
    if (!isReporterName(name)) {
      return {
        ok: false,
        message: `unknown reporter '${name}' (${REPORTER_NAMES.join(', ')})`,
      };
    }
    if (file === '')
      return { ok: false, message: `--reporter ${name}: missing file after ':'` };
    targets.push(file === undefined ? { name } : { name, file });
  }
  if (output === undefined) return { ok: true, value: targets };
  const open = targets.filter((t) => t.file === undefined);
  if (open.length !== 1) {
    return {
      ok: false,
      message: '--output needs exactly one reporter named without :FILE',
    };
  }
  return {
    ok: true,
    value: targets.map((t) => (t.file === undefined ? { ...t, file: output } : t)),
  };
}

async function baselineOf(
  report: HarnessReport,
  options: TestOptions,
): Promise<BaselineOutcome | undefined> {
  const file = options.baseline;
  if (file === undefined) return undefined;
  const current = currentMatchSets(report.results, file);
  return applyBaseline(file, current, options.updateBaseline === true);
}

/**
 * Writes every reporter, going on after a file that cannot be written;
 * returns one message per output that was not written.
 */
async function writeReports(
  report: HarnessReport,
  targets: readonly ReporterTarget[],
  io: TestIo,
): Promise<string[]> {
  const unwritten: string[] = [];
  for (const target of targets) {
    const color = target.file === undefined && io.color;
    const text = REPORTERS[target.name](report, { color });
    const file = target.file;
    if (file === undefined) io.stdout(text);
    else {
      const failed = await written(() => writeFileAtomic(file, text));
      if (failed !== undefined)
        unwritten.push(`${target.name} report ${file} not written: ${failed}`);
    }
  }
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (
    summaryFile !== undefined &&
    summaryFile !== '' &&
    targets.some((t) => t.name === 'github')
  ) {
    const failed = await written(() => appendFile(summaryFile, renderMarkdown(report)));
    if (failed !== undefined)
      unwritten.push(`$GITHUB_STEP_SUMMARY ${summaryFile} not written: ${failed}`);
  }
  for (const problem of [...report.problems.rule, ...report.problems.usage]) {
    if (!targets.some((t) => t.file === undefined && t.name === 'pretty')) {
      io.stderr(`${formatDiagnostic(problem)}\n`);
    }
  }
  return unwritten;
}

/** Runs a write; the reason it failed, in one line, or undefined. */
async function written(write: () => Promise<void>): Promise<string | undefined> {
  try {
    await write();
    return undefined;
  } catch (error) {
    return writeFailureReason(error);
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function processIo(): TestIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
    env: process.env,
  };
}
