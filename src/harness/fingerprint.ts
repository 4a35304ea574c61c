/**
 * Stable event fingerprints for baselines: a hash of the event's canonical
 * JSON (object keys sorted, no whitespace), so the same event gives the same
 * fingerprint whatever its key order or file layout.
 */

import { createHash } from 'node:crypto';
import type { JsonValue } from '../events/event.js';

/** The first 16 hex digits of the SHA-256 of the event's canonical JSON. */
export function eventFingerprint(event: JsonValue): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex').slice(0, 16);
}

/** JSON text with object keys sorted by code unit, at every depth. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  const entries = keys.map(
    (key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`,
  );
  return `{${entries.join(',')}}`;
}
