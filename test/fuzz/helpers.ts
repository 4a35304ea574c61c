/**
 * Helpers of the fuzz tests: loading rules from text and files, and the
 * fast-check seed (fixed in CI, where `CI` is set; random elsewhere, and
 * then printed by fast-check on failure).
 */

import type { FuzzTarget } from '../../src/fuzz/fuzz-target.js';
import { compileTarget } from '../../src/fuzz/fuzz-target.js';
import { loadRuleFile, loadRuleText } from '../../src/rule/load.js';
import type { SigmaRule } from '../../src/rule/model.js';

/** The seed of property tests in CI. */
export const CI_SEED = 20261203;

/** fast-check parameters: the fixed seed in CI, none elsewhere. */
export const propertyParameters: { seed?: number } =
  process.env.CI === undefined ? {} : { seed: CI_SEED };

/** The single rule of a YAML text; fails the test when it does not load. */
export function ruleFromText(text: string): SigmaRule {
  const loaded = loadRuleText(text, 'inline.yml');
  const rule = loaded.documents[0];
  if (rule?.kind !== 'rule') {
    throw new Error(`rule did not load: ${JSON.stringify(loaded.diagnostics)}`);
  }
  return rule;
}

/** The first rule of a file. */
export async function ruleFromFile(path: string): Promise<SigmaRule> {
  const loaded = await loadRuleFile(path);
  const rule = loaded.documents[0];
  if (rule?.kind !== 'rule') throw new Error(`${path} did not load`);
  return rule;
}

/** A rule with the given detection block (indented YAML under `detection:`). */
export function ruleWithDetection(detection: string): SigmaRule {
  return ruleFromText(
    [
      'title: Fuzz test rule',
      'id: 6d1c4c1e-9d1b-4c55-8a43-2f3f9b0f6e01',
      'status: test',
      'logsource: { category: process_creation, product: windows }',
      'detection:',
      detection,
      'level: low',
    ].join('\n'),
  );
}

/** The compiled fuzz target of a rule; fails the test when it does not compile. */
export function targetOf(rule: SigmaRule): FuzzTarget {
  const build = compileTarget(rule);
  if (!build.ok) throw new Error(`rule did not compile: ${JSON.stringify(build.failed)}`);
  return build.target;
}
