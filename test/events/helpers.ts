/** Helpers for the event reader tests: temporary files and chunked streams. */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { EventItem } from '../../src/events/read.js';
import { readEvents } from '../../src/events/read.js';
import type { ReadOptions } from '../../src/events/read.js';

/** A temporary folder removed by `cleanup`. */
export function temporaryFolder(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'sigma-harness-events-'));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Writes `content` (gzipped when asked) to `folder/name` and returns the path. */
export function writeInput(
  folder: string,
  name: string,
  content: string,
  gzip = false,
): string {
  const path = join(folder, name);
  writeFileSync(path, gzip ? gzipSync(Buffer.from(content)) : content);
  return path;
}

/** Bytes handed over in chunks of `size`, as a slow pipe would. */
export async function* chunked(
  bytes: Uint8Array,
  size: number,
): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.subarray(at, Math.min(at + size, bytes.length));
  }
}

/** Reads all items of a file (or `-` with `options.stdin`). */
export async function readAll(
  path: string,
  options: ReadOptions = {},
): Promise<EventItem[]> {
  const items: EventItem[] = [];
  for await (const item of readEvents(path, options)) items.push(item);
  return items;
}

/** Reads `text` from a stdin-like stream cut into chunks of `size` bytes. */
export function readText(
  text: string | Uint8Array,
  size = 1 << 16,
): Promise<EventItem[]> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  return readAll('-', { stdin: chunked(bytes, size) });
}

/** A short summary of items: events as JSON, errors as `line:column`. */
export function summary(items: readonly EventItem[]): string[] {
  return items.map((item) =>
    item.kind === 'event'
      ? `event#${item.index}@${item.line} ${JSON.stringify(item.event)}`
      : `error@${item.line}:${item.column}`,
  );
}
