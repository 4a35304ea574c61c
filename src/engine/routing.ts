/**
 * Routing a compiled rule through a logsource mapping. Without a mapping a
 * rule sees every event with the default field reader. With one, the rule
 * sees an event only when one of its logsource's variants accepts the event
 * (all the variant's conditions hold), and then reads fields through that
 * variant's renames; a logsource the mapping does not cover sees nothing
 * (`unmapped`), which reports list so the rule is never silently idle.
 */

import type { LogEvent } from '../events/event.js';
import type { LogsourceMap, LogsourceVariant } from '../events/logsource-map.js';
import { comparableString, defaultFieldReader, fieldValues } from './fields.js';
import type { CompiledRule, Explanation, FieldReader } from './types.js';

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
    reader: renamingReader(variant, defaultFieldReader),
  }));
  const accepting = (event: LogEvent) =>
    variants.filter(({ variant }) => variantAccepts(variant, event));
  return {
    compiled,
    unmapped: route.kind === 'unmapped',
    matches: (event) =>
      variants.some(
        ({ variant, reader }) =>
          variantAccepts(variant, event) && compiled.matches(event, reader),
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

/**
 * True when every condition of the variant holds on the event: the event
 * field's value (any element of an array), as a string, is one of the
 * accepted values. `EventID: 3` accepts `3` and `"3"`.
 */
export function variantAccepts(variant: LogsourceVariant, event: LogEvent): boolean {
  for (const field in variant.conditions) {
    const accepted = variant.conditions[field] as readonly string[];
    const value = defaultFieldReader(event, field);
    if (value === undefined) return false;
    const found = fieldValues(value).some((leaf) => {
      const text = comparableString(leaf);
      return text !== undefined && accepted.includes(text);
    });
    if (!found) return false;
  }
  return true;
}

/** A reader that reads a renamed rule field from its event field. */
export function renamingReader(
  variant: LogsourceVariant,
  base: FieldReader,
): FieldReader {
  const renames = variant.fields;
  if (Object.keys(renames).length === 0) return base;
  return (event, field) => {
    const renamed = renames[field];
    if (renamed === undefined) return base(event, field);
    return base(event, renamed) ?? base(event, field);
  };
}
