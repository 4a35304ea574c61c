/**
 * Reading events from files, folders and standard input.
 *
 * Formats are detected from the content (see `format.ts`): a single JSON
 * object, a JSON array of objects, NDJSON, or several objects one after
 * another; each plain or gzip-compressed (told by the gzip magic bytes, not
 * by the file name). Input is streamed: only the current chunk and the
 * current event are in memory. A line or object that does not parse gives
 * an `EventReadError` with file, line and column, and reading goes on.
 * Windows events in the `Event.System` layout are flattened (see
 * `windows.ts`) unless `flattenWindows` is false.
 *
 * An event's `index` counts the file's events only (from 0, in order);
 * errors take no index. Its `line` is where the event's text starts.
 */

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inputBytes } from './byte-source.js';
import type { EventReadError } from './event.js';
import { detectFormat } from './format.js';
import type { LineReaderState } from './ndjson.js';
import { ndjsonBatches } from './ndjson.js';
import { scannedBatches } from './object-scanner.js';
import type { EventItem, RawItem } from './parse-event.js';
import { parseRawEvent, readError } from './parse-event.js';

export type { EventItem, RawEvent, RawItem } from './parse-event.js';
export { parseRawEvent } from './parse-event.js';

/** Options of the event readers. */
export interface ReadOptions {
  /** Flatten Windows `Event.System` layout events; default true. */
  readonly flattenWindows?: boolean;
  /**
   * Largest line or object read as an event, in bytes; a larger one is
   * skipped with a `too-large` error. Default 256 MiB.
   */
  readonly maxEventBytes?: number;
  /** The stream read for the path `-`; default `process.stdin`. */
  readonly stdin?: AsyncIterable<Uint8Array>;
}

/** Default for `ReadOptions.maxEventBytes`. */
export const DEFAULT_MAX_EVENT_BYTES = 256 * 1024 * 1024;

/** File names `readEventFiles` picks up inside folders. */
const EVENT_FILE = /\.(?:json|ndjson|jsonl)(?:\.gz)?$/i;

/**
 * Reads the events of one file (`-` for standard input), in file order.
 * Never throws for bad input: an unreadable file or corrupt gzip data ends
 * the file with an `EventReadError`.
 */
export function readEvents(
  path: string,
  options: ReadOptions = {},
): AsyncIterable<EventItem> {
  return { [Symbol.asyncIterator]: () => itemsOf(readEventBatches(path, options)) };
}

/**
 * Iterates the items of batches one by one. Cheaper per item than an async
 * generator: an item already read costs one resolved promise.
 */
function itemsOf<T>(batches: AsyncGenerator<T[]>): AsyncIterator<T, undefined> {
  let batch: T[] = [];
  let at = 0;
  return {
    async next(): Promise<IteratorResult<T, undefined>> {
      while (at >= batch.length) {
        const step = await batches.next();
        if (step.done === true) return { done: true, value: undefined };
        batch = step.value;
        at = 0;
      }
      const value = batch[at] as T;
      at += 1;
      return { done: false, value };
    },
    async return(): Promise<IteratorResult<T, undefined>> {
      await batches.return(undefined);
      return { done: true, value: undefined };
    },
  };
}

/**
 * Like `readEvents`, but hands over the items in batches (one per chunk of
 * input, in order), which saves a promise per event for fast consumers.
 */
export async function* readEventBatches(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<EventItem[]> {
  yield* parseRawBatches(readRawBatches(path, options), options.flattenWindows ?? true);
}

/**
 * Parses batches of raw items into batches of events and read errors,
 * numbering the events from 0 in order.
 */
export async function* parseRawBatches(
  raws: AsyncIterable<readonly RawItem[]>,
  flattenWindows: boolean,
): AsyncGenerator<EventItem[]> {
  let index = 0;
  for await (const batch of raws) {
    const items: EventItem[] = new Array<EventItem>(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const raw = batch[i] as RawItem;
      const item = raw.kind === 'raw' ? parseRawEvent(raw, index, flattenWindows) : raw;
      if (item.kind === 'event') index += 1;
      items[i] = item;
    }
    yield items;
  }
}

/**
 * The raw reader under `readEventBatches`: the text of each event with its
 * position, not yet parsed, and the read errors found while cutting the
 * input into events. For consumers that look at raw text first (a raw-line
 * prefilter) and parse only what they need with `parseRawEvent`; the event
 * index is then theirs to count (events only, in order, from 0).
 */
export async function* readRawBatches(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<RawItem[]> {
  const state: LineReaderState = {
    file: path,
    maxEventBytes: options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
    line: 0,
  };
  try {
    const input = options.stdin === undefined ? { path } : { path, stdin: options.stdin };
    const detected = await detectFormat(inputBytes(input));
    const read = detected.format === 'lines' ? ndjsonBatches : scannedBatches;
    yield* read(detected.chunks, state);
  } catch (error) {
    yield [streamError(error, state)];
  }
}

/**
 * Reads every path in turn: files as they are (whatever their name), `-` as
 * standard input, folders walked recursively in sorted order picking files
 * ending `.json`, `.ndjson`, `.jsonl` or one of those plus `.gz`. A path
 * that cannot be read gives an `unreadable` error and the walk goes on.
 */
export function readEventFiles(
  paths: Iterable<string>,
  options: ReadOptions = {},
): AsyncIterable<EventItem> {
  return { [Symbol.asyncIterator]: () => itemsOf(readEventFileBatches(paths, options)) };
}

/** Like `readEventFiles`, in batches (never mixing two files in one batch). */
export async function* readEventFileBatches(
  paths: Iterable<string>,
  options: ReadOptions = {},
): AsyncGenerator<EventItem[]> {
  for (const path of paths) {
    for await (const file of eventFilesOf(path)) {
      if (typeof file === 'string') yield* readEventBatches(file, options);
      else yield [file];
    }
  }
}

/** The event files under `path` (itself when it is a file), or an error. */
export async function* eventFilesOf(path: string): AsyncGenerator<string | EventItem> {
  if (path === '-') {
    yield path;
    return;
  }
  try {
    if (!(await stat(path)).isDirectory()) {
      yield path;
      return;
    }
    const entries = await readdir(path, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) yield* eventFilesOf(child);
      else if (EVENT_FILE.test(entry.name)) yield child;
    }
  } catch (error) {
    yield streamError(error, { file: path, line: 0 });
  }
}

function streamError(error: unknown, at: { file: string; line: number }): EventReadError {
  const code = (error as { code?: unknown } | null)?.code;
  const isGzip = typeof code === 'string' && code.startsWith('Z_');
  const message = error instanceof Error ? error.message : String(error);
  const where = { file: at.file, line: Math.max(at.line, 1), column: 1 };
  return readError(
    where,
    isGzip ? 'gzip' : 'unreadable',
    `${isGzip ? 'gzip: ' : ''}${message}`,
  );
}
