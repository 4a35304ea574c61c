/**
 * `sigma-harness/vitest`: run a rule repository's fixtures under vitest.
 * One test file calls `defineSigmaTests` with top-level `await`; each rule
 * becomes a `describe` and each fixture case an `it`, so watch mode, `-t`
 * name filters, `.only` and vitest's reporters all apply.
 *
 * ```ts
 * import { defineSigmaTests } from 'sigma-harness/vitest';
 * await defineSigmaTests({ rules: ['rules'], fixtures: 'fixtures' });
 * ```
 *
 * Problems found while loading (a rule that does not load, a bad fixture, a
 * fixture naming an unknown rule) become failing tests in a
 * `sigma-harness` block; untested rules and rules whose SigmaHQ regression
 * data is missing become `todo` tests. Paths are relative to `root`, by
 * default the working folder (where `npm test` runs).
 */

import { resolve } from 'node:path';
import { describe, it } from 'vitest';
import type { Diagnostic } from '../diagnostics.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { StrategyChoice } from '../matchers/index.js';
import type { FixtureCase } from '../harness/fixture.js';
import { logsourceSupport } from '../harness/logsource-support.js';
import type { PlannedRule } from '../harness/plan.js';
import { planHarness } from '../harness/plan.js';
import type { CaseResult } from '../harness/results.js';
import { minTestsProblem, runPlannedCase, RunContext } from '../harness/run.js';
import { caseOutcome, failureLines } from '../reporters/text.js';

/** What `defineSigmaTests` runs. */
export interface SigmaTestOptions {
  /** Folder the other paths are relative to; default the working folder. */
  readonly root?: string;
  /** Rule files or folders; default `['rules']`. */
  readonly rules?: readonly string[];
  /** Fixture folder or file; default `fixtures`. */
  readonly fixtures?: string;
  /** Only rules (id, title, path) or cases (name) containing this text. */
  readonly filter?: string;
  /** Fail rules with fewer cases; from 2 on, one of each polarity is needed. */
  readonly minTests?: number;
  /** Logsource mapping for cases naming none (`windows` or a file). */
  readonly logsourceMap?: string;
  /** Matcher strategy for value lists; default `auto`. */
  readonly matcher?: StrategyChoice;
}

/** Loads rules and fixtures, then registers a `describe` per rule. */
export async function defineSigmaTests(options: SigmaTestOptions = {}): Promise<void> {
  const root = options.root ?? process.cwd();
  const plan = await planHarness({
    rules: (options.rules ?? ['rules']).map((path) => resolve(root, path)),
    fixtures: resolve(root, options.fixtures ?? 'fixtures'),
    ...(options.filter === undefined ? {} : { filter: options.filter }),
    ...(options.matcher === undefined ? {} : { compile: { matcher: options.matcher } }),
  });
  const context = new RunContext({
    ...(options.minTests === undefined ? {} : { minTests: options.minTests }),
    ...(options.logsourceMap === undefined
      ? {}
      : { logsourceMap: mapPath(root, options.logsourceMap) }),
    logsource: logsourceSupport,
  });
  registerProblems([...plan.problems.rule, ...plan.problems.usage], plan.rules);
  for (const planned of plan.rules) registerRule(planned, context);
}

function mapPath(root: string, name: string): string {
  return name === 'windows' ? name : resolve(root, name);
}

function registerProblems(
  problems: readonly Diagnostic[],
  rules: readonly PlannedRule[],
) {
  const cases = rules.reduce(
    (sum, rule) => sum + rule.fixtures.reduce((n, f) => n + f.cases.length, 0),
    0,
  );
  if (problems.length === 0 && cases > 0) return;
  describe('sigma-harness', () => {
    for (const problem of problems) {
      it(`${problem.code} ${problem.file}:${problem.line}`, () => {
        throw new Error(formatDiagnostic(problem));
      });
    }
    if (cases === 0) {
      it('has cases to run', () => {
        throw new Error('no fixture case found: nothing would be tested');
      });
    }
  });
}

function registerRule(planned: PlannedRule, context: RunContext): void {
  const { rule, compiled } = planned;
  const name = rule.id === undefined ? rule.title : `${rule.title} [${rule.id}]`;
  describe(name, () => {
    if (compiled === undefined) {
      it('compiles', () => {
        throw new Error(`${rule.file}: the rule did not compile`);
      });
      return;
    }
    const cases = planned.fixtures.flatMap((fixture) => fixture.cases);
    if (cases.length === 0) {
      const why =
        planned.missingPath === undefined ? 'no fixture' : 'regression data missing';
      it.todo(`${why} (${rule.file})`);
    }
    for (const fixtureCase of cases) {
      it(`${fixtureCase.polarity}: ${fixtureCase.name}`, async () => {
        const run = await runPlannedCase(compiled, fixtureCase, context);
        if (run.result.status !== 'passed')
          throw new Error(failureText(fixtureCase, run.result));
      });
    }
    const minTests = minTestsProblem(planned.fixtures, context.options.minTests);
    if (minTests !== undefined) {
      it('meets --min-tests', () => {
        throw new Error(minTests);
      });
    }
  });
}

function failureText(fixtureCase: FixtureCase, result: CaseResult): string {
  const at = fixtureCase.location;
  const lines = [
    `${caseOutcome(result)} (${at.file}:${at.line})`,
    ...result.diagnostics.map(formatDiagnostic),
    ...result.failures.flatMap(failureLines),
  ];
  return lines.join('\n');
}
