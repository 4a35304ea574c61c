/**
 * Running a planned harness: every case of every rule, with coverage,
 * `--min-tests`, and the run's totals.
 */

import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { CompiledRule, Explanation } from '../engine/types.js';
import { ruleCoverage } from './coverage.js';
import type { LogsourceSupport, RuleEvaluator } from './evaluate.js';
import { directRouter } from './evaluate.js';
import type { Fixture, FixtureCase } from './fixture.js';
import type { HarnessOptions, HarnessPlan, PlannedRule } from './plan.js';
import { planHarness } from './plan.js';
import type { CaseRun } from './run-case.js';
import { runCase } from './run-case.js';
import type {
  CaseResult,
  FixtureResult,
  HarnessReport,
  RuleResult,
  RuleStatus,
  RunSummary,
} from './results.js';

/** Options for running cases. */
export interface RunOptions {
  /** Fail rules with fewer cases; from 2 on, one of each polarity is needed. */
  readonly minTests?: number;
  /** Logsource mapping for cases that name none (`windows` or a file). */
  readonly logsourceMap?: string;
  /** How to load mappings and route rules; without it, naming a map is an error. */
  readonly logsource?: LogsourceSupport;
}

/** Evaluators per rule and mapping, and mappings loaded, for one run. */
export class RunContext {
  private readonly maps = new Map<string, Promise<RuleEvaluatorFactory>>();

  constructor(readonly options: RunOptions = {}) {}

  /** The evaluator of `compiled` for a case (its own mapping, or the run's). */
  async evaluator(compiled: CompiledRule, fixtureCase: FixtureCase) {
    const name = fixtureCase.logsourceMap ?? this.options.logsourceMap;
    if (name === undefined)
      return { ok: true, evaluator: directRouter(compiled, undefined) } as const;
    let factory = this.maps.get(name);
    if (factory === undefined) {
      factory = this.loadFactory(name, fixtureCase);
      this.maps.set(name, factory);
    }
    return (await factory)(compiled);
  }

  private async loadFactory(
    name: string,
    at: FixtureCase,
  ): Promise<RuleEvaluatorFactory> {
    const support = this.options.logsource;
    if (support === undefined) {
      const message = `logsource mapping '${name}' cannot be used: no mapping support`;
      const problem = diagnostic(at.location, 'SH609', 'error', message);
      return () => ({ ok: false, diagnostics: [problem] });
    }
    const loaded = await support.load(name);
    if (!loaded.ok) return () => ({ ok: false, diagnostics: loaded.diagnostics });
    return (compiled) => ({ ok: true, evaluator: support.route(compiled, loaded.map) });
  }
}

type EvaluatorResult =
  | { readonly ok: true; readonly evaluator: RuleEvaluator }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

type RuleEvaluatorFactory = (compiled: CompiledRule) => EvaluatorResult;

/** Plans and runs everything: the CLI's entry point. */
export async function runHarness(
  options: HarnessOptions & RunOptions,
): Promise<HarnessReport> {
  const plan = await planHarness(options);
  return runPlan(plan, new RunContext(options));
}

/** Runs every rule of a plan. */
export async function runPlan(
  plan: HarnessPlan,
  context: RunContext,
): Promise<HarnessReport> {
  const results: RuleResult[] = [];
  for (const planned of plan.rules) results.push(await runRule(planned, context));
  return { summary: summarize(results), results, problems: plan.problems };
}

/** Runs one case of a planned rule (the rule must have compiled). */
export async function runPlannedCase(
  compiled: CompiledRule,
  fixtureCase: FixtureCase,
  context: RunContext,
): Promise<CaseRun> {
  const found = await context.evaluator(compiled, fixtureCase);
  if (found.ok) return runCase(compiled.rule, found.evaluator, fixtureCase);
  const result: CaseResult = {
    name: fixtureCase.name,
    polarity: fixtureCase.polarity,
    status: 'error',
    expectation: '',
    events: 0,
    matched: 0,
    failures: [],
    matches: [],
    diagnostics: found.diagnostics,
    location: fixtureCase.location,
  };
  return { result, explanations: [] };
}

