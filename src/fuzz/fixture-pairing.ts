/**
 * Finding the fixture file of a rule as `sigma-harness test` pairs them
 * (`src/harness/plan.ts`, format in docs/fixtures.md). What a fixture's
 * `rule:` names, and whether that is a given rule, is decided by
 * `src/harness/fixture-load.ts`. Fixture files are found as
 * `test --fixtures` finds them (`*.yml`, `*.yaml`, recursively, sorted).
 */

import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { ReferencedRule } from '../harness/fixture-load.js';
import { readRuleReference, referencesRule } from '../harness/fixture-load.js';
import { discoverRuleFiles } from '../rule/discover.js';

/** The first fixture file under `folder` that names `rule`, if any. */
export async function findFixtureFile(
  rule: ReferencedRule,
  folder: string,
): Promise<string | undefined> {
  if (!existsSync(folder)) return undefined;
  for (const file of (await discoverRuleFiles([folder])).files) {
    const reference = await readRuleReference(file);
    if (reference !== undefined && referencesRule(reference, rule)) return file;
  }
  return undefined;
}

/**
 * The `rule:` value a new fixture file in `folder` names `rule` by: its id,
 * or, for a rule without one, the path of its file relative to `folder`.
 */
export function ruleReferenceText(rule: ReferencedRule, folder: string): string {
  if (rule.id !== undefined) return rule.id;
  return relative(resolve(folder), resolve(rule.file)).split(sep).join('/');
}
