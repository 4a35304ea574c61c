/**
 * The generation property over many rules (`generate --check`): each rule
 * gets `count` satisfying events and `count` near misses, and the engine
 * must match the first and reject the second. A deterministic sample
 * (evenly spaced over the rules in file order) keeps CI runs short.
 */

import type { FuzzTarget } from './fuzz-target.js';
import type { RuleCheck, RuleCheckOptions } from './rule-check.js';
import { checkRule } from './rule-check.js';

/** The outcome for one rule. */
export type RuleCheckEntry = RuleCheck & {
  readonly id: string;
  readonly file: string;
};

/** The outcome over all rules checked. */
export interface GenerationSummary {
  readonly rules: number;
  readonly passed: number;
  /** Passed rules over checked rules, from 0 to 1. */
  readonly passRate: number;
  /** Every rule that did not pass, with its reason or event. */
  readonly notPassed: readonly RuleCheckEntry[];
}

/** `size` rules evenly spaced over `rules`, all of them when fewer. */
export function sampleRules<T>(rules: readonly T[], size: number | undefined): T[] {
  if (size === undefined || size >= rules.length) return [...rules];
  return Array.from({ length: size }, (_, i) => {
    return rules[Math.floor((i * rules.length) / size)] as T;
  });
}

/** Runs the generation property on every compiled rule. */
export function checkRules(
  rules: readonly FuzzTarget[],
  options: RuleCheckOptions,
): GenerationSummary {
  const notPassed: RuleCheckEntry[] = [];
  let passed = 0;
  for (const target of rules) {
    const { rule } = target;
    const result = checkRule(target, options);
    if (result.status === 'passed') passed += 1;
    else notPassed.push({ ...result, id: rule.id ?? rule.title, file: rule.file });
  }
  const passRate = rules.length === 0 ? 0 : passed / rules.length;
  return { rules: rules.length, passed, passRate, notPassed };
}
