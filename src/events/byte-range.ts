/**
 * Reading a plain NDJSON file in byte ranges, so that several threads can
 * share one big file and together read every line exactly once.
 *
 * A range `[start, end)` owns the lines that start inside it: a range whose
 * start is mid-line skips to the next line start (the line belongs to the
 * range before), and the line that crosses `end` is read to its newline.
 * Event indices and line numbers are local to the range (from 0 and 1);
 * offset by the events and lines of the ranges before, they are those of
 * reading the file whole.
 *
 * Only files that `readEvents` reads line by line and whose start leaves
 * no doubt are split (`splitRanges`): a regular file, not gzip (told by its
 * magic bytes), whose first non-blank line (within the first MiB) parses
 * as one JSON object. Such a file is read as NDJSON whatever follows, so
 * each line gives the same item whichever range reads it. A JSON array, a
 * pretty-printed object, a gzip file, a pipe and anything doubtful are
 * read whole.
 */

import { open, stat } from 'node:fs/promises';
import type { EventItem, RawItem } from './parse-event.js';
import { readError } from './parse-event.js';
import type { LineReaderState } from './ndjson.js';
import { ndjsonBatches } from './ndjson.js';
import { DEFAULT_MAX_EVENT_BYTES, parseRawBatches } from './read.js';
import type { ReadOptions } from './read.js';

/** Bytes `[start, end)` of a file; the lines starting there are its own. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** The items of a range in batches, and the number of lines read so far. */
export interface RangeReader {
  readonly batches: AsyncGenerator<EventItem[]>;
  /** Lines of the range read so far (all of them once `batches` is done). */
  readonly lines: () => number;
}

/** How much of the file start is looked at to decide whether to split. */
const HEAD_BYTES = 1 << 20;

/** How many bytes a range read hands over at once, at most. */
const CHUNK_BYTES = 1 << 20;

/** The least read: past `end`, the step of the search for the line's end. */
const TAIL_BYTES = 1 << 16;

const NEWLINE = 0x0a;

/**
 * Cuts `path` into ranges of about equal size, at most about `splitBytes`
 * each, when it is larger than `splitBytes` and can be split (see the
 * module comment); otherwise returns undefined (read the file whole).
 */
export async function splitRanges(
  path: string,
  splitBytes: number,
): Promise<ByteRange[] | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size <= splitBytes) return undefined;
    if (!(await startsWithObjectLine(path, Math.min(info.size, HEAD_BYTES)))) {
      return undefined;
    }
    const count = Math.ceil(info.size / splitBytes);
    const cut = (i: number): number => Math.floor((info.size * i) / count);
    return Array.from({ length: count }, (_, i) => ({ start: cut(i), end: cut(i + 1) }));
  } catch {
    return undefined; // read whole: the reader reports what is wrong
  }
}

/** True when the file is not gzip and its first non-blank line is a JSON object. */
async function startsWithObjectLine(path: string, bytes: number): Promise<boolean> {
  const head = Buffer.alloc(bytes);
  const handle = await open(path, 'r');
  let read: number;
  try {
    ({ bytesRead: read } = await handle.read(head, 0, bytes, 0));
  } finally {
    await handle.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return false;
  const text = withoutByteOrderMark(head.subarray(0, read)).toString('utf8');
  const first = /\S/.exec(text);
  if (first === null || first[0] !== '{') return false;
  const newline = text.indexOf('\n', first.index);
  if (newline === -1) return false;
  try {
    const value = JSON.parse(text.slice(first.index, newline)) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Reads the events of `range` of `path` as NDJSON (Windows events
 * flattened unless `flattenWindows` is false). Never throws for bad input:
 * a read failure ends the range with an `unreadable` error.
 */
export function readRangeBatches(
  path: string,
  range: ByteRange,
  options: ReadOptions = {},
): RangeReader {
  const state: LineReaderState = {
    file: path,
    maxEventBytes: options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
    line: 0,
  };
  const raws = rawBatches(path, range, state);
  const batches = parseRawBatches(raws, options.flattenWindows ?? true);
  return { batches, lines: () => state.line };
}

async function* rawBatches(
  path: string,
  range: ByteRange,
  state: LineReaderState,
): AsyncGenerator<RawItem[]> {
  try {
    yield* ndjsonBatches(rangeBytes(path, range), state);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = { file: path, line: Math.max(state.line, 1), column: 1 };
    yield [readError(at, 'unreadable', message)];
  }
}

/**
 * The bytes of the lines `range` owns: from the first line start at or
 * after `start` (a UTF-8 byte order mark at the file start dropped, as the
 * whole-file reader does) through the newline of the line holding byte
 * `end - 1`, or to the end of the file. Reads stop at `end`, then go on in
 * small steps to the end of the line crossing it.
 */
async function* rangeBytes(path: string, range: ByteRange): AsyncGenerator<Buffer> {
  if (range.end <= range.start) return;
  const last = range.end - 1;
  const handle = await open(path, 'r');
  try {
    let position = range.start === 0 ? 0 : range.start - 1;
    let owning = range.start === 0;
    for (;;) {
      const want = Math.min(CHUNK_BYTES, Math.max(last + 1 - position, TAIL_BYTES));
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, position);
      if (bytesRead === 0) return;
      const read = buffer.subarray(0, bytesRead);
      let chunk = position === 0 ? withoutByteOrderMark(read) : read;
      const at = position + bytesRead - chunk.length;
      position += bytesRead;
      let begin = 0;
      if (!owning) {
        const newline = chunk.indexOf(NEWLINE);
        if (newline === -1) continue;
        begin = newline + 1;
        if (at + begin > last) return;
        owning = true;
      }
      const stop = chunk.indexOf(NEWLINE, Math.max(begin, last - at));
      chunk = chunk.subarray(begin, stop === -1 ? chunk.length : stop + 1);
      if (chunk.length > 0) yield chunk;
      if (stop !== -1) return;
    }
  } finally {
    await handle.close();
  }
}

function withoutByteOrderMark(chunk: Buffer): Buffer {
  const marked = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
  return marked ? chunk.subarray(3) : chunk;
}
