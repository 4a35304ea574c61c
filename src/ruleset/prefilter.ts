/**
 * The cross-rule prefilter of one routing combination (the set of route
 * groups an event is routed to): the needles of all rules of those groups
 * (`requirement.ts`), merged per event field into one `NeedleScanner`, and
 * keyword needles into one more scanned over every string and number of the
 * event. Each field is read and scanned once per event, whatever the number
 * of groups and rules wanting it; each literal found selects its owners.
 *
 * An owner is a slot: a rule routed through one group (a rule routed
 * through two groups of the combination has two slots, read through each
 * group's renames). Rules without needles are always candidates.
 *
 * Contract: the prefilter may select a rule that then does not match; it
 * never leaves out a rule that matches. It follows from the soundness of
 * requirements: a matching rule's event holds one of its needles, which the
 * scanner of the field it was read from reports. Checked against the
 * evaluation of every rule by `test/ruleset/prefilter.property.test.ts`.
 */

import { comparableString, defaultFieldReader } from '../engine/fields.js';
import type { JsonValue, LogEvent } from '../events/event.js';
import { NeedleScanner } from './needle-scanner.js';
import type { Requirement } from './requirement.js';

/** A route group as the prefilter sees it. */
export interface PrefilterGroup {
  /** The group's index in the rule set. */
  readonly index: number;
  /** Rules (set indices) routed through the group. */
  readonly rules: readonly number[];
  /** Rule field to event field renames of the group's variant. */
  readonly renames: Readonly<Record<string, string>>;
}

/** One scanner and, per literal, the slots that need it. */
interface ScanIndex {
  readonly scanner: NeedleScanner;
  readonly owners: readonly Int32Array[];
}

/** A field's scanner: the event field read (after renames). */
interface FieldIndex extends ScanIndex {
  readonly field: string;
  /** A name with a dot may be a nested path (`defaultFieldReader`). */
  readonly dotted: boolean;
}

/** Collects the literals of one scanner, then its owners. */
class IndexBuilder {
  private readonly literals = new Map<string, number[]>();

  add(literal: string, slot: number): void {
    const owners = this.literals.get(literal) ?? [];
    if (owners.at(-1) !== slot) owners.push(slot);
    this.literals.set(literal, owners);
  }

  build(): ScanIndex {
    return {
      scanner: new NeedleScanner([...this.literals.keys()]),
      owners: [...this.literals.values()].map((slots) => Int32Array.from(slots)),
    };
  }
}

/** Selects candidate slots for events of one routing combination. */
export class Prefilter {
  /** The rule of each slot. */
  readonly slotRule: Int32Array;
  /** The group (set index) of each slot. */
  readonly slotGroup: Int32Array;
  /** Slots of rules with nothing to index: candidates for every event. */
  readonly always: Int32Array;
  private readonly fields: FieldIndex[] = [];
  private readonly keywords: ScanIndex | undefined;
  private readonly stamp: Uint32Array;
  private readonly found: Int32Array;
  private epoch = 0;
  private count = 0;
  private owners: readonly Int32Array[] = [];
  private readonly select = (literal: number): void => {
    const slots = this.owners[literal] as Int32Array;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as number;
      if (this.stamp[slot] === this.epoch) continue;
      this.stamp[slot] = this.epoch;
      this.found[this.count++] = slot;
    }
  };
  private readonly visitLeaf = (value: JsonValue): void => {
    const text = comparableString(value);
    if (text !== undefined) this.keywords?.scanner.scan(text, this.select);
  };

  /** Builds the prefilter of `groups`, given each rule's requirement. */
  constructor(groups: readonly PrefilterGroup[], requirements: readonly Requirement[]) {
    const slotRule: number[] = [];
    const slotGroup: number[] = [];
    const always: number[] = [];
    const byField = new Map<string, IndexBuilder>();
    const keywords = new IndexBuilder();
    let anyKeyword = false;
    for (const group of groups) {
      for (const rule of group.rules) {
        const slot = slotRule.length;
        slotRule.push(rule);
        slotGroup.push(group.index);
        const requirement = requirements[rule] ?? { kind: 'always' };
        if (requirement.kind === 'always') {
          always.push(slot);
          continue;
        }
        for (const { field, literal } of requirement.needles) {
          if (field === null) {
            keywords.add(literal, slot);
            anyKeyword = true;
            continue;
          }
          for (const eventField of readFields(field, group.renames)) {
            const builder = byField.get(eventField) ?? new IndexBuilder();
            builder.add(literal, slot);
            byField.set(eventField, builder);
          }
        }
      }
    }
    this.slotRule = Int32Array.from(slotRule);
    this.slotGroup = Int32Array.from(slotGroup);
    this.always = Int32Array.from(always);
    for (const [field, builder] of byField) {
      this.fields.push({ field, dotted: field.includes('.'), ...builder.build() });
    }
    this.keywords = anyKeyword ? keywords.build() : undefined;
    this.stamp = new Uint32Array(slotRule.length);
    this.found = new Int32Array(slotRule.length);
  }

  /**
   * Selects the candidate slots of `event`, each once: the always slots and
   * every slot some needle of which the event holds. Returns how many;
   * they are `candidate(0)` to `candidate(n - 1)` until the next call.
   */
  collect(event: LogEvent): number {
    this.epoch = this.epoch === 0xffffffff ? 1 : this.epoch + 1;
    if (this.epoch === 1) this.stamp.fill(0);
    this.count = 0;
    this.found.set(this.always);
    this.count = this.always.length;
    for (const slot of this.always) this.stamp[slot] = this.epoch;
    for (const index of this.fields) {
      const value = index.dotted
        ? defaultFieldReader(event, index.field)
        : event[index.field];
      if (value === undefined) continue;
      this.owners = index.owners;
      if (typeof value === 'string') index.scanner.scan(value, this.select);
      else forEachLeaf(value, index.scanner, this.select);
    }
    if (this.keywords !== undefined) {
      this.owners = this.keywords.owners;
      forEachKeywordLeaf(event, this.visitLeaf);
    }
    return this.count;
  }

  /** The `i`-th slot selected by the last `collect`. */
  candidate(i: number): number {
    return this.found[i] as number;
  }
}

/**
 * The event fields a rule field may be read from: a renamed field is read
 * from its new name, or from its own name when the event lacks the new one
 * (`variantReader`), so its needles go to both scanners.
 */
function readFields(field: string, renames: Readonly<Record<string, string>>): string[] {
  const renamed = Object.hasOwn(renames, field) ? renames[field] : undefined;
  return renamed === undefined || renamed === field ? [field] : [renamed, field];
}

function forEachLeaf(
  value: JsonValue,
  scanner: NeedleScanner,
  select: (literal: number) => void,
): void {
  if (Array.isArray(value)) {
    for (const element of value) forEachLeaf(element, scanner, select);
    return;
  }
  const text = comparableString(value);
  if (text !== undefined) scanner.scan(text, select);
}

/** Visits every string and number of `value`, nested ones included. */
function forEachKeywordLeaf(value: JsonValue, visit: (leaf: JsonValue) => void): void {
  if (typeof value === 'string' || typeof value === 'number') visit(value);
  else if (Array.isArray(value))
    for (const element of value) forEachKeywordLeaf(element, visit);
  else if (value !== null && typeof value === 'object') {
    for (const key in value) forEachKeywordLeaf(value[key] as JsonValue, visit);
  }
}
