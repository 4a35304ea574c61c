/**
 * The `junit` reporter: one test suite per rule, one test case per fixture
 * case (named `tp: <case>` or `fp: <case>`), the explain trace as the
 * failure text. A rule that did not compile gets a `compile` test case in
 * error, and one whose regression tests could not be read a `regression
 * tests` one; a case that could not run is an error of its own test case.
 * Missing and untested rules appear as one skipped test case, so CI
 * dashboards show them.
 */

import type { Builder } from 'junit-report-builder';
import junitModule from 'junit-report-builder';
import { formatDiagnostic } from '../diagnostics.js';
import type { CaseResult, HarnessReport, RuleResult } from '../harness/results.js';
import { ruleName } from './pretty.js';
import { caseDetailLines, caseOutcome, looseProblems } from './text.js';

/** Renders the report as JUnit XML. */
export function renderJunit(report: HarnessReport): string {
  const builder = junitFactory().newBuilder();
  for (const rule of report.results) addRule(builder, rule);
  const problems = looseProblems(report);
  if (problems.length > 0) {
    const suite = builder.testSuite().name('sigma-harness problems');
    for (const problem of problems) {
      suite
        .testCase()
        .className('problems')
        .name(`${problem.code} ${problem.file}:${problem.line}`)
        .error(problem.message, problem.code, formatDiagnostic(problem));
    }
  }
  return `${builder.build()}\n`;
}

function addRule(builder: Builder, rule: RuleResult): void {
  const suite = builder.testSuite().name(ruleName(rule)).property('file', rule.file);
  const className = rule.id ?? rule.file;
  if (rule.status === 'missing' || rule.status === 'untested') {
    suite.testCase().className(className).name(rule.status).skipped();
    return;
  }
  if (!rule.compiled) {
    suite
      .testCase()
      .className(className)
      .name('compile')
      .error('the rule did not compile');
  }
  const diagnostics = rule.diagnostics ?? [];
  const [first] = diagnostics;
  if (first !== undefined) {
    const text = diagnostics.map(formatDiagnostic).join('\n');
    suite
      .testCase()
      .className(className)
      .name('regression tests')
      .file(first.file)
      .error(first.message, first.code, text);
  }
  for (const fixture of rule.fixtures) {
    for (const result of fixture.cases) {
      const testCase = suite
        .testCase()
        .className(className)
        .name(`${result.polarity}: ${result.name}`)
        .file(fixture.file);
      if (result.status === 'failed') {
        testCase.failure(caseOutcome(result), 'fixture').stacktrace(detail(result));
      }
      if (result.status === 'error')
        testCase.error(caseOutcome(result), 'fixture', detail(result));
    }
  }
  if (rule.minTests !== undefined) {
    suite.testCase().className(className).name('min-tests').failure(rule.minTests);
  }
}

/**
 * The package is CommonJS with `exports.default`: Node's ESM loader hands it
 * over as `{ default }`, bundlers (vitest) as the builder itself.
 */
function junitFactory(): Builder {
  const loaded = junitModule as unknown as { default?: Builder } & Partial<Builder>;
  return loaded.default ?? (loaded as Builder);
}

function detail(result: CaseResult): string {
  return caseDetailLines(result).join('\n');
}