/** Runs every case of one planned rule. */
export async function runRule(
  planned: PlannedRule,
  context: RunContext,
): Promise<RuleResult> {
  const { rule, compiled } = planned;
  const base = {
    ...(rule.id === undefined ? {} : { id: rule.id }),
    title: rule.title,
    file: rule.file,
    line: rule.location.line,
    compiled: compiled !== undefined,
    ...(planned.diagnostics === undefined ? {} : { diagnostics: planned.diagnostics }),
  };
  if (compiled === undefined) return { ...base, status: 'error', fixtures: [] };
  const explanations: Explanation[] = [];
  const fixtures: FixtureResult[] = [];
  for (const fixture of planned.fixtures) {
    fixtures.push(await runFixture(compiled, fixture, context, explanations));
  }
  const minTests = minTestsProblem(planned.fixtures, context.options.minTests);
  const status = ruleStatus(planned, fixtures, minTests);
  return {
    ...base,
    status,
    fixtures,
    ...(minTests === undefined ? {} : { minTests }),
    ...(planned.missingPath === undefined ? {} : { missingPath: planned.missingPath }),
    ...(fixtures.length === 0 ? {} : { coverage: ruleCoverage(rule, explanations) }),
  };
}

async function runFixture(
  compiled: CompiledRule,
  fixture: Fixture,
  context: RunContext,
  explanations: Explanation[],
): Promise<FixtureResult> {
  const cases: CaseResult[] = [];
  for (const fixtureCase of fixture.cases) {
    const run = await runPlannedCase(compiled, fixtureCase, context);
    explanations.push(...run.explanations);
    cases.push(run.result);
  }
  return { file: fixture.file, format: fixture.format, cases };
}

/** Why a rule fails `--min-tests`, or undefined when it meets it. */
export function minTestsProblem(
  fixtures: readonly Fixture[],
  minTests: number | undefined,
): string | undefined {
  if (minTests === undefined) return undefined;
  const cases = fixtures.flatMap((fixture) => fixture.cases);
  if (cases.length < minTests)
    return `${cases.length} case(s), --min-tests asks for ${minTests}`;
  if (minTests < 2) return undefined;
  for (const polarity of ['tp', 'fp'] as const) {
    if (!cases.some((c) => c.polarity === polarity)) {
      return `no ${polarity} case; --min-tests ${minTests} asks for both polarities`;
    }
  }
  return undefined;
}

function ruleStatus(
  planned: PlannedRule,
  fixtures: readonly FixtureResult[],
  minTests: string | undefined,
): RuleStatus {
  const cases = fixtures.flatMap((fixture) => fixture.cases);
  if (planned.diagnostics !== undefined || cases.some((c) => c.status === 'error'))
    return 'error';
  if (minTests !== undefined || cases.some((c) => c.status === 'failed')) return 'failed';
  if (cases.length > 0) return 'passed';
  return planned.missingPath === undefined ? 'untested' : 'missing';
}

/** Totals over rule results. */
export function summarize(results: readonly RuleResult[]): RunSummary {
  const cases = results.flatMap((rule) =>
    rule.fixtures.flatMap((fixture) => fixture.cases),
  );
  const countCases = (status: string) => cases.filter((c) => c.status === status).length;
  const countRules = (status: string) =>
    results.filter((r) => r.status === status).length;
  return {
    rules: results.length,
    fixtures: cases.length,
    passed: countCases('passed'),
    failed: countCases('failed'),
    errors: countCases('error'),
    missing: countRules('missing'),
    untested: countRules('untested'),
    events: cases.reduce((sum, c) => sum + c.events, 0),
    minTestsFailed: results.filter((r) => r.minTests !== undefined).length,
  };
}
