/**
 * NDJSON: one event per line. Lines are cut out of the byte chunks
 * directly (no string for the whole chunk) and decoded one by one; parsing
 * is the next stage (`parseRawEvent`). Blank lines (empty or whitespace
 * only) are skipped; a `\r` before the newline is harmless. Each chunk gives
 * one batch of raw items.
 */

import type { RawItem } from './parse-event.js';
import { readError } from './parse-event.js';

const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;

/** Reading settings and the position shared with the caller. */
export interface LineReaderState {
  readonly file: string;
  readonly maxEventBytes: number;
  /**
   * Where reading is: lines read so far (NDJSON) or the current line (the
   * object scanner). The caller uses it to place stream errors.
   */
  line: number;
}

/** Yields one batch of raw items per chunk of `chunks`, read as NDJSON. */
export async function* ndjsonBatches(
  chunks: AsyncIterable<Buffer>,
  state: LineReaderState,
): AsyncGenerator<RawItem[]> {
  const carry = new Carry();
  for await (const chunk of chunks) {
    const batch: RawItem[] = [];
    let start = 0;
    let newline = chunk.indexOf(NEWLINE);
    if (!carry.isEmpty()) {
      if (newline === -1) {
        carry.add(chunk, 0, chunk.length, state, batch);
        yield batch;
        continue;
      }
      carry.add(chunk, 0, newline, state, batch);
      readLine(carry.take(), 0, -1, state, batch);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    while (newline !== -1) {
      readLine(chunk, start, newline, state, batch);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) carry.add(chunk, start, chunk.length, state, batch);
    yield batch;
  }
  if (!carry.isEmpty()) {
    const batch: RawItem[] = [];
    readLine(carry.take(), 0, -1, state, batch);
    yield batch;
  }
}

/**
 * Reads the line `bytes[start, end)` (`end` -1: to the end of `bytes`).
 * A line over the size limit arrives as an empty buffer with its error
 * already reported; it only advances the line count.
 */
function readLine(
  bytes: Buffer,
  start: number,
  end: number,
  state: LineReaderState,
  batch: RawItem[],
): void {
  const stop = end === -1 ? bytes.length : end;
  state.line += 1;
  if (stop === start || (bytes[start] !== OPEN_BRACE && isBlank(bytes, start, stop)))
    return;
  const at = { file: state.file, line: state.line, column: 1 };
  if (stop - start > state.maxEventBytes) {
    const message = `line longer than ${state.maxEventBytes} bytes skipped`;
    batch.push(readError(at, 'too-large', message));
    return;
  }
  const text = bytes.toString('utf8', start, stop);
  batch.push({ kind: 'raw', text, file: state.file, line: state.line, column: 1 });
}

/** True when `bytes[start, stop)` is only spaces, tabs and carriage returns. */
export function isBlank(bytes: Uint8Array, start: number, stop: number): boolean {
  for (let at = start; at < stop; at++) {
    const byte = bytes[at];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

/** The start of a line whose end is in a later chunk. */
class Carry {
  private parts: Buffer[] = [];
  private bytes = 0;
  private tooLarge = false;

  isEmpty(): boolean {
    return this.parts.length === 0 && !this.tooLarge;
  }

  add(
    chunk: Buffer,
    start: number,
    end: number,
    state: LineReaderState,
    batch: RawItem[],
  ): void {
    if (this.tooLarge) return;
    this.bytes += end - start;
    if (this.bytes <= state.maxEventBytes) {
      this.parts.push(chunk.subarray(start, end));
      return;
    }
    const at = { file: state.file, line: state.line + 1, column: 1 };
    const message = `line longer than ${state.maxEventBytes} bytes skipped`;
    batch.push(readError(at, 'too-large', message));
    this.parts = [];
    this.tooLarge = true;
  }

  take(): Buffer {
    const whole = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    this.parts = [];
    this.bytes = 0;
    this.tooLarge = false;
    return whole ?? Buffer.alloc(0);
  }
}
