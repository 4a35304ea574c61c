/**
 * The detection items of a rule, listed with their search identifier and
 * found again from an explanation by source location (the engine's item
 * explanations carry the location of the item they explain).
 */

import type { SourceLocation } from '../diagnostics.js';
import type { Explanation, ItemExplanation, NodeExplanation } from '../engine/types.js';
import type { DetectionItem, DetectionNode, SigmaRule } from '../rule/model.js';

/** A detection item and the search identifier it belongs to. */
export interface LocatedItem {
  readonly searchIdentifier: string;
  readonly item: DetectionItem;
}

/** A key for a source location (`file:line:column`). */
export function locationKey(at: SourceLocation): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/** Every detection item of the rule's own detection, in written order. */
export function ruleItems(rule: SigmaRule): LocatedItem[] {
  return rule.detection.searchIdentifiers.flatMap((search) =>
    nodeItems(search.definition).map((item) => ({ searchIdentifier: search.name, item })),
  );
}

function nodeItems(node: DetectionNode): DetectionItem[] {
  return node.kind === 'item' ? [node] : node.items.flatMap(nodeItems);
}

/** Every item explanation under the explanation's own search identifiers. */
export function explainedItems(explanation: Explanation): ItemExplanation[] {
  return explanation.searchIdentifiers.flatMap((search) => explanationItems(search.node));
}

function explanationItems(node: NodeExplanation): ItemExplanation[] {
  return node.kind === 'item' ? [node] : node.items.flatMap(explanationItems);
}

/**
 * The rule line that caused a wrong verdict. For a miss, the first item that
 * did not match in a search identifier that did not match; for an unexpected
 * hit, the first written value that matched (or its item). Falls back to the
 * rule's first condition.
 */
export function blameLocation(
  rule: SigmaRule,
  explanation: Explanation,
  expected: 'match' | 'no-match',
): SourceLocation {
  const fallback = rule.detection.conditions[0]?.location ?? rule.location;
  if (expected === 'match') {
    const missed = explanation.searchIdentifiers
      .filter((search) => !search.matched)
      .flatMap((search) => explanationItems(search.node))
      .find((item) => !item.matched);
    return missed?.location ?? fallback;
  }
  const hit = explainedItems(explanation).find((item) => item.matched);
  if (hit === undefined) return fallback;
  const written = ruleItems(rule).find(
    (located) => locationKey(located.item.location) === locationKey(hit.location),
  );
  const first = hit.matchedValues[0];
  return (
    (first === undefined ? undefined : written?.item.valueLocations[first]) ??
    hit.location
  );
}
