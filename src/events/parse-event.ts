/**
 * Turning one piece of input text (an NDJSON line, or one object found by
 * the object scanner) into an event record or a located read error.
 */

import type { EventReadError, EventRecord, JsonValue, LogEvent } from './event.js';
import { lineColumnAt, locateJsonError } from './json-error.js';
import { flattenWindowsEvent, isWindowsXmlEvent } from './windows.js';

/** An event or a read error, as the readers yield them. */
export type EventItem = EventRecord | EventReadError;

/** Where a piece of text starts in its file (line and column from 1). */
export interface TextStart {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The text of one event (an NDJSON line or one scanned object) before it
 * is parsed, with where it starts. Consumers that filter on raw text can
 * parse only the events they need with `parseRawEvent`.
 */
export interface RawEvent extends TextStart {
  readonly kind: 'raw';
  readonly text: string;
}

/** A raw event or a read error, as the raw readers yield them. */
export type RawItem = RawEvent | EventReadError;

/** Parses a raw event; `index` is its position among the file's events. */
export function parseRawEvent(
  raw: RawEvent,
  index: number,
  flattenWindows: boolean,
): EventItem {
  return parseEvent(raw.text, raw, index, flattenWindows);
}

/**
 * Parses `text` as one event. `index` is the event's position in its file.
 * A syntax error is located by line and column in the file; a value that is
 * not a JSON object is an error too. Windows XML-layout events are
 * flattened when `flattenWindows` is true.
 */
export function parseEvent(
  text: string,
  start: TextStart,
  index: number,
  flattenWindows: boolean,
): EventItem {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (error) {
    return syntaxError(text, start, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return readError(start, 'syntax', 'expected a JSON object');
  }
  if (mayNestDeeper(text, MAX_EVENT_DEPTH) && depthOf(value) > MAX_EVENT_DEPTH) {
    const message = `the event nests objects and arrays deeper than ${MAX_EVENT_DEPTH} levels`;
    return readError(start, 'too-deep', message);
  }
  const event: LogEvent =
    flattenWindows && isWindowsXmlEvent(value) ? flattenWindowsEvent(value) : value;
  return { kind: 'event', event, file: start.file, index, line: start.line };
}

/**
 * Deepest nesting of objects and arrays an event may have (the event object
 * itself is level 1). Every part of the engine that walks an event may
 * recurse once per level, so a deeper event is a read error instead of a
 * stack overflow whose point would depend on the thread's stack size.
 */
export const MAX_EVENT_DEPTH = 128;

/**
 * False when `text` holds at most `limit` opening brackets, so that no JSON
 * value in it nests deeper: a cheap native search that spares nearly every
 * event the walk of `depthOf`.
 */
function mayNestDeeper(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      count += 1;
      if (count > limit) return true;
    }
  }
  return false;
}

/** The nesting depth of a JSON value (a scalar is 0), without recursion. */
function depthOf(value: JsonValue): number {
  let deepest = 0;
  const stack: [JsonValue, number][] = [[value, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, depth] = top;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Builds a read error at a location. */
export function readError(
  at: TextStart,
  reason: EventReadError['reason'],
  message: string,
): EventReadError {
  return {
    kind: 'error',
    file: at.file,
    line: at.line,
    column: at.column,
    message,
    reason,
  };
}

function syntaxError(text: string, start: TextStart, error: unknown): EventReadError {
  const found = locateJsonError(text);
  if (found === undefined) {
    const message = error instanceof Error ? error.message : String(error);
    return readError(start, 'syntax', message);
  }
  const inText = lineColumnAt(text, found.offset);
  const line = start.line + inText.line - 1;
  const column = inText.line === 1 ? start.column + inText.column - 1 : inText.column;
  return readError({ file: start.file, line, column }, 'syntax', found.message);
}
