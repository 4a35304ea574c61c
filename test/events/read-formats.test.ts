import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_EVENT_DEPTH } from '../../src/events/parse-event.js';
import { readEvents } from '../../src/events/read.js';
import {
  chunked,
  readAll,
  readText,
  summary,
  temporaryFolder,
  writeInput,
} from './helpers.js';

const folder = temporaryFolder();
afterAll(folder.cleanup);

/** Chunk sizes that cut lines, strings and escapes at every kind of place. */
const CHUNK_SIZES = [1, 2, 3, 7, 64, 1 << 16];

describe('NDJSON', () => {
  const text = '{"a":1}\n\n   \n{"a":2,,"b":3}\n{"b":"x"}\r\n[1]\n{"c":"\\u00e9"}';

  it('reads events, skips blank lines, reports bad lines and goes on', async () => {
    const items = await readText(text);
    expect(summary(items)).toEqual([
      'event#0@1 {"a":1}',
      'error@4:8',
      'event#1@5 {"b":"x"}',
      'error@6:1',
      'event#2@7 {"c":"é"}',
    ]);
    const bad = items[1];
    expect(bad?.kind === 'error' && bad.reason).toBe('syntax');
    expect(bad?.kind === 'error' && bad.file).toBe('-');
  });

  it('reports an event nested deeper than MAX_EVENT_DEPTH and goes on', async () => {
    const nest = (levels: number, open: string, close: string) =>
      `{"a":${open.repeat(levels - 1)}1${close.repeat(levels - 1)}}`;
    const lines = [
      nest(MAX_EVENT_DEPTH, '[', ']'),
      nest(5000, '{"b":', '}'),
      nest(MAX_EVENT_DEPTH + 1, '[', ']'),
      '{"c":[{},{},[]]}',
    ];
    const items = await readText(lines.join('\n'));
    expect(items.map((item) => (item.kind === 'error' ? item.reason : 'event'))).toEqual([
      'event',
      'too-deep',
      'too-deep',
      'event',
    ]);
    expect(summary(items).slice(1, 3)).toEqual(['error@2:1', 'error@3:1']);
  });

  it.each(CHUNK_SIZES)(
    'gives the same items whatever the chunk size (%i)',
    async (size) => {
      expect(summary(await readText(text, size))).toEqual(summary(await readText(text)));
    },
  );

  it('keeps multi-byte characters split across chunks intact', async () => {
    const line = JSON.stringify({ name: 'Jérôme ☃ 𝄞' });
    const items = await readText(`${line}\n${line}\n`, 1);
    expect(items.map((item) => item.kind === 'event' && item.event.name)).toEqual([
      'Jérôme ☃ 𝄞',
      'Jérôme ☃ 𝄞',
    ]);
  });

  it('reads a file that has no final newline and one that starts with a BOM', async () => {
    const items = await readText('\uFEFF{"a":1}\n{"a":2}');
    expect(summary(items)).toEqual(['event#0@1 {"a":1}', 'event#1@2 {"a":2}']);
  });

  it('reads an empty input as no events', async () => {
    expect(await readText('')).toEqual([]);
    expect(await readText('\n\n  \n')).toEqual([]);
  });
});

describe('JSON arrays and objects one after another', () => {
  it('reads a single pretty-printed object', async () => {
    const items = await readText('{\n  "a": {\n    "b": [1, 2]\n  }\n}\n');
    expect(summary(items)).toEqual(['event#0@1 {"a":{"b":[1,2]}}']);
  });

  it('reads an array of objects, reporting a bad element and going on', async () => {
    const text = '[\n  {"a": 1},\n  {"a": tru},\n  {"c": "}{\\"]"}\n]\n';
    expect(summary(await readText(text))).toEqual([
      'event#0@2 {"a":1}',
      'error@3:9',
      'event#1@4 {"c":"}{\\"]"}',
    ]);
  });

  it('reads pretty-printed objects one after another', async () => {
    const one = JSON.stringify({ Event: { n: 1, s: 'a{b}' } }, null, 2);
    const two = JSON.stringify({ other: [{ x: 2 }] }, null, 2);
    const items = await readText(`${one}\n${two}\n`, 5);
    expect(summary(items)).toEqual([
      'event#0@1 {"Event":{"n":1,"s":"a{b}"}}',
      `event#1@${one.split('\n').length + 1} {"other":[{"x":2}]}`,
    ]);
  });

  it('locates an error inside a multi-line object by line and column', async () => {
    const text = '{\n  "a": 1\n}\n{\n  "a": 1,\n  "b" 2\n}\n{\n  "ok": true\n}\n';
    expect(summary(await readText(text))).toEqual([
      'event#0@1 {"a":1}',
      'error@6:7',
      'event#1@8 {"ok":true}',
    ]);
  });

  it('recovers from an unterminated string at the next object line', async () => {
    const text = '{\n  "a": "broken\n  "b": {"nested": 1}\n}\n{\n  "ok": 1\n}\n';
    const items = await readText(text, 3);
    expect(summary(items)).toEqual(['error@2:15', 'event#0@5 {"ok":1}']);
  });

  it('reports text between objects once and an unclosed object at the end', async () => {
    const text = '{\n "a": 1\n}\ngarbage here\n{\n "b": 2\n}\n{\n "c": [\n';
    expect(summary(await readText(text))).toEqual([
      'event#0@1 {"a":1}',
      'error@4:1',
      'event#1@5 {"b":2}',
      'error@8:1',
    ]);
  });

  it.each(CHUNK_SIZES)(
    'gives the same items whatever the chunk size (%i)',
    async (size) => {
      const text = '[{"a":"x\\"}"},\n{"b":[{"c":1}]}, {"d": nul},\n{"e":"é"}]';
      expect(summary(await readText(text, size))).toEqual(summary(await readText(text)));
    },
  );
});

