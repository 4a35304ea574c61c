/**
 * The `pretty` reporter, for people: one block per tested rule with a line
 * per case, the explain trace under every failed case, the coverage line,
 * then missing and untested rules, problems, the baseline difference and
 * the totals. Coloured with chalk when asked.
 */

import type { ChalkInstance } from 'chalk';
import { Chalk } from 'chalk';
import { formatDiagnostic } from '../diagnostics.js';
import type { BaselineDiff } from '../harness/baseline.js';
import type { CaseResult, HarnessReport, RuleResult } from '../harness/results.js';
import type { RenderOptions } from './reporter.js';
import {
  caseDetailLines,
  caseOutcome,
  coverageLine,
  looseProblems,
  summaryFailed,
  summaryLine,
} from './text.js';

/** Untested rules listed one per line before the list is shortened. */
export const UNTESTED_SHOWN = 50;

const STATUS_LABEL = {
  passed: 'PASS',
  failed: 'FAIL',
  error: 'ERROR',
  missing: 'MISSING',
  untested: 'UNTESTED',
} as const;

/** Renders the report for a terminal. */
export function renderPretty(report: HarnessReport, options: RenderOptions = {}): string {
  const c = new Chalk({ level: options.color === true ? 1 : 0 });
  const lines: string[] = [];
  const tested = report.results.filter(
    (r) => r.fixtures.length > 0 || r.status === 'error',
  );
  for (const rule of tested) lines.push(...ruleBlock(rule, c));
  for (const rule of report.results.filter((r) => r.status === 'missing')) {
    lines.push(
      `${c.yellow('MISSING')}  ${ruleName(rule)}: no regression data at ${rule.missingPath ?? '?'}`,
    );
  }
  lines.push(...untestedLines(report.results, c));
  const problems = looseProblems(report);
  if (problems.length > 0) lines.push('', c.red('problems:'));
  for (const problem of problems) lines.push(...formatDiagnostic(problem).split('\n'));
  if (report.baseline !== undefined) lines.push('', ...baselineLines(report.baseline, c));
  const anyProblem = report.problems.rule.length + report.problems.usage.length > 0;
  const failed = summaryFailed(report.summary) || anyProblem;
  lines.push('', (failed ? c.red : c.green)(summaryLine(report.summary)));
  return `${lines.join('\n')}\n`;
}

function ruleBlock(rule: RuleResult, c: ChalkInstance): string[] {
  const colour = rule.status === 'passed' ? c.green : c.red;
  const where = c.dim(`${rule.file}:${rule.line}`);
  const lines = [`${colour(STATUS_LABEL[rule.status])}  ${ruleName(rule)}  ${where}`];
  if (rule.diagnostics !== undefined) {
    const text = rule.diagnostics.flatMap((d) => formatDiagnostic(d).split('\n'));
    lines.push(`  ${c.red('✗')} regression tests could not be read`);
    lines.push(...text.map((line) => `      ${line}`));
  }
  for (const fixture of rule.fixtures) {
    for (const result of fixture.cases) lines.push(...caseLines(result, c));
  }
  if (rule.minTests !== undefined)
    lines.push(`  ${c.red('✗')} min-tests: ${rule.minTests}`);
  if (rule.coverage !== undefined) lines.push(`  ${c.cyan(coverageLine(rule.coverage))}`);
  return lines;
}

function caseLines(result: CaseResult, c: ChalkInstance): string[] {
  const mark = result.status === 'passed' ? c.green('✓') : c.red('✗');
  const head = `  ${mark} ${result.polarity} ${result.name} ${c.dim(`— ${caseOutcome(result)}`)}`;
  const details = caseDetailLines(result).map((line) => `      ${line}`);
  return [head, ...details];
}

function untestedLines(results: readonly RuleResult[], c: ChalkInstance): string[] {
  const untested = results.filter((r) => r.status === 'untested');
  const shown = untested.slice(0, UNTESTED_SHOWN);
  const lines = shown.map(
    (r) => `${c.yellow('UNTESTED')}  ${ruleName(r)}  ${c.dim(r.file)}`,
  );
  if (untested.length > shown.length) {
    lines.push(
      `... and ${untested.length - shown.length} more untested rules (all in --reporter json)`,
    );
  }
  return lines;
}

/**
 * The lines of a baseline comparison: no change, or each rule and file
 * with the events it newly matches (`+`) and no longer matches (`-`).
 */
export function baselineLines(diff: BaselineDiff, c: ChalkInstance): string[] {
  if (diff.changes.length === 0) return [`baseline ${diff.file}: no change`];
  const verb = diff.updated ? 'updated' : 'differs';
  const lines = [c.yellow(`baseline ${diff.file} ${verb}:`)];
  for (const change of diff.changes) {
    lines.push(`  ${change.rule} in ${change.file}`);
    for (const e of change.added)
      lines.push(`    ${c.red('+')} newly matched: ${e.label} [${e.fingerprint}]`);
    for (const e of change.removed)
      lines.push(`    ${c.red('-')} no longer matched: ${e.label} [${e.fingerprint}]`);
  }
  return lines;
}

/** `Title [id]`, as the reporters name a rule. */
export function ruleName(rule: RuleResult): string {
  return rule.id === undefined ? rule.title : `${rule.title} [${rule.id}]`;
}
