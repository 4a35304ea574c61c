/**
 * Route groups: the rules of a set grouped by the logsource variant they are
 * routed through (`engine/routing.ts` and `events/logsource-routing.ts` give
 * the semantics: an event reaches
 * a rule through a variant whose conditions it satisfies, and the rule reads
 * fields through that variant's renames). A rule whose logsource maps to
 * several variants is in several groups; an unmapped rule is in none.
 * Without a mapping every rule is in one group that accepts every event.
 */

import { defaultFieldReader } from '../engine/fields.js';
import type { CompiledRule, FieldReader } from '../engine/types.js';
import type { LogEvent } from '../events/event.js';
import type { LogsourceMap, LogsourceVariant } from '../events/logsource-map.js';
import { variantApplies, variantReader } from '../events/logsource-routing.js';

/** One distinct variant and the rules routed through it. */
export interface RouteGroup {
  readonly variant: LogsourceVariant;
  /** Reads rule fields with the variant's renames. */
  readonly reader: FieldReader;
  /** Indices (into the rule list) of the rules routed here, ascending. */
  readonly rules: readonly number[];
}

/** Every route group of a rule list, and the rules no variant covers. */
export interface RouteGroups {
  readonly groups: readonly RouteGroup[];
  /** Indices of rules whose logsource the mapping does not cover. */
  readonly unmapped: readonly number[];
}

const EVERY_EVENT: LogsourceVariant = { conditions: {}, fields: {} };

/** Groups `rules` by the variants `map` routes them through. */
export function groupRules(
  rules: readonly CompiledRule[],
  map: LogsourceMap | undefined,
): RouteGroups {
  if (map === undefined) {
    const all = rules.map((_, index) => index);
    return { groups: [makeGroup(EVERY_EVENT, all)], unmapped: [] };
  }
  const byVariant = new Map<string, { variant: LogsourceVariant; rules: number[] }>();
  const unmapped: number[] = [];
  rules.forEach((compiled, index) => {
    const route = map.route(compiled.rule.logsource);
    if (route.kind === 'unmapped') {
      unmapped.push(index);
      return;
    }
    for (const variant of route.variants) {
      const key = JSON.stringify([variant.conditions, variant.fields]);
      const entry = byVariant.get(key) ?? { variant, rules: [] };
      if (entry.rules.at(-1) !== index) entry.rules.push(index);
      byVariant.set(key, entry);
    }
  });
  const groups = [...byVariant.values()].map((e) => makeGroup(e.variant, e.rules));
  return { groups, unmapped };
}

function makeGroup(variant: LogsourceVariant, rules: number[]): RouteGroup {
  return { variant, reader: variantReader(variant, defaultFieldReader), rules };
}

/** True when `event` satisfies every condition of `group`'s variant. */
export function groupAccepts(group: RouteGroup, event: LogEvent): boolean {
  return variantApplies(group.variant, event, defaultFieldReader);
}
