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
 * Exit 2 when a rule does not load, 3 on bad arguments or when events
 * cannot be generated for a rule (without `--check`).
 */

import type { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics.js';
import { createEventGenerator } from '../../fuzz/event-generator.js';
import { checkRules, sampleRules } from '../../fuzz/generation-run.js';
import type { GenerationSummary } from '../../fuzz/generation-run.js';
import { loadRules } from '../../fuzz/load-rules.js';
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
  const count = Number(options.count);
  const seed = Number(options.seed);
  const sample = options.sample === undefined ? undefined : Number(options.sample);
  const minRate = Number(options.minPassRate);
  const integers = [count, seed, sample ?? 1].every((n) => Number.isInteger(n));
  if (!integers || count < 1 || !(minRate >= 0 && minRate <= 1)) {
    return usage('--count, --seed and --sample take integers; --min-pass-rate 0 to 1');
  }
  const loaded = await loadRules(paths);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  errors.forEach((d) => process.stderr.write(`${formatDiagnostic(d)}\n`));
  if (loaded.rules.length === 0)
    return errors.length > 0 ? EXIT.ruleError : usage('no rules');
  if (options.check) {
    const rules = sampleRules(loaded.rules, sample);
    const summary = checkRules(rules, { count, seed, matcher: options.matcher });
    printSummary(summary, options.json === true);
    const disagreed = summary.notPassed.some((r) => r.status === 'disagreed');
    return disagreed || summary.passRate < minRate ? EXIT.failed : EXIT.ok;
  }
  const status = printEvents(loaded.rules, count, seed, options.nearMiss === true);
  return errors.length > 0 ? EXIT.ruleError : status;
}

function printEvents(
  rules: readonly SigmaRule[],
  count: number,
  seed: number,
  nearMiss: boolean,
): number {
  let status: number = EXIT.ok;
  for (const rule of rules) {
    const build = createEventGenerator(rule);
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

function printSummary(summary: GenerationSummary, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
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
