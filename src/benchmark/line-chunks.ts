/**
 * Reads a plain (not compressed) file as chunks of whole lines into one
 * reused buffer: no allocation per chunk and no string per line, for the
 * raw-line fast path of the end-to-end benchmark. A line longer than the
 * buffer grows it.
 */

import { closeSync, openSync, readSync } from 'node:fs';

/** Initial size of the buffer. */
const CHUNK_BYTES = 4 << 20;

/**
 * Calls `visit(bytes, end)` for each chunk: `bytes[0, end)` holds whole
 * lines (the last one may lack its newline at the end of the file). The
 * buffer is reused, so `visit` must copy what it keeps.
 */
export function forEachLineChunk(
  path: string,
  visit: (bytes: Buffer, end: number) => void,
): void {
  const fd = openSync(path, 'r');
  try {
    let bytes: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    for (;;) {
      if (filled === bytes.length) bytes = grow(bytes);
      const read = readSync(fd, bytes, filled, bytes.length - filled, null);
      filled += read;
      if (read === 0) {
        if (filled > 0) visit(bytes, filled);
        return;
      }
      const end = bytes.lastIndexOf(0x0a, filled - 1) + 1;
      if (end === 0) continue;
      visit(bytes, end);
      bytes.copy(bytes, 0, end, filled);
      filled -= end;
    }
  } finally {
    closeSync(fd);
  }
}

function grow(bytes: Buffer): Buffer {
  const larger = Buffer.allocUnsafe(bytes.length * 2);
  bytes.copy(larger);
  return larger;
}
