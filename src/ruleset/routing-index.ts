/**
 * The routing index: finds the route groups an event belongs to with one
 * lookup. The condition field most groups test (for the Windows mapping,
 * `EventID`) keys a table from accepted value (lower-cased, as conditions
 * ignore case) to groups; an event's value of that field selects its
 * entries, which are then checked in full. Groups that do not test the key
 * field are checked one by one.
 *
 * The groups an event belongs to depend only on its values of the fields
 * the conditions test (`EventID`, `Channel`, ...), and a corpus holds few
 * distinct combinations of them, so `route` remembers its answer per
 * combination (up to `MEMO_LIMIT` of them; past that, events are routed
 * afresh, so that a corpus of ever-new values cannot grow the memory).
 *
 * Exact: `route` returns precisely the groups `groupAccepts` accepts.
 */

import { comparableString, defaultFieldReader, fieldValues } from '../engine/fields.js';
import type { JsonValue, LogEvent } from '../events/event.js';
import type { RouteGroup } from './route-groups.js';
import { groupAccepts } from './route-groups.js';

/** Most combinations of condition values whose groups are remembered. */
const MEMO_LIMIT = 10_000;

/** Finds the groups an event belongs to. */
export class RoutingIndex {
  private readonly keyField: string | undefined;
  private readonly byValue = new Map<string, number[]>();
  private readonly unkeyed: number[] = [];
  /** Every field some condition tests, in a fixed order. */
  private readonly conditionFields: readonly string[];
  /** Groups by the JSON of an event's values of `conditionFields`. */
  private readonly memo = new Map<string, readonly number[]>();

  /** Indexes `groups`; `route` returns indices into this list. */
  constructor(private readonly groups: readonly RouteGroup[]) {
    this.keyField = mostTestedField(groups);
    this.conditionFields = [
      ...new Set(groups.flatMap((group) => Object.keys(group.variant.conditions))),
    ].sort();
    groups.forEach((group, index) => {
      const accepted =
        this.keyField === undefined ? undefined : group.variant.conditions[this.keyField];
      if (accepted === undefined) {
        this.unkeyed.push(index);
        return;
      }
      for (const value of new Set(accepted.map((text) => text.toLowerCase()))) {
        const list = this.byValue.get(value) ?? [];
        list.push(index);
        this.byValue.set(value, list);
      }
    });
  }

  /** Indices of the groups `event` belongs to, ascending; shared, never to be changed. */
  route(event: LogEvent): readonly number[] {
    const key = JSON.stringify(
      this.conditionFields.map((field) => defaultFieldReader(event, field) ?? null),
    );
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const found = this.routeAfresh(event);
    if (this.memo.size < MEMO_LIMIT) this.memo.set(key, found);
    return found;
  }

  /** `route` without the memo. */
  private routeAfresh(event: LogEvent): number[] {
    const found: number[] = [];
    for (const index of this.keyedCandidates(event)) {
      if (groupAccepts(this.groups[index] as RouteGroup, event)) found.push(index);
    }
    for (const index of this.unkeyed) {
      if (groupAccepts(this.groups[index] as RouteGroup, event)) found.push(index);
    }
    return found.length > 1 ? found.sort((a, b) => a - b) : found;
  }

  private keyedCandidates(event: LogEvent): readonly number[] {
    if (this.keyField === undefined) return [];
    const value = defaultFieldReader(event, this.keyField);
    if (value === undefined) return [];
    const leaves = fieldValues(value);
    if (leaves.length === 1) return this.lookup(leaves[0] ?? null);
    const union = new Set<number>();
    for (const leaf of leaves) for (const index of this.lookup(leaf)) union.add(index);
    return [...union];
  }

  private lookup(leaf: JsonValue): readonly number[] {
    const text = comparableString(leaf);
    return text === undefined ? [] : (this.byValue.get(text.toLowerCase()) ?? []);
  }
}

function mostTestedField(groups: readonly RouteGroup[]): string | undefined {
  const counts = new Map<string, number>();
  for (const group of groups) {
    for (const field of Object.keys(group.variant.conditions)) {
      counts.set(field, (counts.get(field) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  for (const [field, count] of counts) {
    if (best === undefined || count > (counts.get(best) ?? 0)) best = field;
  }
  return best;
}
