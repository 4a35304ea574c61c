/**
 * The rules generation and fuzzing work on: rules the engine compiled.
 * Only a `FuzzTarget` reaches the event generator, the reference evaluator
 * and the oracle, so a rule that does not compile (an invalid regex, a
 * network with host bits set, a condition naming an unknown identifier)
 * is reported with the engine's diagnostics instead, as `check` reports it.
 */

import type { Diagnostic } from '../diagnostics.js';
import { compileRule } from '../engine/compile-rule.js';
import { placeholderNames } from '../engine/placeholders.js';
import type { PlaceholderValues } from '../engine/placeholders.js';
import type { CompiledRule } from '../engine/types.js';
import type { StrategyChoice } from '../matchers/index.js';
import type { SigmaRule } from '../rule/model.js';
import { detectionItems } from './hostname-items.js';

/** A compiled rule and the placeholder values its events and engine share. */
export interface FuzzTarget {
  readonly rule: SigmaRule;
  readonly compiled: CompiledRule;
  /** The value of each `expand` placeholder of the rule. */
  readonly placeholders: PlaceholderValues;
}

/** A rule that did not compile, with the compile diagnostics. */
export interface UncompiledRule {
  readonly rule: SigmaRule;
  readonly diagnostics: readonly Diagnostic[];
}

/** A target, or the rule that did not compile. */
export type TargetBuild =
  | { readonly ok: true; readonly target: FuzzTarget }
  | { readonly ok: false; readonly failed: UncompiledRule };

/** Compiles `rule` with the `matcher` strategy (`auto` when absent). */
export function compileTarget(rule: SigmaRule, matcher?: StrategyChoice): TargetBuild {
  const placeholders = placeholdersOf(rule);
  const compiled = compileRule(rule, { placeholders, matcher });
  if (!compiled.ok) {
    return { ok: false, failed: { rule, diagnostics: compiled.diagnostics } };
  }
  return { ok: true, target: { rule, compiled: compiled.compiled, placeholders } };
}

/** Gives each `expand` placeholder of the rule one value, named after it. */
function placeholdersOf(rule: SigmaRule): PlaceholderValues {
  const values: Record<string, string[]> = {};
  for (const item of detectionItems(rule)) {
    if (!item.modifiers.includes('expand')) continue;
    for (const value of item.values) {
      if (typeof value !== 'string') continue;
      for (const name of placeholderNames(value)) {
        values[name] = [`ph-${name.replace(/[^A-Za-z0-9]/g, '')}`];
      }
    }
  }
  return values;
}
