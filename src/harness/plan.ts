/**
 * Planning a harness run: load the rules, read the fixtures, pair each
 * fixture with its rule by id (or path), and read the SigmaHQ regression
 * tests that rules name. Nothing is evaluated yet; the vitest integration
 * turns a plan into `describe` and `it` blocks, the CLI runs it at once.
 */

import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { CompileOptions } from '../engine/compile-rule.js';
import { loadRuleSet } from '../engine/rule-set.js';
import type { CompiledRule } from '../engine/types.js';
import type { SigmaRule } from '../rule/model.js';
import { discoverRuleFiles } from '../rule/discover.js';
import type { Fixture } from './fixture.js';
import { loadFixtureFile, referencesRule } from './fixture-load.js';
import type { RunProblems } from './results.js';
import { loadRegressionTests } from './sigmahq.js';

/** What to run. */
export interface HarnessOptions {
  /** Rule files or folders. */
  readonly rules: readonly string[];
  /** Fixture folder or file; none when absent (SigmaHQ tests still run). */
  readonly fixtures?: string;
  /** Keep rules whose id, title or file contains it, and cases whose name does. */
  readonly filter?: string;
  /** Compile options (`matcher`, `placeholders`). */
  readonly compile?: CompileOptions;
}

/** A rule of the run with what tests it. */
export interface PlannedRule {
  readonly rule: SigmaRule;
  /** The compiled rule; absent when it did not compile. */
  readonly compiled?: CompiledRule;
  readonly fixtures: readonly Fixture[];
  /** The absent SigmaHQ `info.yml`, when the rule names one. */
  readonly missingPath?: string;
  /** Why its SigmaHQ `info.yml` could not be read (also a usage problem). */
  readonly diagnostics?: readonly Diagnostic[];
}

/** The rules to run and the problems found while planning. */
export interface HarnessPlan {
  readonly rules: readonly PlannedRule[];
  readonly problems: RunProblems;
}

/** Loads rules and fixtures and pairs them. */
export async function planHarness(options: HarnessOptions): Promise<HarnessPlan> {
  const set = await loadRuleSet(options.rules, options.compile ?? {});
  const ruleProblems = set.diagnostics.filter((d) => d.severity === 'error');
  const usage: Diagnostic[] = [];
  const entries = [
    ...set.rules.map((compiled) => ({ rule: compiled.rule, compiled })),
    ...set.failed.map(({ rule }) => ({ rule })),
  ];
  const fixtures = await readFixtures(options.fixtures, usage);
  const paired = pairFixtures(entries, fixtures, usage);
  const planned: PlannedRule[] = [];
  for (const entry of entries) {
    planned.push(await withRegressionTests(entry, paired.get(entry.rule) ?? [], usage));
  }
  const rules = applyFilter(planned, options.filter);
  return { rules, problems: { usage, rule: ruleProblems } };
}

async function readFixtures(path: string | undefined, usage: Diagnostic[]) {
  if (path === undefined) return [];
  const found = await discoverRuleFiles([path]);
  usage.push(...found.diagnostics.map((d) => ({ ...d, code: 'SH610' })));
  const fixtures: Fixture[] = [];
  for (const file of found.files) {
    const loaded = await loadFixtureFile(file);
    if (loaded.ok) fixtures.push(loaded.fixture);
    else usage.push(...loaded.diagnostics);
  }
  return fixtures;
}

function pairFixtures(
  entries: readonly { readonly rule: SigmaRule }[],
  fixtures: readonly Fixture[],
  usage: Diagnostic[],
): Map<SigmaRule, Fixture[]> {
  const paired = new Map<SigmaRule, Fixture[]>();
  for (const fixture of fixtures) {
    const ref = fixture.rule;
    const found = entries.filter(({ rule }) => referencesRule(ref, rule));
    if (found.length === 0) {
      const named = ref.kind === 'id' ? `id ${ref.id}` : `file ${ref.path}`;
      const message = `the fixture names rule ${named}, which is not among the rules loaded`;
      const at = fixture.ruleLocation ?? fixture.location;
      usage.push(diagnostic(at, 'SH605', 'error', message));
    }
    for (const { rule } of found)
      paired.set(rule, [...(paired.get(rule) ?? []), fixture]);
  }
  return paired;
}

async function withRegressionTests(
  entry: { readonly rule: SigmaRule; readonly compiled?: CompiledRule },
  fixtures: readonly Fixture[],
  usage: Diagnostic[],
): Promise<PlannedRule> {
  const path = entry.rule.regressionTestsPath;
  if (path === undefined) return { ...entry, fixtures };
  const tests = await loadRegressionTests({ ...entry.rule, regressionTestsPath: path });
  if (tests.kind === 'fixture')
    return { ...entry, fixtures: [...fixtures, tests.fixture] };
  if (tests.kind === 'missing') return { ...entry, fixtures, missingPath: tests.path };
  usage.push(...tests.diagnostics);
  return { ...entry, fixtures, diagnostics: tests.diagnostics };
}

function applyFilter(rules: readonly PlannedRule[], filter?: string): PlannedRule[] {
  if (filter === undefined || filter === '') return [...rules];
  const needle = filter.toLowerCase();
  const has = (text: string | undefined) => text?.toLowerCase().includes(needle) === true;
  return rules.flatMap((planned) => {
    const { rule } = planned;
    if (has(rule.id) || has(rule.title) || has(rule.file)) return [planned];
    const fixtures = planned.fixtures
      .map((fixture) => ({ ...fixture, cases: fixture.cases.filter((c) => has(c.name)) }))
      .filter((fixture) => fixture.cases.length > 0);
    return fixtures.length > 0 ? [{ ...planned, fixtures }] : [];
  });
}
