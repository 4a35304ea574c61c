/**
 * Writes events as NDJSON (one JSON object per line), plain or gzip, with
 * back-pressure so millions of events stream in constant memory.
 */

import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { LogEvent } from '../events/event.js';

/** What was written. */
export interface NdjsonWriteResult {
  readonly path: string;
  readonly events: number;
  /** Uncompressed bytes of NDJSON text. */
  readonly bytes: number;
}

/** Lines of NDJSON text in batches of about 1,000 events. */
function* ndjsonChunks(
  events: Iterable<LogEvent>,
  tally: { events: number; bytes: number },
) {
  let batch = '';
  for (const event of events) {
    batch += `${JSON.stringify(event)}\n`;
    tally.events++;
    if (tally.events % 1000 === 0) {
      tally.bytes += Buffer.byteLength(batch);
      yield batch;
      batch = '';
    }
  }
  tally.bytes += Buffer.byteLength(batch);
  if (batch !== '') yield batch;
}

/** Writes `events` to `path`; with `gzip`, the file is gzip-compressed. */
export async function writeNdjson(
  path: string,
  events: Iterable<LogEvent>,
  options: { readonly gzip?: boolean } = {},
): Promise<NdjsonWriteResult> {
  const tally = { events: 0, bytes: 0 };
  const source = Readable.from(ndjsonChunks(events, tally));
  const sink = createWriteStream(path);
  if (options.gzip === true) await pipeline(source, createGzip(), sink);
  else await pipeline(source, sink);
  return { path, ...tally };
}
