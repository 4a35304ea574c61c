/**
 * Rule coverage: which search identifiers and which written values of each
 * detection item at least one true-positive event exercised. A value counts
 * as exercised when the engine's explanation lists it among the item's
 * matched values (`matchedValues`); an identifier, when it matched.
 *
 * Limitation: only the rule's own detection is covered; the search
 * identifiers of Sigma filters applied to the rule are not listed.
 */

import type { Explanation } from '../engine/types.js';
import type { DetectionValue, SigmaRule } from '../rule/model.js';
import { explainedItems, locationKey, ruleItems } from './rule-items.js';

/** One written value and whether a true positive reached it. */
export interface ValueCoverage {
  readonly value: DetectionValue;
  readonly line: number;
  readonly exercised: boolean;
}

/** One detection item: its key as written (`field|modifier`) and its values. */
export interface ItemCoverage {
  readonly searchIdentifier: string;
  readonly key: string;
  readonly line: number;
  readonly values: readonly ValueCoverage[];
}

/** Exercised / total counts. */
export interface CoverageCount {
  readonly exercised: number;
  readonly total: number;
}

/** Coverage of one rule by its true positives. */
export interface RuleCoverage {
  readonly searchIdentifiers: readonly {
    readonly name: string;
    readonly exercised: boolean;
  }[];
  readonly items: readonly ItemCoverage[];
  readonly identifierCount: CoverageCount;
  readonly valueCount: CoverageCount;
}

/** Coverage of `rule` by the explanations of its true-positive events. */
export function ruleCoverage(
  rule: SigmaRule,
  explanations: readonly Explanation[],
): RuleCoverage {
  const matchedIdentifiers = new Set<string>();
  const reached = new Map<string, Set<number>>();
  for (const explanation of explanations) {
    for (const search of explanation.searchIdentifiers) {
      if (search.matched) matchedIdentifiers.add(search.name);
    }
    for (const item of explainedItems(explanation)) {
      const key = locationKey(item.location);
      const set = reached.get(key) ?? new Set<number>();
      for (const index of item.matchedValues) set.add(index);
      reached.set(key, set);
    }
  }
  const searchIdentifiers = rule.detection.searchIdentifiers.map(({ name }) => ({
    name,
    exercised: matchedIdentifiers.has(name),
  }));
  const items = ruleItems(rule).map(({ searchIdentifier, item }) => {
    const hit = reached.get(locationKey(item.location));
    return {
      searchIdentifier,
      key: [item.field ?? '<keywords>', ...item.modifiers].join('|'),
      line: item.location.line,
      values: item.values.map((value, index) => ({
        value,
        line: item.valueLocations[index]?.line ?? item.location.line,
        exercised: hit?.has(index) === true,
      })),
    };
  });
  const values = items.flatMap((item) => item.values);
  return {
    searchIdentifiers,
    items,
    identifierCount: count(searchIdentifiers.map((s) => s.exercised)),
    valueCount: count(values.map((v) => v.exercised)),
  };
}

function count(flags: readonly boolean[]): CoverageCount {
  return { exercised: flags.filter(Boolean).length, total: flags.length };
}
