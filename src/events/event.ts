/**
 * The event model: a log event is a JSON object. Field names are exact and
 * case-sensitive; nested objects are reached by dotted paths (see
 * `engine/fields.ts`).
 */

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A log event as read from a file. */
export type LogEvent = JsonObject;

/** An event together with where it was read from. */
export interface EventRecord {
  readonly kind: 'event';
  readonly event: LogEvent;
  /** The file it came from, or `-` for standard input. */
  readonly file: string;
  /** Position of the event in its file, counting from 0. */
  readonly index: number;
  /** Line where the event starts, counting from 1. */
  readonly line: number;
}

/**
 * Why a piece of input gave no event: `syntax` (not JSON, or not an
 * object), `too-large` (over the reader's size limit), `too-deep` (nested
 * deeper than `MAX_EVENT_DEPTH`), `gzip` (corrupt compressed data; the rest
 * of the file is lost) or `unreadable` (the file could not be opened or
 * read).
 */
export type EventReadErrorReason =
  'syntax' | 'too-large' | 'too-deep' | 'gzip' | 'unreadable';

/** A piece of input that did not parse as an event; reading goes on after it. */
export interface EventReadError {
  readonly kind: 'error';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** Absent only for errors built outside the readers of this folder. */
  readonly reason?: EventReadErrorReason;
}
