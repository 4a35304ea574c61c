/**
 * A small incremental scanner for JSON arrays of objects and for objects
 * written one after another (pretty-printed or not). It finds where each
 * top-level object starts and ends by tracking strings, escapes and bracket
 * depth byte by byte, so only one object at a time is held in memory; each
 * object's text is then handed on for parsing (`parseRawEvent`).
 *
 * Between objects, whitespace, commas and the brackets of enclosing arrays
 * are skipped, so an array, several arrays and a plain run of objects all
 * read the same way. Anything else between objects is one error per run of
 * such text. A raw newline inside a string means the object is broken
 * (JSON strings cannot hold one): the error is reported there and scanning
 * picks up again at the next line whose first non-blank character is `{`.
 *
 * Limitation: columns found by the scanner count bytes, so on a line with
 * non-ASCII text before the position they can be larger than the
 * character column.
 */

import type { RawItem } from './parse-event.js';
import { readError } from './parse-event.js';
import type { LineReaderState } from './ndjson.js';

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What the scanner is looking at. */
const enum Mode {
  /** Between objects. */
  Between,
  /** Inside text that is not an object; one error was reported for it. */
  Garbage,
  /** Inside an object. */
  Object,
  /** After a broken object: waiting for a line that starts with `{`. */
  Resync,
}

/** Yields one batch of raw items per chunk of `chunks`, scanned for objects. */
export async function* scannedBatches(
  chunks: AsyncIterable<Buffer>,
  state: LineReaderState,
): AsyncGenerator<RawItem[]> {
  const scanner = new ObjectScanner(state);
  for await (const chunk of chunks) {
    const batch: RawItem[] = [];
    scanner.scan(chunk, batch);
    yield batch;
  }
  const last: RawItem[] = [];
  scanner.finish(last);
  if (last.length > 0) yield last;
}

class ObjectScanner {
  private mode = Mode.Between;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Byte offset (in the whole input) where the current line starts. */
  private lineStart = 0;
  /** Byte offset of the current chunk's first byte. */
  private chunkOffset = 0;
  private lineHasText = false;
  private parts: Buffer[] = [];
  private objectBytes = 0;
  private objectLine = 0;
  private objectColumn = 0;

  constructor(private readonly state: LineReaderState) {
    state.line = 1;
  }

  scan(chunk: Buffer, batch: RawItem[]): void {
    let objectStart = this.mode === Mode.Object ? 0 : -1;
    for (let at = 0; at < chunk.length; at++) {
      const byte = chunk[at] ?? 0;
      if (this.mode === Mode.Object) {
        if (!this.inObject(byte, chunk, at, objectStart, batch)) objectStart = -1;
      } else if (this.outside(byte, at, batch)) {
        objectStart = at;
      }
      if (byte === NEWLINE) this.newLine(at);
    }
    if (objectStart !== -1) this.keep(chunk, objectStart, chunk.length, batch);
    this.chunkOffset += chunk.length;
  }

  finish(batch: RawItem[]): void {
    if (this.mode !== Mode.Object) return;
    const at = this.objectAt();
    batch.push(readError(at, 'syntax', 'unexpected end of input inside this object'));
  }

  /** Handles a byte outside objects; true when it starts an object. */
  private outside(byte: number, at: number, batch: RawItem[]): boolean {
    if (byte === 0x7b && (this.mode !== Mode.Resync || !this.lineHasText)) {
      this.startObject(at);
      return true;
    }
    if (isSeparator(byte)) return false;
    this.lineHasText = true;
    if (this.mode === Mode.Between) {
      batch.push(readError(this.position(at), 'syntax', 'expected a JSON object'));
      this.mode = Mode.Garbage;
    }
    return false;
  }

  /** Handles a byte inside an object; false when the object ended here. */
  private inObject(
    byte: number,
    chunk: Buffer,
    at: number,
    objectStart: number,
    batch: RawItem[],
  ): boolean {
    if (this.inString) return this.stringByte(byte, at, batch);
    if (byte === QUOTE) this.inString = true;
    else if (byte === 0x7b || byte === 0x5b) this.depth += 1;
    else if (byte === 0x7d || byte === 0x5d) {
      this.depth -= 1;
      if (this.depth === 0) {
        this.keep(chunk, Math.max(objectStart, 0), at + 1, batch);
        this.endObject(batch);
        return false;
      }
    }
    return true;
  }

  private stringByte(byte: number, at: number, batch: RawItem[]): boolean {
    if (this.escaped) this.escaped = false;
    else if (byte === BACKSLASH) this.escaped = true;
    else if (byte === QUOTE) this.inString = false;
    else if (byte === NEWLINE) {
      const message = 'raw newline inside a string: the object is broken';
      batch.push(readError(this.position(at), 'syntax', message));
      this.dropObject();
      this.mode = Mode.Resync;
      return false;
    }
    return true;
  }

  private startObject(at: number): void {
    this.mode = Mode.Object;
    this.depth = 1;
    this.inString = false;
    this.escaped = false;
    this.parts = [];
    this.objectBytes = 0;
    const where = this.position(at);
    this.objectLine = where.line;
    this.objectColumn = where.column;
  }

  /** Stores part of the current object, unless it is over the size limit. */
  private keep(chunk: Buffer, start: number, end: number, batch: RawItem[]): void {
    const wasTooLarge = this.objectBytes > this.state.maxEventBytes;
    this.objectBytes += end - start;
    if (this.objectBytes <= this.state.maxEventBytes) {
      this.parts.push(chunk.subarray(start, end));
    } else if (!wasTooLarge) {
      const message = `event larger than ${this.state.maxEventBytes} bytes skipped`;
      batch.push(readError(this.objectAt(), 'too-large', message));
      this.parts = [];
    }
  }

  private endObject(batch: RawItem[]): void {
    this.mode = Mode.Between;
    if (this.objectBytes > this.state.maxEventBytes) return;
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    this.parts = [];
    const text = bytes === undefined ? '' : bytes.toString('utf8');
    batch.push({ kind: 'raw', text, ...this.objectAt() });
  }

  private dropObject(): void {
    this.parts = [];
    this.objectBytes = 0;
    this.inString = false;
    this.escaped = false;
  }

  private newLine(at: number): void {
    this.state.line += 1;
    this.lineStart = this.chunkOffset + at + 1;
    this.lineHasText = false;
  }

  private position(at: number): { file: string; line: number; column: number } {
    const column = this.chunkOffset + at - this.lineStart + 1;
    return { file: this.state.file, line: this.state.line, column };
  }

  private objectAt(): { file: string; line: number; column: number } {
    return { file: this.state.file, line: this.objectLine, column: this.objectColumn };
  }
}

function isSeparator(byte: number): boolean {
  return (
    byte === 0x20 ||
    byte === 0x0a ||
    byte === 0x0d ||
    byte === 0x09 ||
    byte === 0x2c ||
    byte === 0x5b ||
    byte === 0x5d
  );
}
