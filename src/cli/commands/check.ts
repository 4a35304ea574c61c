/**
 * `sigma-harness check <files or folders...> [--json] [--matcher NAME]`:
 * load, validate and compile rules. Exit 0 when no rule has an error, 2
 * otherwise, 3 on bad arguments or when the paths hold no Sigma document
 * at all (no rule, filter or correlation, and no error).
 */

import type { Command } from 'commander';
import { diagnosticJson, formatDiagnostic } from '../../diagnostics.js';
import { loadRuleSet } from '../../engine/rule-set.js';
import { EXIT } from '../exit-codes.js';
import { matcherOption } from '../options.js';
import type { CommonOptions } from '../options.js';

interface CheckOptions extends Pick<CommonOptions, 'matcher'> {
  readonly json?: boolean;
}

/** Registers `check`. */
export function registerCheck(program: Command): void {
  const command = program
    .command('check')
    .description('load and validate Sigma rules; exit 2 when any rule has an error')
    .argument('<paths...>', 'rule files or folders')
    .option('--json', 'print one JSON document');
  matcherOption(command);
  command.action(async (paths: string[], options: CheckOptions) => {
    process.exitCode = await runCheck(paths, options);
  });
}

async function runCheck(
  paths: readonly string[],
  options: CheckOptions,
): Promise<number> {
  const set = await loadRuleSet(paths, {
    placeholders: 'defer',
    matcher: options.matcher,
  });
  const errors = set.diagnostics.filter((d) => d.severity === 'error').length;
  const summary = {
    rules: set.rules.length + set.failed.length + set.rejected,
    loaded: set.rules.length,
    errors,
    warnings: set.diagnostics.length - errors,
    files: set.files.length,
    filters: set.filters.length,
    correlations: set.correlations.length,
  };
  if (options.json) {
    const diagnostics = set.diagnostics.map(diagnosticJson);
    process.stdout.write(`${JSON.stringify({ summary, diagnostics })}\n`);
  } else {
    for (const d of set.diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
    process.stdout.write(
      `${summary.files} files, ${summary.rules} rules, ${summary.loaded} loaded, ` +
        `${summary.errors} errors, ${summary.warnings} warnings\n`,
    );
  }
  if (errors > 0) return EXIT.ruleError;
  if (summary.rules + summary.filters + summary.correlations === 0) {
    process.stderr.write(`check: no Sigma rule found in ${paths.join(', ')}\n`);
    return EXIT.usage;
  }
  return EXIT.ok;
}
