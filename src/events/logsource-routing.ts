/**
 * Routing a rule's logsource through a logsource mapping, and reading
 * events through a variant.
 *
 * Which entry covers a logsource: an entry covers a rule's logsource when
 * every key the entry names (`category`, `product`, `service`) equals the
 * rule's (case-insensitive), and the entry names the rule's `category` and
 * `service` whenever the rule has them. So `product: windows` alone covers
 * a rule with `product: windows` and no category or service, but not one
 * with an unknown category: that one is `unmapped`. An entry may leave out
 * `product` to cover a category of any product. When several entries
 * cover a logsource, the one naming the most keys wins; a file cannot hold
 * two entries with the same keys and values (the loader rejects it), so
 * there is never a tie. `definition` is ignored.
 */

import type { FieldReader } from '../engine/types.js';
import type { JsonValue, LogEvent } from './event.js';
import type {
  LogsourceMap,
  LogsourceRoute,
  LogsourceVariant,
  VariantReader,
} from './logsource-map.js';
import type { Logsource } from '../rule/model.js';

/** The logsource keys a mapping entry may name. */
export const LOGSOURCE_KEYS = ['category', 'product', 'service'] as const;

/** One of `LOGSOURCE_KEYS`. */
export type LogsourceKey = (typeof LOGSOURCE_KEYS)[number];

/** One entry of a mapping: the logsource it covers and its variants. */
export interface LogsourceEntry {
  /** The keys it names, lower-cased. */
  readonly logsource: Readonly<Partial<Record<LogsourceKey, string>>>;
  readonly variants: readonly LogsourceVariant[];
}

/** A logsource mapping over a list of entries, routed as described above. */
export class EntryLogsourceMap implements LogsourceMap {
  /** Routes already computed, per logsource (memo of this instance only). */
  private readonly routes = new Map<string, LogsourceRoute>();

  constructor(
    readonly name: string,
    readonly entries: readonly LogsourceEntry[],
  ) {}

  /** The variants of the most specific covering entry, or `unmapped`. */
  route(logsource: Logsource): LogsourceRoute {
    const key = LOGSOURCE_KEYS.map((name) => logsource[name]?.toLowerCase() ?? '').join(
      '\0',
    );
    let route = this.routes.get(key);
    if (route === undefined) {
      route = this.computeRoute(logsource);
      this.routes.set(key, route);
    }
    return route;
  }

  private computeRoute(logsource: Logsource): LogsourceRoute {
    let best: LogsourceEntry | undefined;
    let bestKeys = -1;
    for (const entry of this.entries) {
      const named = Object.keys(entry.logsource).length;
      if (named > bestKeys && covers(entry, logsource)) {
        best = entry;
        bestKeys = named;
      }
    }
    return best === undefined
      ? { kind: 'unmapped' }
      : { kind: 'mapped', variants: best.variants };
  }
}

function covers(entry: LogsourceEntry, logsource: Logsource): boolean {
  for (const key of LOGSOURCE_KEYS) {
    const wanted = entry.logsource[key];
    const actual = logsource[key]?.toLowerCase();
    if (wanted !== undefined && wanted !== actual) return false;
    if (wanted === undefined && actual !== undefined && key !== 'product') return false;
  }
  return true;
}

/**
 * Applies a variant's `fields` renames over `base`: a rule field the
 * variant renames reads the event field it names; when the event has no
 * such field, the rule field is read under its own name (so events that
 * already carry the rule's names still work). Other fields read through
 * `base` unchanged. Renames are one step: a renamed target is not renamed
 * again.
 */
export const variantReader: VariantReader = (variant, base) => {
  const renames = variant.fields;
  if (Object.keys(renames).length === 0) return base;
  return (event, field) => {
    const renamed = Object.hasOwn(renames, field) ? renames[field] : undefined;
    if (renamed === undefined) return base(event, field);
    return base(event, renamed) ?? base(event, field);
  };
};

/**
 * True when the event satisfies every condition of the variant. Each
 * condition field is read with `reader` (the base reader: conditions name
 * event fields, not rule fields); the value, or any element of an array
 * value, must equal one of the accepted values when both are compared as
 * strings, ignoring case (`EventID` 3 equals `"3"`; Channel `security`
 * equals `Security`, as Windows channel names are case-insensitive). A
 * missing field, null or an object never satisfies a condition. A variant
 * without conditions applies to every event.
 */
export function variantApplies(
  variant: LogsourceVariant,
  event: LogEvent,
  reader: FieldReader,
): boolean {
  for (const field in variant.conditions) {
    const accepted = variant.conditions[field];
    const value = reader(event, field);
    if (accepted === undefined || value === undefined) return false;
    if (!anyAccepted(value, accepted)) return false;
  }
  return true;
}

function anyAccepted(value: JsonValue, accepted: readonly string[]): boolean {
  if (Array.isArray(value))
    return value.some((element) => anyAccepted(element, accepted));
  if (typeof value === 'object' || value === null) return false;
  const text = String(value);
  for (const candidate of accepted) {
    if (candidate === text || candidate.toLowerCase() === text.toLowerCase()) return true;
  }
  return false;
}
