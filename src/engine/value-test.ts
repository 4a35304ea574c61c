/**
 * Value tests: how one final form (after modifiers) judges one leaf value of
 * an event field. String patterns are not tested here: a detection item
 * compiles all its patterns into one matcher (`matchers/`).
 */

import type { JsonValue, LogEvent } from '../events/event.js';
import { foldCase } from '../matchers/case-fold.js';
import { inNetwork, parseAddress } from './cidr.js';
import { comparableString, fieldValues } from './fields.js';
import type { CompareOperator, Position } from './modifiers.js';
import type { Network } from './cidr.js';
import type { SigmaRegex } from './regex/index.js';
import type { FieldReader } from './types.js';

/** A test of one leaf value that is not a plain string pattern. */
export type ValueTest =
  | { readonly type: 'null' }
  | { readonly type: 'regex'; readonly regex: SigmaRegex }
  | { readonly type: 'cidr'; readonly network: Network }
  | {
      readonly type: 'compare';
      readonly operator: CompareOperator;
      readonly value: number;
    }
  | { readonly type: 'fieldref'; readonly field: string; readonly position: Position };

/** Runs a value test on one leaf of the field's value. */
export function runValueTest(
  test: ValueTest,
  leaf: JsonValue,
  event: LogEvent,
  reader: FieldReader,
  cased: boolean,
): boolean {
  switch (test.type) {
    case 'null':
      return leaf === null;
    case 'regex': {
      const text = comparableString(leaf);
      return text !== undefined && test.regex.test(text);
    }
    case 'cidr': {
      const text = comparableString(leaf);
      const address = text === undefined ? undefined : parseAddress(text.trim());
      return address !== undefined && inNetwork(address, test.network);
    }
    case 'compare':
      return compareNumber(numberOf(leaf), test.operator, test.value);
    case 'fieldref':
      return fieldRef(test, leaf, event, reader, cased);
  }
}

/** The number a leaf stands for: a JSON number or a numeric string. */
export function numberOf(leaf: JsonValue): number | undefined {
  if (typeof leaf === 'number') return leaf;
  if (typeof leaf !== 'string' || leaf.trim() === '') return undefined;
  const value = Number(leaf);
  return Number.isNaN(value) ? undefined : value;
}

function compareNumber(
  actual: number | undefined,
  operator: CompareOperator,
  value: number,
) {
  if (actual === undefined) return false;
  switch (operator) {
    case 'gt':
      return actual > value;
    case 'gte':
      return actual >= value;
    case 'lt':
      return actual < value;
    case 'lte':
      return actual <= value;
    case 'eq':
      return actual === value;
  }
}

function fieldRef(
  test: Extract<ValueTest, { type: 'fieldref' }>,
  leaf: JsonValue,
  event: LogEvent,
  reader: FieldReader,
  cased: boolean,
): boolean {
  const text = comparableString(leaf);
  const other = reader(event, test.field);
  if (text === undefined || other === undefined) return false;
  const fold = cased ? (s: string): string => s : foldCase;
  const haystack = fold(text);
  return fieldValues(other).some((value) => {
    const needle = comparableString(value);
    if (needle === undefined) return false;
    const folded = fold(needle);
    if (test.position === 'equals') return haystack === folded;
    if (test.position === 'contains') return haystack.includes(folded);
    if (test.position === 'startswith') return haystack.startsWith(folded);
    return haystack.endsWith(folded);
  });
}
