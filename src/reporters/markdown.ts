/**
 * The `markdown` reporter: the totals, a table of tested rules with their
 * coverage, failures with their explain traces in code blocks, and the
 * missing and untested rules. Also what the CLI appends to
 * `$GITHUB_STEP_SUMMARY` when the `github` reporter runs.
 */

import { formatDiagnostic } from '../diagnostics.js';
import type { HarnessReport, RuleResult } from '../harness/results.js';
import { ruleName } from './pretty.js';
import {
  caseDetailLines,
  caseOutcome,
  coverageLine,
  looseProblems,
  summaryLine,
} from './text.js';

/** Renders the report as GitHub-flavoured markdown. */
export function renderMarkdown(report: HarnessReport): string {
  const lines = ['## sigma-harness test', '', summaryLine(report.summary), ''];
  const tested = report.results.filter((r) => r.fixtures.length > 0);
  if (tested.length > 0) {
    lines.push(
      '| status | rule | cases passed | coverage |',
      '| --- | --- | --- | --- |',
    );
    for (const rule of tested) lines.push(row(rule));
    lines.push('');
  }
  for (const rule of report.results) lines.push(...failureSection(rule));
  lines.push(...listSection('Missing regression data', report.results, 'missing'));
  lines.push(...listSection('Untested rules', report.results, 'untested'));
  const problems = looseProblems(report);
  if (problems.length > 0) {
    lines.push('### Problems', '');
    for (const p of problems)
      lines.push(`- \`${p.file}:${p.line}:${p.column}\` ${p.code} ${cell(p.message)}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

function row(rule: RuleResult): string {
  const cases = rule.fixtures.flatMap((f) => f.cases);
  const passed = cases.filter((c) => c.status === 'passed').length;
  const coverage = rule.coverage === undefined ? '' : coverageLine(rule.coverage);
  const cells = [
    rule.status,
    cell(ruleName(rule)),
    `${passed}/${cases.length}`,
    cell(coverage),
  ];
  return `| ${cells.join(' | ')} |`;
}

function failureSection(rule: RuleResult): string[] {
  const failed = rule.fixtures
    .flatMap((f) => f.cases)
    .filter((c) => c.status !== 'passed');
  const diagnostics = rule.diagnostics ?? [];
  if (failed.length === 0 && rule.minTests === undefined && diagnostics.length === 0)
    return [];
  const lines = [`### ${cell(ruleName(rule))}`, ''];
  if (rule.minTests !== undefined) lines.push(`- min-tests: ${rule.minTests}`, '');
  if (diagnostics.length > 0) {
    const text = diagnostics.flatMap((d) => formatDiagnostic(d).split('\n'));
    lines.push('- regression tests could not be read', '', '```text', ...text, '```', '');
  }
  for (const result of failed) {
    lines.push(
      `- **${result.polarity} ${cell(result.name)}**: ${caseOutcome(result)}`,
      '',
    );
    const trace = caseDetailLines(result);
    if (trace.length > 0) lines.push('```text', ...trace, '```', '');
  }
  return lines;
}

function listSection(
  title: string,
  results: readonly RuleResult[],
  status: string,
): string[] {
  const listed = results.filter((r) => r.status === status);
  if (listed.length === 0) return [];
  return [
    `<details><summary>${title} (${listed.length})</summary>`,
    '',
    ...listed.map((r) => `- ${cell(ruleName(r))} \`${r.file}\``),
    '',
    '</details>',
    '',
  ];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
