/**
 * Planning a generated event from a rule's condition: which detection
 * items must hold and which must fail. An `or` (or `1 of`) holds through
 * one random operand and fails through all; an `and` (or `all of`, or a
 * map of items) holds through all and fails through one random operand;
 * `not` swaps the two. A detection list (OR of maps) works like `or`.
 *
 * A tight plan also makes the other operands of a failing `and` hold, so
 * the event sits one item away from the boundary: changing that item
 * flips the operand, which is what near misses need.
 */

import type { ConditionNode } from '../engine/condition.js';
import type { DetectionItem, DetectionNode, SigmaRule } from '../rule/model.js';
import type { Random } from './random.js';

/** A detection item and whether the event must satisfy it. */
export interface ItemWant {
  readonly item: DetectionItem;
  readonly holds: boolean;
}

/** The items a condition needs, or undefined when a branch is impossible. */
export type Plan = ItemWant[] | undefined;

/** Plans an event for which `condition` evaluates to `want`. */
export function planCondition(
  rule: SigmaRule,
  condition: ConditionNode,
  want: boolean,
  random: Random,
  tight = false,
): Plan {
  const searches = new Map(
    rule.detection.searchIdentifiers.map((s) => [s.name, s.definition]),
  );
  const bySearch = (name: string, holds: boolean): Plan => {
    const definition = searches.get(name);
    return definition === undefined
      ? undefined
      : planNode(definition, holds, random, tight);
  };
  const plan = (node: ConditionNode, holds: boolean): Plan => {
    switch (node.type) {
      case 'not':
        return plan(node.operand, !holds);
      case 'identifier':
        return bySearch(node.name, holds);
      case 'and':
      case 'or': {
        const every = (node.type === 'and') === holds;
        const others = tight && node.type === 'and' && !holds;
        return combine(
          node.operands,
          every,
          (o, h = holds) => plan(o, h),
          random,
          others,
        );
      }
      case 'of': {
        const every = (node.quantifier === 'all') === holds;
        const others = tight && node.quantifier === 'all' && !holds;
        const planOf = (name: string, h = holds): Plan => bySearch(name, h);
        return combine(node.names, every, planOf, random, others);
      }
    }
  };
  return plan(condition, want);
}

/** Plans a detection node (a search identifier's definition). */
export function planNode(
  node: DetectionNode,
  holds: boolean,
  random: Random,
  tight = false,
): Plan {
  if (node.kind === 'item') return [{ item: node, holds }];
  const every = (node.kind === 'all-of') === holds;
  const others = tight && node.kind === 'all-of' && !holds;
  const planOf = (child: DetectionNode, h = holds): Plan =>
    planNode(child, h, random, tight);
  return combine(node.items, every, planOf, random, others);
}

/**
 * Every operand's plan (`every`), or the plan of one random operand that
 * has one. An empty list gives an empty plan when `every` (all of nothing
 * holds) and no plan otherwise. With `othersHold`, the operands not chosen
 * get the opposite plan where they have one.
 */
function combine<T>(
  operands: readonly T[],
  every: boolean,
  planOf: (operand: T, holds?: boolean) => Plan,
  random: Random,
  othersHold = false,
): Plan {
  if (every) {
    const wants: ItemWant[] = [];
    for (const operand of operands) {
      const sub = planOf(operand);
      if (sub === undefined) return undefined;
      wants.push(...sub);
    }
    return wants;
  }
  for (const operand of random.shuffled(operands)) {
    const sub = planOf(operand);
    if (sub === undefined) continue;
    if (!othersHold) return sub;
    const rest = operands.filter((o) => o !== operand).map((o) => planOf(o, true) ?? []);
    return [...sub, ...rest.flat()];
  }
  return undefined;
}
