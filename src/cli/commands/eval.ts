/**
 * `sigma-harness eval <rule file> [event files... | -] [--json] [--explain]
 * [--logsource-map FILE|windows] [--placeholders FILE] [--matcher NAME]`:
 * evaluate one rule against events. Exit 0 whatever matched, 2 for a rule
 * error, 3 for unreadable input (after reading everything else) or no event
 * at all.
 */

import type { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics.js';
import type { Diagnostic } from '../../diagnostics.js';
import { formatExplanation } from '../../engine/explain-format.js';
import { loadPlaceholderFile } from '../../engine/placeholders-file.js';
import type { PlaceholderValues } from '../../engine/placeholders.js';
import { compileDocuments } from '../../engine/rule-set.js';
import { routeRule } from '../../engine/routing.js';
import type { RoutedRule } from '../../engine/routing.js';
import type { EventRecord } from '../../events/event.js';
import { readEvents } from '../../events/read.js';
import { loadRuleFile } from '../../rule/load.js';
import { EXIT } from '../exit-codes.js';
import { matcherOption, loadMapOption } from '../options.js';
import type { CommonOptions } from '../options.js';

interface EvalOptions extends CommonOptions {
  readonly json?: boolean;
  readonly explain?: boolean;
  readonly placeholders?: string;
}

/** Registers `eval`. */
export function registerEval(program: Command): void {
  const command = program
    .command('eval')
    .description('evaluate one rule against events (files, or - for standard input)')
    .argument('<rule>', 'a rule file (it may also hold Sigma filters)')
    .argument(
      '[events...]',
      'event files (JSON, JSON array, NDJSON, gzip); - or none: stdin',
    )
    .option('--json', 'print one JSON line per event, then a summary line')
    .option('--explain', 'show why each event matched or not')
    .option('--placeholders <file>', 'YAML map of placeholder values for expand');
  matcherOption(command);
  command.option(
    '--logsource-map <file|windows>',
    'route events through a logsource mapping',
  );
  command.action(async (rule: string, events: string[], options: EvalOptions) => {
    process.exitCode = await runEval(rule, events, options);
  });
}

async function runEval(
  file: string,
  inputs: string[],
  options: EvalOptions,
): Promise<number> {
  const routed = await prepareRule(file, options);
  if (routed === undefined) return EXIT.ruleError;
  const map = await loadMapOption(options.logsourceMap);
  if (!map.ok) return reportProblems(map.diagnostics, EXIT.usage);
  const rule = routeRule(routed, map.map);
  const summary = { events: 0, matches: 0, errors: 0 };
  for (const input of inputs.length === 0 ? ['-'] : inputs) {
    for await (const item of readEvents(input)) {
      if (item.kind === 'error') {
        summary.errors++;
        process.stderr.write(
          `${item.file}:${item.line}:${item.column} ${item.message}\n`,
        );
        continue;
      }
      summary.events++;
      const match = rule.matches(item.event);
      if (match) summary.matches++;
      printEvent(rule, item, match, options);
    }
  }
  printSummary(summary, options);
  if (summary.events === 0 && summary.errors === 0) {
    process.stderr.write('eval: no event to evaluate\n');
    return EXIT.usage;
  }
  return summary.errors > 0 ? EXIT.usage : EXIT.ok;
}

async function prepareRule(file: string, options: EvalOptions) {
  let placeholders: PlaceholderValues = {};
  if (options.placeholders !== undefined) {
    const loaded = await loadPlaceholderFile(options.placeholders);
    if (!loaded.ok) return void reportProblems(loaded.diagnostics, EXIT.ruleError);
    placeholders = loaded.values;
  }
  const loaded = await loadRuleFile(file);
  const set = compileDocuments(loaded.documents, {
    placeholders,
    matcher: options.matcher,
  });
  const problems = [...loaded.diagnostics, ...set.diagnostics];
  for (const d of problems) process.stderr.write(`${formatDiagnostic(d)}\n`);
  const count = set.rules.length + set.failed.length;
  if (problems.some((d) => d.severity === 'error') || set.rules.length !== 1) {
    if (count !== 1) process.stderr.write(`${file}: expected one rule, found ${count}\n`);
    return undefined;
  }
  return set.rules[0];
}

function reportProblems(diagnostics: readonly Diagnostic[], code: number): number {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  return code;
}

function printEvent(
  rule: RoutedRule,
  item: EventRecord,
  match: boolean,
  options: EvalOptions,
): void {
  const explanation = options.explain ? rule.explain(item.event) : undefined;
  if (options.json) {
    const line = { file: item.file, index: item.index, match };
    const extra = options.explain
      ? { explain: explanation ?? 'excluded by logsource' }
      : {};
    process.stdout.write(`${JSON.stringify({ ...line, ...extra })}\n`);
    return;
  }
  process.stdout.write(`${item.file}#${item.index}: ${match ? 'match' : 'no match'}\n`);
  if (!options.explain) return;
  const lines = explanation
    ? formatExplanation(explanation)
    : ['the logsource mapping excludes this event'];
  for (const line of lines) process.stdout.write(`  ${line}\n`);
}

function printSummary(
  summary: { events: number; matches: number; errors: number },
  options: EvalOptions,
): void {
  if (options.json) process.stdout.write(`${JSON.stringify({ summary })}\n`);
  else {
    const { events, matches, errors } = summary;
    process.stdout.write(`${events} events, ${matches} matches, ${errors} errors\n`);
  }
}