describe('files, gzip and errors of the input itself', () => {
  const ndjson = '{"a":1}\n{"a":2}\n';

  it('detects gzip by its magic bytes, not by the file name', async () => {
    const misnamed = writeInput(folder.path, 'plain-name.json', ndjson, true);
    const plain = writeInput(folder.path, 'looks-gzipped.json.gz', ndjson);
    expect(summary(await readAll(misnamed))).toEqual(summary(await readAll(plain)));
    expect(await readAll(misnamed)).toHaveLength(2);
  });

  it('gunzips standard input too, in small chunks', async () => {
    const items = await readText(gzipSync(Buffer.from(ndjson)), 3);
    expect(summary(items)).toEqual(['event#0@1 {"a":1}', 'event#1@2 {"a":2}']);
  });

  it('ends a corrupt gzip file with a gzip error', async () => {
    const good = gzipSync(Buffer.from(ndjson.repeat(1000)));
    const corrupt = Buffer.concat([good.subarray(0, 40), Buffer.alloc(200, 7)]);
    const items = await readText(corrupt);
    const last = items.at(-1);
    expect(last?.kind === 'error' && last.reason).toBe('gzip');
  });

  it('reports a missing file as unreadable', async () => {
    const items = await readAll(`${folder.path}/missing.json`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'error', reason: 'unreadable', line: 1 });
  });

  it('skips a line or object over the size limit and goes on', async () => {
    const big = JSON.stringify({ v: 'x'.repeat(500) });
    const lines = `{"a":1}\n${big}\n{"a":2}\n`;
    const items = await readAll('-', {
      stdin: chunked(Buffer.from(lines), 20),
      maxEventBytes: 100,
    });
    expect(summary(items)).toEqual([
      'event#0@1 {"a":1}',
      'error@2:1',
      'event#1@3 {"a":2}',
    ]);
    const objects = `[${JSON.stringify({ a: 1 })},\n${big},\n{"a":2}]`;
    const fromArray = await readAll('-', {
      stdin: chunked(Buffer.from(objects), 1 << 16),
      maxEventBytes: 100,
    });
    expect(summary(fromArray)).toEqual([
      'event#0@1 {"a":1}',
      'error@2:1',
      'event#1@3 {"a":2}',
    ]);
  });
});

describe('streaming large inputs', () => {
  it('streams a large array without holding it (200k objects, small chunks)', async () => {
    const count = 200_000;
    async function* hugeArray(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('[\n');
      await Promise.resolve();
      for (let i = 0; i < count; i += 1000) {
        const part: string[] = [];
        for (let j = i; j < i + 1000; j++) part.push(`{"i":${j},"s":"v${j}"}`);
        yield Buffer.from(`${part.join(',\n')}${i + 1000 < count ? ',\n' : '\n'}`);
      }
      yield Buffer.from(']\n');
    }
    let events = 0;
    let outOfOrder = 0;
    let line = 0;
    for await (const item of readEvents('-', { stdin: hugeArray() })) {
      if (item.kind !== 'event') throw new Error(`unexpected error at ${item.line}`);
      if (item.event.i !== events || item.index !== events) outOfOrder += 1;
      line = item.line;
      events += 1;
    }
    expect(events).toBe(count);
    expect(outOfOrder).toBe(0);
    expect(line).toBe(count + 1);
  });

  it('reads one line of several megabytes spread over many chunks', async () => {
    const value = 'ab\\"c'.repeat(400_000);
    const text = `{"a":1}\n{"big":"${value}"}\n{"a":2}\n`;
    const items = await readText(text, 4096);
    expect(items.map((item) => item.kind)).toEqual(['event', 'event', 'event']);
    const big = items[1];
    expect(big?.kind === 'event' && (big.event.big as string).length).toBe(1_600_000);
  });
});
