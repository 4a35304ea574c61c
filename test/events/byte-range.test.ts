/**
 * Reading NDJSON by byte range (`src/events/byte-range.ts`): the ranges of
 * any cut, their indices and lines offset by the ranges before, give the
 * items of reading the file whole; `splitRanges` splits only files whose
 * start leaves no doubt that they are read line by line.
 */

import { afterAll, describe, expect, it } from 'vitest';
import type { ByteRange } from '../../src/events/byte-range.js';
import { readRangeBatches, splitRanges } from '../../src/events/byte-range.js';
import type { EventItem } from '../../src/events/read.js';
import { readAll, temporaryFolder, writeInput } from './helpers.js';

const folder = temporaryFolder();
afterAll(folder.cleanup);

const NDJSON =
  '{"a":1}\n\n   \n{"a":2,,"b":3}\n{"b":"xé"}\r\n[1]\n' +
  `{"big":"${'y'.repeat(90)}"}\n\r\n{"c":"\\u00e9"}\n{"d":4}`;

/** The items of `ranges` read one after another, placed as in the whole file. */
async function readRanges(
  path: string,
  ranges: readonly ByteRange[],
): Promise<unknown[]> {
  const items: unknown[] = [];
  let events = 0;
  let lines = 0;
  for (const range of ranges) {
    const reader = readRangeBatches(path, range, { maxEventBytes: 64 });
    let local = 0;
    for await (const batch of reader.batches) {
      for (const item of batch) {
        if (item.kind === 'event') local += 1;
        items.push(placed(item, events, lines));
      }
    }
    events += local;
    lines += reader.lines();
  }
  return items;
}

function placed(item: EventItem, events: number, lines: number): unknown {
  const line = item.line + lines;
  return item.kind === 'event'
    ? { ...item, line, index: item.index + events }
    : { ...item, line };
}

/** `size` cut into ranges of `step` bytes (the last one shorter). */
function cuts(size: number, step: number): ByteRange[] {
  const ranges: ByteRange[] = [];
  for (let start = 0; start < size; start += step) {
    ranges.push({ start, end: Math.min(start + step, size) });
  }
  return ranges;
}

describe('readRangeBatches', () => {
  const cases = [
    ['plain', NDJSON],
    ['byte order mark', `\ufeff${NDJSON}`],
    ['final newline', `${NDJSON}\n`],
    ['leading blank lines', `\n\n  \n${NDJSON}`],
  ] as const;

  it.each(cases)('reads every line once, whatever the cut (%s)', async (name, text) => {
    const path = writeInput(folder.path, `${name.replaceAll(' ', '-')}.ndjson`, text);
    const whole = await readAll(path, { maxEventBytes: 64 });
    const size = Buffer.byteLength(text);
    for (let step = 1; step <= size; step++) {
      expect(await readRanges(path, cuts(size, step))).toEqual(whole);
    }
  });

  it('gives each line to the range its start is in', async () => {
    const path = writeInput(folder.path, 'lines.ndjson', '{"a":1}\n\n{"a":2}\n{"a":3}');
    const found: [number, number[]][] = [];
    for (const range of [
      { start: 0, end: 9 },
      { start: 9, end: 12 },
      { start: 12, end: 14 },
      { start: 14, end: 24 },
    ]) {
      const reader = readRangeBatches(path, range);
      const lines: number[] = [];
      for await (const batch of reader.batches) lines.push(...batch.map((i) => i.line));
      found.push([reader.lines(), lines]);
    }
    expect(found).toEqual([
      [2, [1]],
      [1, [1]],
      [0, []],
      [1, [1]],
    ]);
  });

  it('ends a range that cannot be read with an error', async () => {
    const reader = readRangeBatches(`${folder.path}/missing.ndjson`, {
      start: 5,
      end: 9,
    });
    const items: EventItem[] = [];
    for await (const batch of reader.batches) items.push(...batch);
    expect(items).toMatchObject([{ kind: 'error', reason: 'unreadable', line: 1 }]);
  });
});

describe('splitRanges', () => {
  const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ n: i })).join('\n');

  it('cuts a big NDJSON file into contiguous ranges of about equal size', async () => {
    const path = writeInput(folder.path, 'split.ndjson', `\ufeff\n  \n${lines}\n`);
    const size = Buffer.byteLength(`\ufeff\n  \n${lines}\n`);
    const ranges = await splitRanges(path, 100);
    expect(ranges).toHaveLength(Math.ceil(size / 100));
    expect(ranges?.[0]?.start).toBe(0);
    expect(ranges?.at(-1)?.end).toBe(size);
    const each = size / (ranges?.length ?? 1);
    for (const [i, range] of ranges?.entries() ?? []) {
      expect(range.end - range.start).toBeGreaterThanOrEqual(Math.floor(each));
      expect(range.end - range.start).toBeLessThanOrEqual(Math.min(Math.ceil(each), 100));
      if (i > 0) expect(range.start).toBe(ranges?.[i - 1]?.end);
    }
  });

  it('reads small files whole', async () => {
    const path = writeInput(folder.path, 'small.ndjson', lines);
    expect(await splitRanges(path, Buffer.byteLength(lines))).toBeUndefined();
  });

  const whole = [
    ['a JSON array', `[\n${lines.replaceAll('\n', ',\n')}\n]\n`],
    ['pretty-printed objects', `{\n  "n": 1\n}\n${lines}`],
    ['a first line that is not a whole object', `{"n": 1,\n"m": 2}\n${lines}`],
    ['a first line that is not JSON', `{"n": 1}}\n${lines}`],
    ['a first line that is not an object', `1\n${lines}`],
    ['a single line', lines.replaceAll('\n', ' ')],
    ['blank text', ' \n'.repeat(100)],
  ] as const;

  it.each(whole)('reads %s whole', async (name, text) => {
    const path = writeInput(folder.path, `${name.replaceAll(' ', '-')}.json`, text);
    expect(await splitRanges(path, 10)).toBeUndefined();
  });

  it('reads gzip files, missing files and folders whole', async () => {
    const gzip = writeInput(folder.path, 'packed.ndjson.gz', lines, true);
    expect(await splitRanges(gzip, 10)).toBeUndefined();
    expect(await splitRanges(`${folder.path}/missing.ndjson`, 10)).toBeUndefined();
    expect(await splitRanges(folder.path, 10)).toBeUndefined();
    const unzipped = writeInput(folder.path, 'plain.ndjson.gz', lines);
    expect(await splitRanges(unzipped, 100)).not.toBeUndefined();
  });
});
