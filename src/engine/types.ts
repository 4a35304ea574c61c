/**
 * The public shape of a compiled rule: what the harness, the fuzzer, the
 * scanner and the CLI use to ask "does this rule match this event, and why".
 */

import type { SourceLocation } from '../diagnostics.js';
import type { JsonValue, LogEvent } from '../events/event.js';
import type { SigmaRule } from '../rule/model.js';

/**
 * Reads a field of an event. The default reader takes a flat key first, then
 * a dotted path through nested objects; logsource mappings wrap it to rename
 * fields. Returns `undefined` when the field is absent.
 */
export type FieldReader = (event: LogEvent, field: string) => JsonValue | undefined;

/** Why a detection item did or did not match. */
export type ItemReason =
  | 'matched'
  | 'field-absent'
  | 'field-present'
  | 'value-differs'
  | 'case-differs'
  | 'regex-no-match'
  | 'not-null'
  | 'not-a-number'
  | 'not-an-address'
  | 'not-a-date'
  | 'some-values-missing'
  | 'excluded-value'
  | 'keyword-absent';

/** Explanation of one detection item. */
export interface ItemExplanation {
  readonly kind: 'item';
  readonly matched: boolean;
  readonly field: string | null;
  readonly modifiers: readonly string[];
  readonly reason: ItemReason;
  /** Indices of the item's written values that matched. */
  readonly matchedValues: readonly number[];
  /** The event's value that was compared, shortened for display. */
  readonly actual?: string;
  readonly location: SourceLocation;
}

/** Explanation of an AND or OR group of a search identifier. */
export interface GroupExplanation {
  readonly kind: 'all-of' | 'any-of';
  readonly matched: boolean;
  readonly items: readonly NodeExplanation[];
  readonly location: SourceLocation;
}

/** Explanation of a detection node. */
export type NodeExplanation = ItemExplanation | GroupExplanation;

/** Explanation of one search identifier. */
export interface SearchExplanation {
  readonly name: string;
  readonly matched: boolean;
  readonly node: NodeExplanation;
  readonly location: SourceLocation;
}

/** The full explanation of a rule on an event. */
export interface Explanation {
  readonly verdict: 'match' | 'no-match';
  /** The condition(s) as written, and each one's result. */
  readonly conditions: readonly { readonly text: string; readonly matched: boolean }[];
  readonly searchIdentifiers: readonly SearchExplanation[];
  /** Filters (Sigma filter documents) applied to this rule, with results. */
  readonly filters: readonly {
    readonly title: string;
    readonly matched: boolean;
    readonly searchIdentifiers: readonly SearchExplanation[];
  }[];
}

/** A rule ready for evaluation. */
export interface CompiledRule {
  readonly rule: SigmaRule;
  /** True when the event satisfies the rule's condition and its filters. */
  matches(event: LogEvent, reader?: FieldReader): boolean;
  /** Evaluates with a full explanation; costs nothing unless called. */
  explain(event: LogEvent, reader?: FieldReader): Explanation;
}
