/**
 * `sigma-harness fuzz <rule files...> [--runs N] [--seed S] [--zones FILE]
 * [--json] [--save-fixtures [DIR]] [--replay PROPERTY:PATH] [--matcher NAME]`:
 * hostname fuzzing of rules, compiled with the `--matcher` strategy, against
 * the domain oracle (docs/fuzzing.md). A rule that does not load or
 * compile is reported with its diagnostics and not fuzzed. Exit 1 when any
 * evasion or over-match is found, 0 otherwise, 2 when a rule does not load
 * or compile, 3 on bad arguments, nothing to fuzz, or a fixture file that
 * cannot take the findings.
 */

import type { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics.js';
import type { FuzzReport, RuleFuzzReport } from '../../fuzz/fuzz-rules.js';
import { fuzzRules } from '../../fuzz/fuzz-rules.js';
import type { HostnameFinding, HostnameProperty } from '../../fuzz/hostname-fuzz.js';
import type { FuzzTarget } from '../../fuzz/fuzz-target.js';
import { loadRules, ruleProblems } from '../../fuzz/load-rules.js';
import { saveFindings } from '../../fuzz/save-fixtures.js';
import type { ZoneSet } from '../../fuzz/zones.js';
import { loadZones, NGROK_ZONES_FILE } from '../../fuzz/zones.js';
import { EXIT } from '../exit-codes.js';
import { matcherOption } from '../options.js';
import type { CommonOptions } from '../options.js';

interface FuzzCommandOptions extends Pick<CommonOptions, 'matcher'> {
  readonly runs: string;
  readonly seed?: string;
  readonly zones: string;
  readonly json?: boolean;
  readonly saveFixtures?: string | boolean;
  readonly replay?: string;
}

const DEFAULT_FIXTURES = 'fixtures';

/** Registers `fuzz`. */
export function registerFuzz(program: Command): void {
  const command = program
    .command('fuzz')
    .description(
      'fuzz hostname rules against a domain oracle; exit 1 on any disagreement',
    )
    .argument('<rules...>', 'rule files or folders')
    .option('--runs <n>', 'runs of each property (members, near misses)', '10000')
    .option('--seed <s>', 'seed of the run (random when left out)')
    .option('--zones <file>', 'zones file', NGROK_ZONES_FILE)
    .option('--json', 'print one JSON document')
    .option(
      '--save-fixtures [dir]',
      `add findings as fixture cases (${DEFAULT_FIXTURES})`,
    )
    .option('--replay <property:path>', 'replay one property (members|near-misses)');
  matcherOption(command);
  command.action(async (paths: string[], options: FuzzCommandOptions) => {
    process.exitCode = await runFuzz(paths, options);
  });
}

async function runFuzz(paths: readonly string[], options: FuzzCommandOptions) {
  const runs = Number(options.runs);
  const seed = options.seed === undefined ? randomSeed() : Number(options.seed);
  const replay = parseReplay(options.replay);
  if (!Number.isInteger(runs) || runs < 1) {
    return usage(`--runs takes a positive integer, not '${options.runs}'`);
  }
  if (!Number.isInteger(seed)) {
    return usage(`--seed takes an integer, not '${options.seed}'`);
  }
  if (replay === null) {
    return usage('--replay takes PROPERTY:PATH, PROPERTY members or near-misses');
  }
  const zones = await loadZones(options.zones);
  if (!zones.ok) return usage(zones.message);
  const loaded = await loadRules(paths, options.matcher);
  const problems = ruleProblems(loaded);
  for (const d of problems) printError(formatDiagnostic(d));
  const ruleErrors = problems.length > 0;
  const fuzzOptions = {
    runs,
    seed,
    zoneSets: zones.zoneSets,
    ...(replay ? { replay } : {}),
  };
  const report = fuzzRules(loaded.rules, fuzzOptions);
  if (report.rules.every((r) => r.skipped !== undefined)) {
    if (ruleErrors) return EXIT.ruleError;
    return usage(`nothing to fuzz: ${nothingToFuzz(paths, report, zones.zoneSets)}`);
  }
  const saved =
    options.saveFixtures === undefined
      ? true
      : await save(report, loaded.rules, options.saveFixtures);
  print(report, options.json === true, paths);
  if (ruleErrors) return EXIT.ruleError;
  if (!saved) return EXIT.usage;
  const found = report.rules.some((r) => r.evasions.length + r.overmatches.length > 0);
  return found ? EXIT.failed : EXIT.ok;
}

function nothingToFuzz(
  paths: readonly string[],
  report: FuzzReport,
  zoneSets: readonly ZoneSet[],
): string {
  if (report.rules.length === 0) return `no Sigma rule in ${paths.join(', ')}`;
  const sets = zoneSets.map((set) => set.name).join(', ');
  return `none of the ${report.rules.length} rule(s) names a host of the zone sets (${sets})`;
}

function randomSeed(): number {
  return (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
}

function parseReplay(
  text: string | undefined,
): { property: HostnameProperty; path: string } | undefined | null {
  if (text === undefined) return undefined;
  const [property, path] = text.split(/:(.*)/s);
  if (property !== 'members' && property !== 'near-misses') return null;
  return path === undefined || path === '' ? null : { property, path };
}

function usage(message: string): number {
  printError(message);
  return EXIT.usage;
}

function printError(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Saves the findings; false when a fixture file could not take them. */
async function save(
  report: FuzzReport,
  targets: readonly FuzzTarget[],
  option: string | boolean,
): Promise<boolean> {
  const folder = typeof option === 'string' ? option : DEFAULT_FIXTURES;
  let ok = true;
  for (const [index, rule] of report.rules.entries()) {
    const target = targets[index];
    if (target === undefined || rule.evasions.length + rule.overmatches.length === 0) {
      continue;
    }
    const saved = await saveFindings(rule, target.rule, folder);
    if (saved.refused !== undefined) {
      printError(`cannot save fixture cases to ${saved.file}: ${saved.refused}`);
      ok = false;
    }
    for (const name of saved.added) printError(`saved to ${saved.file}: ${name}`);
  }
  return ok;
}

function print(report: FuzzReport, json: boolean, paths: readonly string[]): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  for (const rule of report.rules) process.stdout.write(formatRule(rule, report, paths));
  const count = report.rules.reduce(
    (n, r) => n + r.evasions.length + r.overmatches.length,
    0,
  );
  process.stdout.write(
    `${count} disagreement(s) in ${report.rules.length} rule(s), ` +
      `${report.runs} runs per property, seed ${report.seed}\n`,
  );
}

function formatRule(rule: RuleFuzzReport, report: FuzzReport, paths: readonly string[]) {
  const lines = [`${rule.title} (${rule.id})`, `  file: ${rule.file}`];
  if (rule.skipped !== undefined)
    return `${[...lines, `  skipped: ${rule.skipped}`].join('\n')}\n\n`;
  lines.push(
    `  zone sets: ${rule.zone_sets.join(', ')}; fields: ${rule.fields.join(', ')}`,
  );
  for (const finding of [...rule.evasions, ...rule.overmatches]) {
    lines.push(...formatFinding(finding, report, paths));
  }
  if (rule.evasions.length + rule.overmatches.length === 0) {
    lines.push('  no disagreement with the oracle');
  }
  return `${lines.join('\n')}\n\n`;
}

function formatFinding(
  finding: HostnameFinding,
  report: FuzzReport,
  paths: readonly string[],
): string[] {
  const why =
    finding.kind === 'evasion'
      ? `the oracle places it in zone ${finding.zone ?? '?'}, the rule does not fire`
      : 'the rule fires, the oracle places it in no zone';
  const replay =
    `sigma-harness fuzz ${paths.join(' ')} --runs ${report.runs} ` +
    `--seed ${finding.seed} ` +
    `--replay ${finding.property}:${finding.path}`;
  return [
    `  ${finding.kind}: ${finding.hostname}`,
    `    ${why}`,
    `    event: ${JSON.stringify(finding.example_event)}`,
    `    replay: ${replay}`,
  ];
}
