/**
 * Text pieces shared by the reporters: the one-line coverage summary, a
 * case's outcome line, the explain trace of a wrong verdict, the totals,
 * and the run's problems not already shown with a rule.
 */

import type { Diagnostic } from '../diagnostics.js';
import { formatDiagnostic } from '../diagnostics.js';
import { formatExplanation } from '../engine/explain-format.js';
import type { RuleCoverage } from '../harness/coverage.js';
import type {
  CaseResult,
  EventFailure,
  HarnessReport,
  RunSummary,
} from '../harness/results.js';

/** Unreached values listed on the summary line before it is shortened. */
const UNREACHED_SHOWN = 8;

/** `coverage: 1/1 search identifiers, 5/7 values; not reached: ...`. */
export function coverageLine(coverage: RuleCoverage): string {
  const { identifierCount: ids, valueCount: values } = coverage;
  const head =
    `coverage: ${ids.exercised}/${ids.total} search identifiers, ` +
    `${values.exercised}/${values.total} values`;
  const unreached = unreachedValues(coverage);
  if (unreached.length === 0) return head;
  const shown = unreached.slice(0, UNREACHED_SHOWN).join(', ');
  const more =
    unreached.length > UNREACHED_SHOWN
      ? `, and ${unreached.length - UNREACHED_SHOWN} more`
      : '';
  return `${head}; not reached: ${shown}${more}`;
}

/** Each value no true positive reached, as `identifier key 'value' (line N)`. */
export function unreachedValues(coverage: RuleCoverage): string[] {
  return coverage.items.flatMap((item) =>
    item.values
      .filter((value) => !value.exercised)
      .map(
        (value) =>
          `${item.searchIdentifier} ${item.key} ${quote(value.value)} (line ${value.line})`,
      ),
  );
}

/** What happened in a case, in words: `3 of 3 events matched; expected ...`. */
export function caseOutcome(result: CaseResult): string {
  if (result.status === 'error') return 'could not run';
  return `${result.matched} of ${result.events} event(s) matched; expected ${result.expectation}`;
}

/** The lines explaining one wrong verdict (no indentation, no colour). */
export function failureLines(failure: EventFailure): string[] {
  const where =
    failure.file === undefined ? '' : ` (${failure.file}:${failure.line ?? 1})`;
  const wanted = failure.expected === 'match' ? 'should match' : 'should not match';
  const blame =
    failure.blame === undefined
      ? ''
      : `; rule line ${failure.blame.file}:${failure.blame.line}:${failure.blame.column}`;
  const head = `event #${failure.index}${where} ${wanted}${blame}`;
  if (failure.explanation === 'excluded') {
    return [head, '  the logsource mapping leaves this event out'];
  }
  if (failure.explanation === 'unmapped') {
    return [head, "  the logsource mapping does not cover the rule's logsource"];
  }
  return [head, ...formatExplanation(failure.explanation).map((line) => `  ${line}`)];
}

/** Everything under a case that did not pass: diagnostics, note, traces. */
export function caseDetailLines(result: CaseResult): string[] {
  return [
    ...result.diagnostics.flatMap((d) => formatDiagnostic(d).split('\n')),
    ...(result.note === undefined ? [] : [result.note]),
    ...result.failures.flatMap(failureLines),
  ];
}

/**
 * `4 rules, 24 cases (30 events): 24 passed, 0 failed, ...`, ending with
 * `; N rule(s) failed --min-tests` when some did.
 */
export function summaryLine(summary: RunSummary): string {
  const minTests =
    summary.minTestsFailed > 0
      ? `; ${summary.minTestsFailed} rule(s) failed --min-tests`
      : '';
  return (
    `${summary.rules} rules, ${summary.fixtures} cases (${summary.events} events): ` +
    `${summary.passed} passed, ${summary.failed} failed, ${summary.errors} errors, ` +
    `${summary.missing} missing, ${summary.untested} untested${minTests}`
  );
}

/** True when the totals show a failure (a case, an error, `--min-tests`). */
export function summaryFailed(summary: RunSummary): boolean {
  return summary.failed + summary.errors + summary.minTestsFailed > 0;
}

/**
 * The run's problems, less those a rule shows itself (its `diagnostics`,
 * such as an `info.yml` that does not parse).
 */
export function looseProblems(report: HarnessReport): Diagnostic[] {
  const shown = new Set(report.results.flatMap((rule) => rule.diagnostics ?? []));
  const all = [...report.problems.rule, ...report.problems.usage];
  return all.filter((problem) => !shown.has(problem));
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
