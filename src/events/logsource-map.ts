/**
 * Logsource mappings: which events a rule's `logsource` covers, and which
 * event fields stand for the rule's field names on those events.
 *
 * A mapping file (YAML, the project's own format, see
 * `docs/logsource-maps.md`) lists entries; each entry names a logsource
 * (category, product, service: absent means any) and one or more variants.
 * A variant has `conditions` (event field to accepted values, AND-linked,
 * values OR-linked) and `fields` (rule field to event field renames).
 */

import type { FieldReader } from '../engine/types.js';
import type { Logsource } from '../rule/model.js';

/** One way a logsource shows up in events. */
export interface LogsourceVariant {
  /** Event field name to the values it may take (compared as strings). */
  readonly conditions: Readonly<Record<string, readonly string[]>>;
  /** Rule field name to the event field that holds it on these events. */
  readonly fields: Readonly<Record<string, string>>;
}

/** The result of routing a rule's logsource through a mapping. */
export type LogsourceRoute =
  | { readonly kind: 'mapped'; readonly variants: readonly LogsourceVariant[] }
  | { readonly kind: 'unmapped' };

/** A loaded logsource mapping. */
export interface LogsourceMap {
  /** Name shown in reports (`windows`, or the file path). */
  readonly name: string;
  /** The variants that cover `logsource`, or `unmapped`. */
  route(logsource: Logsource): LogsourceRoute;
}

/** A field reader that applies a variant's renames on top of `base`. */
export type VariantReader = (variant: LogsourceVariant, base: FieldReader) => FieldReader;
