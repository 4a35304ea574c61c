/**
 * Reading fields from events. Field names are exact and case-sensitive.
 * A flat key wins: `a.b` first reads the key `"a.b"`; only when the event
 * has no such key does it walk the nested objects `a` then `b`. When a step
 * of the walk meets an array, every element is walked and the results are
 * collected into one array (so an array matches when any element matches).
 */

import type { JsonValue, LogEvent } from '../events/event.js';
import type { FieldReader } from './types.js';

/** Reads `field` from `event` as described above. */
export const defaultFieldReader: FieldReader = (event, field) => {
  const flat = event[field];
  if (flat !== undefined) return flat;
  if (!field.includes('.')) return undefined;
  return walk(event, field.split('.'), 0);
};

function walk(
  value: JsonValue,
  path: readonly string[],
  step: number,
): JsonValue | undefined {
  if (step === path.length) return value;
  if (Array.isArray(value)) {
    const found: JsonValue[] = [];
    for (const element of value) {
      const inner = walk(element, path, step);
      if (inner !== undefined) found.push(inner);
    }
    return found.length > 0 ? found : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  return walkObject(value, path, step);
}

function walkObject(
  object: LogEvent,
  path: readonly string[],
  step: number,
): JsonValue | undefined {
  for (let end = path.length; end > step; end--) {
    const key = path.slice(step, end).join('.');
    const child = object[key];
    if (child !== undefined) return walk(child, path, end);
  }
  return undefined;
}

/** Flattens nested arrays of a field value into a list of leaf values. */
export function fieldValues(value: JsonValue): JsonValue[] {
  if (!Array.isArray(value)) return [value];
  const leaves: JsonValue[] = [];
  const visit = (v: JsonValue): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else leaves.push(v);
  };
  visit(value);
  return leaves;
}

/** The string form a value is compared by: numbers and booleans stringified. */
export function comparableString(value: JsonValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
