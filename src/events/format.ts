/**
 * Telling the event formats apart from the first bytes of the (already
 * gunzipped) input, without reading more than the first line:
 *
 * - first non-blank character `[`: a JSON array of objects (`objects`);
 * - `{` on a first line that ends with `}`: one object per line (`lines`,
 *   which also covers a file holding a single one-line object);
 * - `{` on a first line that does not end with `}`: pretty-printed objects,
 *   one or several one after another (`objects`);
 * - anything else: `lines`, so every bad line is reported on its own.
 *
 * A UTF-8 byte order mark at the start is dropped.
 */

/** How the input is cut into events. */
export type EventFormat = 'lines' | 'objects';

/** The format and the chunks to read, starting with those looked at. */
export interface DetectedFormat {
  readonly format: EventFormat;
  readonly chunks: AsyncIterable<Buffer>;
}

/** At most this many bytes are buffered to find the end of the first line. */
const LOOKAHEAD_BYTES = 1 << 20;

/** Looks at the start of `chunks` and returns the format and all chunks. */
export async function detectFormat(
  chunks: AsyncIterable<Buffer>,
): Promise<DetectedFormat> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let seenBytes = 0;
  for (;;) {
    const format = formatOf(seen, seenBytes);
    if (format !== undefined) return { format, chunks: replay(seen, iterator) };
    const step = await iterator.next();
    if (step.done === true) {
      const last = formatOf(seen, seenBytes, true) ?? 'lines';
      return { format: last, chunks: replay(seen, iterator) };
    }
    const chunk = seen.length === 0 ? withoutByteOrderMark(step.value) : step.value;
    seen.push(chunk);
    seenBytes += chunk.length;
  }
}

/** The format when the bytes seen are enough to tell, else undefined. */
function formatOf(
  seen: Buffer[],
  seenBytes: number,
  ended = false,
): EventFormat | undefined {
  if (seen.length === 0) return undefined;
  const text = Buffer.concat(seen).toString('utf8');
  const first = /\S/.exec(text);
  if (first === null) return ended ? 'lines' : undefined;
  if (first[0] === '[') return 'objects';
  if (first[0] !== '{') return 'lines';
  const newline = text.indexOf('\n', first.index);
  if (newline === -1 && !ended && seenBytes < LOOKAHEAD_BYTES) return undefined;
  const firstLine = text.slice(first.index, newline === -1 ? undefined : newline);
  return firstLine.trimEnd().endsWith('}') || newline === -1 ? 'lines' : 'objects';
}

function withoutByteOrderMark(chunk: Buffer): Buffer {
  const marked = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
  return marked ? chunk.subarray(3) : chunk;
}

async function* replay(
  seen: readonly Buffer[],
  iterator: AsyncIterator<Buffer>,
): AsyncGenerator<Buffer> {
  try {
    yield* seen;
    for (;;) {
      const step = await iterator.next();
      if (step.done === true) return;
      yield step.value;
    }
  } finally {
    await iterator.return?.();
  }
}
