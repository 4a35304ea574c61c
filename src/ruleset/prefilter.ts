/**
 * The cross-rule prefilter of one route group: the needles of all its rules
 * (`requirement.ts`), merged per event field into one Aho-Corasick automaton
 * (`matchers/aho-corasick.ts`, case-insensitive `contains` patterns). An
 * event's field values are scanned once per field; each literal found selects
 * the rules that own it. Rules without needles are always candidates.
 *
 * Contract: the prefilter may select a rule that then does not match; it
 * never leaves out a rule that matches. It follows from the soundness of
 * requirements: a matching rule's event holds one of its needles, which the
 * automaton of the field it was read from reports. Checked against the
 * evaluation of every rule by `test/ruleset/prefilter.property.test.ts`.
 */

import { comparableString, defaultFieldReader } from '../engine/fields.js';
import type { JsonValue, LogEvent } from '../events/event.js';
import type { Matcher } from '../matchers/index.js';
import { compileMatcher } from '../matchers/index.js';
import type { Requirement } from './requirement.js';

/** One field's automaton and, per literal, the rules that need it. */
interface FieldIndex {
  /** The event field read (after the variant's renames). */
  readonly field: string;
  readonly matcher: Matcher;
  /** For each pattern of the matcher, the rules (set indices) that own it. */
  readonly owners: readonly (readonly number[])[];
}

/** Selects candidate rules of one route group. */
export class Prefilter {
  private readonly fields: FieldIndex[] = [];
  /** Rules with nothing to index: candidates for every event. */
  readonly always: readonly number[];

  /**
   * Builds the prefilter of `rules` (set indices), given each rule's
   * requirement and the group's renames (rule field to event field).
   */
  constructor(
    rules: readonly number[],
    requirements: readonly Requirement[],
    renames: Readonly<Record<string, string>>,
  ) {
    const always: number[] = [];
    const byField = new Map<string, Map<string, number[]>>();
    for (const rule of rules) {
      const requirement = requirements[rule] ?? { kind: 'always' };
      if (requirement.kind === 'always') {
        always.push(rule);
        continue;
      }
      for (const { field, literal } of requirement.needles) {
        for (const eventField of readFields(field, renames)) {
          const literals = byField.get(eventField) ?? new Map<string, number[]>();
          const owners = literals.get(literal) ?? [];
          if (owners.at(-1) !== rule) owners.push(rule);
          literals.set(literal, owners);
          byField.set(eventField, literals);
        }
      }
    }
    this.always = always;
    for (const [field, literals] of byField) {
      const patterns = [...literals.keys()].map((value) => ({
        kind: 'contains' as const,
        value,
        cased: false,
      }));
      const matcher = compileMatcher(patterns, 'aho-corasick');
      this.fields.push({ field, matcher, owners: [...literals.values()] });
    }
  }

  /** Number of fields with an automaton. */
  get fieldCount(): number {
    return this.fields.length;
  }

  /** Calls `select` for each rule some needle of which `event` holds. */
  selectIndexed(event: LogEvent, select: (rule: number) => void): void {
    for (const index of this.fields) {
      const value = defaultFieldReader(event, index.field);
      if (value === undefined) continue;
      if (typeof value === 'string') scan(index, value, select);
      else forEachLeaf(value, (leaf) => scan(index, leaf, select));
    }
  }
}

/**
 * The event fields a rule field may be read from: a renamed field is read
 * from its new name, or from its own name when the event lacks the new one
 * (`renamingReader`), so its needles go to both automata.
 */
function readFields(field: string, renames: Readonly<Record<string, string>>): string[] {
  const renamed = Object.hasOwn(renames, field) ? renames[field] : undefined;
  return renamed === undefined || renamed === field ? [field] : [renamed, field];
}

function scan(index: FieldIndex, text: string, select: (rule: number) => void): void {
  for (const pattern of index.matcher.matchingPatterns(text)) {
    for (const rule of index.owners[pattern] ?? []) select(rule);
  }
}

function forEachLeaf(value: JsonValue, visit: (text: string) => void): void {
  if (Array.isArray(value)) {
    for (const element of value) forEachLeaf(element, visit);
    return;
  }
  const text = comparableString(value);
  if (text !== undefined) visit(text);
}
