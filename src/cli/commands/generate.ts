/**
 * `sigma-harness generate <rules...> [--count N] [--seed S] [--near-miss]`
 * prints NDJSON events generated from each rule: events the rule should
 * match, or with `--near-miss` events one item away that it should not.
 *
 * `--check [--sample N] [--min-pass-rate R] [--json] [--matcher NAME]` runs
 * the generation property instead: for each rule, compiled with the
 * `--matcher` strategy, `--count` satisfying events must match and `--count`
 * near misses must not (`--sample N` checks N evenly spaced rules). It
 * prints a summary and every rule that did not pass with the reason; exit 1
 * when the engine disagrees on any event or the pass rate is below
 * `--min-pass-rate`.
 *
 * A rule that does not load or compile is reported with its diagnostics
 * (as `check` reports them) and skipped; the other rules are still
 * processed. Exit 2 when any rule does not load or compile, 3 on bad
 * arguments, when there is no rule to work on, or when events cannot be
 * generated for a rule (without `--check`).
 */

import type { Command } from 'commander';
import type { Diagnostic } from '../../diagnostics.js';
import { diagnosticJson, formatDiagnostic } from '../../diagnostics.js';
import { createEventGenerator } from '../../fuzz/event-generator.js';
import { checkRules, sampleRules } from '../../fuzz/generation-run.js';
import type { GenerationSummary } from '../../fuzz/generation-run.js';
import type { FuzzTarget } from '../../fuzz/fuzz-target.js';
import { loadRules, ruleProblems } from '../../fuzz/load-rules.js';
import { Random } from '../../fuzz/random.js';
import type { SigmaRule } from '../../rule/model.js';
import { EXIT } from '../exit-codes.js';
import { matcherOption } from '../options.js';
import type { CommonOptions } from '../options.js';

interface GenerateOptions extends Pick<CommonOptions, 'matcher'> {
  readonly count: string;
  readonly seed: string;
  readonly nearMiss?: boolean;
  readonly check?: boolean;
  readonly sample?: string;
  readonly minPassRate: string;
  readonly json?: boolean;
}

/** Registers `generate`. */
export function registerGenerate(program: Command): void {
  const command = program
    .command('generate')
    .description('print NDJSON events generated from rules, or check the engine on them')
    .argument('<rules...>', 'rule files or folders')
    .option('--count <n>', 'events per rule (with --check: of each kind)', '10')
    .option('--seed <s>', 'seed of the random choices', '1')
    .option('--near-miss', 'generate near misses instead of matching events')
    .option('--check', 'check that the engine matches and rejects generated events')
    .option('--sample <n>', 'with --check: check n evenly spaced rules')
    .option('--min-pass-rate <r>', 'with --check: lowest passing share', '0.95')
    .option('--json', 'with --check: print one JSON document');
  matcherOption(command);
  command.action(async (paths: string[], options: GenerateOptions) => {
    process.exitCode = await runGenerate(paths, options);
  });
}

async function runGenerate(paths: readonly string[], options: GenerateOptions) {
  const invalid = invalidOption(options);
  if (invalid !== undefined) return usage(invalid);
  const count = Number(options.count);
  const seed = Number(options.seed);
  const sample = options.sample === undefined ? undefined : Number(options.sample);
  const loaded = await loadRules(paths, options.matcher);
  const problems = ruleProblems(loaded);
  for (const d of problems) process.stderr.write(`${formatDiagnostic(d)}\n`);
  const ruleErrors = problems.length > 0;
  if (loaded.rules.length === 0) {
    if (ruleErrors) return EXIT.ruleError;
    return usage(`nothing to generate: no Sigma rule in ${paths.join(', ')}`);
  }
  if (options.check) {
    const summary = checkRules(sampleRules(loaded.rules, sample), { count, seed });
    printSummary(summary, problems, options.json === true);
    if (ruleErrors) return EXIT.ruleError;
    const disagreed = summary.notPassed.some((r) => r.status === 'disagreed');
    const low = summary.passRate < Number(options.minPassRate);
    return disagreed || low ? EXIT.failed : EXIT.ok;
  }
  const status = printEvents(loaded.rules, count, seed, options.nearMiss === true);
  return ruleErrors ? EXIT.ruleError : status;
}

/** What is wrong with the numeric options, if anything. */
function invalidOption(options: GenerateOptions): string | undefined {
  const positive = (text: string): boolean =>
    Number.isInteger(Number(text)) && Number(text) > 0;
  if (!positive(options.count)) {
    return `--count takes a positive integer, not '${options.count}'`;
  }
  if (!Number.isInteger(Number(options.seed))) {
    return `--seed takes an integer, not '${options.seed}'`;
  }
  if (options.sample !== undefined && !positive(options.sample)) {
    return `--sample takes a positive integer (rules to check), not '${options.sample}'`;
  }
  const rate = Number(options.minPassRate);
  if (!(rate >= 0 && rate <= 1)) {
    return `--min-pass-rate takes a number from 0 to 1, not '${options.minPassRate}'`;
  }
  return undefined;
}

function printEvents(
  targets: readonly FuzzTarget[],
  count: number,
  seed: number,
  nearMiss: boolean,
): number {
  let status: number = EXIT.ok;
  for (const target of targets) {
    const { rule } = target;
    const build = createEventGenerator(target);
    if (!build.ok) {
      status = notGenerated(rule, build.reason);
      continue;
    }
    const random = new Random(seed);
    for (let i = 0; i < count; i++) {
      const made = nearMiss
        ? build.generator.nearMiss(random)
        : build.generator.satisfying(random);
      if (!made.ok) {
        status = notGenerated(rule, made.reason);
        break;
      }
      process.stdout.write(`${JSON.stringify(made.generated.event)}\n`);
    }
  }
  return status;
}

function notGenerated(rule: SigmaRule, reason: string): number {
  process.stderr.write(
    `${rule.file}: ${rule.title}: cannot generate events: ${reason}\n`,
  );
  return EXIT.usage;
}

/**
 * Prints the check's summary; `--json` adds the rule problems (rules that
 * did not load or compile, never checked) as `rule_errors`.
 */
function printSummary(
  summary: GenerationSummary,
  problems: readonly Diagnostic[],
  json: boolean,
): void {
  if (json) {
    const ruleErrors = problems.map(diagnosticJson);
    process.stdout.write(
      `${JSON.stringify({ ...summary, rule_errors: ruleErrors }, null, 2)}\n`,
    );
    return;
  }
  for (const entry of summary.notPassed) {
    process.stdout.write(
      `${entry.file} (${entry.id}): ${entry.status}: ${detail(entry)}\n`,
    );
  }
  const percent = (summary.passRate * 100).toFixed(2);
  process.stdout.write(
    `${summary.passed} of ${summary.rules} rules passed (${percent}%)\n`,
  );
}

function usage(message: string): number {
  process.stderr.write(`${message}\n`);
  return EXIT.usage;
}

function detail(entry: GenerationSummary['notPassed'][number]): string {
  if (entry.status === 'disagreed') {
    const what =
      entry.kind === 'missed' ? 'rejects a satisfying event' : 'matches a near miss';
    return `engine ${what}: ${JSON.stringify(entry.event)}`;
  }
  return entry.status === 'passed' ? '' : entry.reason;
}
