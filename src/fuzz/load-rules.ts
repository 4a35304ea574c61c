/**
 * Loading the rules a fuzz or generate command works on: Sigma rule
 * documents from files and folders, each compiled by the engine. Rules
 * that compile are the targets; rules that do not are returned apart with
 * their diagnostics and never generated from or fuzzed. Filters and
 * correlation rules are not fuzzed.
 */

import type { Diagnostic } from '../diagnostics.js';
import type { StrategyChoice } from '../matchers/index.js';
import { discoverRuleFiles } from '../rule/discover.js';
import { loadRuleFile } from '../rule/load.js';
import type { FuzzTarget, UncompiledRule } from './fuzz-target.js';
import { compileTarget } from './fuzz-target.js';

/** The compiled rules, the rules that did not compile, and load problems. */
export interface LoadedRules {
  /** Rules that compiled, in file order. */
  readonly rules: readonly FuzzTarget[];
  /** Rules that loaded but did not compile, in file order. */
  readonly failed: readonly UncompiledRule[];
  /** Diagnostics of finding and loading the files. */
  readonly diagnostics: readonly Diagnostic[];
  /** Documents rejected while loading. */
  readonly rejected: number;
}

/**
 * Loads every rule under `paths` (files or folders), in file order, and
 * compiles each with the `matcher` strategy (`auto` when absent).
 */
export async function loadRules(
  paths: readonly string[],
  matcher?: StrategyChoice,
): Promise<LoadedRules> {
  const discovered = await discoverRuleFiles(paths);
  const diagnostics: Diagnostic[] = [...discovered.diagnostics];
  const rules: FuzzTarget[] = [];
  const failed: UncompiledRule[] = [];
  let rejected = 0;
  for (const file of discovered.files) {
    const loaded = await loadRuleFile(file);
    diagnostics.push(...loaded.diagnostics);
    rejected += loaded.rejected;
    for (const document of loaded.documents) {
      if (document.kind !== 'rule') continue;
      const build = compileTarget(document, matcher);
      if (build.ok) rules.push(build.target);
      else failed.push(build.failed);
    }
  }
  return { rules, failed, diagnostics, rejected };
}

/**
 * What makes a command exit 2: the error diagnostics of loading and the
 * diagnostics of every rule that did not compile, in that order.
 */
export function ruleProblems(loaded: LoadedRules): Diagnostic[] {
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  return [...errors, ...loaded.failed.flatMap((f) => f.diagnostics)];
}
