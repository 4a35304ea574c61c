/**
 * The bytes of an event input: a file, or standard input for `-`, gunzipped
 * when its first two bytes are the gzip magic number (whatever its name).
 * Bytes arrive in chunks; nothing holds a whole file in memory.
 */

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** How many bytes a file read or a gunzip step hands over at once. */
const CHUNK_BYTES = 1 << 20;

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** Where bytes come from: a path, or `-` with the stream standing for stdin. */
export interface ByteInput {
  readonly path: string;
  /** Read for `-`; defaults to `process.stdin`. */
  readonly stdin?: AsyncIterable<Uint8Array>;
}

/**
 * Yields the decoded (gunzipped when needed) bytes of `input`. Errors of the
 * file system or of gzip decoding are thrown from the iteration.
 */
export async function* inputBytes(input: ByteInput): AsyncGenerator<Buffer> {
  if (input.path === '-') yield* streamBytes(input.stdin ?? process.stdin);
  else if ((await stat(input.path)).isFile()) yield* fileBytes(input.path);
  else yield* streamBytes(openStream(input.path));
}

/** A pipe or device (`/dev/stdin`, `<(zcat f)`): its start cannot be re-read. */
function openStream(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: CHUNK_BYTES });
}

/** Bytes of a stream, gunzipped when its first two bytes say so. */
async function* streamBytes(stream: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const iterator = stream[Symbol.asyncIterator]();
  const head = await readHead(iterator);
  if (head.length === 0) return;
  const all = withHead(head, iterator);
  if (isGzip(head)) yield* gunzip(all);
  else yield* all;
}

/** A regular file's bytes: its magic number is read first, then the file streamed. */
async function* fileBytes(path: string): AsyncGenerator<Buffer> {
  const head = Buffer.alloc(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (!isGzip(head)) {
    yield* file as AsyncIterable<Buffer>;
    return;
  }
  const inflater = createGunzip({ chunkSize: CHUNK_BYTES });
  file.on('error', (error) => inflater.destroy(error));
  try {
    for await (const chunk of file.pipe(inflater)) yield chunk as Buffer;
  } finally {
    file.destroy();
  }
}

function isGzip(head: Buffer): boolean {
  return head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
}

/** Reads until at least two bytes are known (or the input ends). */
async function readHead(iterator: AsyncIterator<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < 2) {
    const step = await iterator.next();
    if (step.done === true) break;
    const chunk = toBuffer(step.value);
    parts.push(chunk);
    length += chunk.length;
  }
  return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
}

async function* withHead(
  head: Buffer,
  iterator: AsyncIterator<Uint8Array>,
): AsyncGenerator<Buffer> {
  try {
    yield head;
    for (;;) {
      const step = await iterator.next();
      if (step.done === true) return;
      yield toBuffer(step.value);
    }
  } finally {
    await iterator.return?.();
  }
}

async function* gunzip(compressed: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const inflater = createGunzip({ chunkSize: CHUNK_BYTES });
  const source = Readable.from(compressed);
  source.on('error', (error) => inflater.destroy(error));
  source.pipe(inflater);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } finally {
    source.destroy();
  }
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk)
    ? chunk
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
}
