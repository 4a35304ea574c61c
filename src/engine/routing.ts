/**
 * Routing a compiled rule through a logsource mapping. Without a mapping a
 * rule sees every event with the default field reader. With one, the rule
 * sees an event only when one of its logsource's variants accepts the event
 * (all the variant's conditions hold), and then reads fields through that
 * variant's renames; a logsource the mapping does not cover sees nothing
 * (`unmapped`), which reports list so the rule is never silently idle.
 */

import type { LogEvent } from '../events/event.js';
import type { LogsourceMap } from '../events/logsource-map.js';
import { variantApplies, variantReader } from '../events/logsource-routing.js';
import { defaultFieldReader } from './fields.js';
import type { CompiledRule, Explanation } from './types.js';

/** A compiled rule bound to a logsource mapping. */
export interface RoutedRule {
  readonly compiled: CompiledRule;
  /** True when the mapping covers none of the events this rule could see. */
  readonly unmapped: boolean;
  /** True when the mapping lets the event through and the rule matches it. */
  matches(event: LogEvent): boolean;
  /** The explanation, or undefined when the mapping keeps the event away. */
  explain(event: LogEvent): Explanation | undefined;
}

/** Binds `compiled` to `map` (or to no mapping). */
export function routeRule(
  compiled: CompiledRule,
  map: LogsourceMap | undefined,
): RoutedRule {
  if (map === undefined) {
    return {
      compiled,
      unmapped: false,
      matches: (event) => compiled.matches(event, defaultFieldReader),
      explain: (event) => compiled.explain(event, defaultFieldReader),
    };
  }
  const route = map.route(compiled.rule.logsource);
  const variants = (route.kind === 'mapped' ? route.variants : []).map((variant) => ({
    variant,
    reader: variantReader(variant, defaultFieldReader),
  }));
  const accepting = (event: LogEvent) =>
    variants.filter(({ variant }) => variantApplies(variant, event, defaultFieldReader));
  return {
    compiled,
    unmapped: route.kind === 'unmapped',
    matches: (event) =>
      variants.some(
        ({ variant, reader }) =>
          variantApplies(variant, event, defaultFieldReader) &&
          compiled.matches(event, reader),
      ),
    explain(event) {
      const candidates = accepting(event);
      const first = candidates[0];
      if (first === undefined) return undefined;
      const matching = candidates.find(({ reader }) => compiled.matches(event, reader));
      return compiled.explain(event, (matching ?? first).reader);
    },
  };
}
