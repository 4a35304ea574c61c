/**
 * The `github` reporter: GitHub Actions workflow commands. Each wrong
 * verdict becomes `::error file=<rule>,line=<line>::` at the rule line that
 * caused the miss or the hit (from the explanation); a case that could not
 * run, a case whose every event matched but too few, and each load problem
 * point at their own file and line; only a rule that did not compile points
 * at the rule. Missing regression data gives a `::notice`. The markdown
 * summary for `$GITHUB_STEP_SUMMARY` is the `markdown` reporter; the CLI
 * writes it.
 */

import type { SourceLocation } from '../diagnostics.js';
import type { HarnessReport, RuleResult } from '../harness/results.js';
import { ruleName } from './pretty.js';
import { caseOutcome, failureLines, looseProblems } from './text.js';

/** Renders the report as workflow commands, one per line. */
export function renderGithub(report: HarnessReport): string {
  const lines: string[] = [];
  for (const rule of report.results) lines.push(...ruleCommands(rule));
  for (const problem of looseProblems(report)) {
    lines.push(command('error', problem, `${problem.code} ${problem.message}`));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function ruleCommands(rule: RuleResult): string[] {
  const at = { file: rule.file, line: rule.line, column: 1 };
  const name = ruleName(rule);
  if (rule.status === 'missing') {
    return [
      command('notice', at, `${name}: no regression data at ${rule.missingPath ?? '?'}`),
    ];
  }
  const lines: string[] = [];
  if (!rule.compiled)
    lines.push(command('error', at, `${name}: the rule did not compile`));
  for (const d of rule.diagnostics ?? [])
    lines.push(command('error', d, `${name}: regression tests: ${d.code} ${d.message}`));
  if (rule.minTests !== undefined)
    lines.push(command('error', at, `${name}: ${rule.minTests}`));
  for (const fixture of rule.fixtures) {
    for (const result of fixture.cases) {
      const title = `${name} ${result.polarity} '${result.name}'`;
      for (const d of result.diagnostics)
        lines.push(command('error', d, `${title}: ${d.message}`));
      if (result.note !== undefined)
        lines.push(command('error', result.location, `${title}: ${result.note}`));
      for (const failure of result.failures) {
        const message = [
          `${title}: ${caseOutcome(result)}`,
          ...failureLines(failure),
        ].join('\n');
        lines.push(command('error', failure.blame ?? at, message));
      }
    }
  }
  return lines;
}

/** A workflow command with file, line and column, data and properties escaped. */
export function command(
  kind: 'error' | 'notice',
  at: SourceLocation,
  message: string,
): string {
  const props = `file=${escapeProperty(at.file)},line=${at.line},col=${at.column}`;
  return `::${kind} ${props}::${escapeData(message)}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
