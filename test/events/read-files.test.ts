import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventItem } from '../../src/events/read.js';
import { readEventFiles } from '../../src/events/read.js';
import { lineColumnAt, locateJsonError } from '../../src/events/json-error.js';
import { temporaryFolder, writeInput } from './helpers.js';

const folder = temporaryFolder();
afterAll(folder.cleanup);

async function collect(paths: string[]): Promise<EventItem[]> {
  const items: EventItem[] = [];
  for await (const item of readEventFiles(paths)) items.push(item);
  return items;
}

describe('readEventFiles', () => {
  it('walks folders in sorted order, picking event file names only', async () => {
    const root = join(folder.path, 'walk');
    mkdirSync(join(root, 'b-sub'), { recursive: true });
    writeInput(root, 'c.ndjson', '{"n":"c"}\n');
    writeInput(root, 'a.json', '[{"n":"a1"},{"n":"a2"}]');
    writeInput(root, 'notes.txt', '{"n":"ignored"}\n');
    writeInput(join(root, 'b-sub'), 'x.jsonl.gz', '{"n":"b"}\n', true);
    writeInput(root, 'd.JSON.GZ', '{"n":"d"}', true);
    const items = await collect([root]);
    const seen = items.map((item) =>
      item.kind === 'event' ? item.event.n : item.message,
    );
    expect(seen).toEqual(['a1', 'a2', 'b', 'c', 'd']);
    expect(items.map((item) => item.kind === 'event' && item.index)).toEqual([
      0, 1, 0, 0, 0,
    ]);
  });

  it('reads a named file whatever its extension, and reports a missing path', async () => {
    const file = writeInput(folder.path, 'events.log', '{"n":1}\n');
    const items = await collect([file, join(folder.path, 'nowhere')]);
    expect(items[0]).toMatchObject({ kind: 'event', file, index: 0, line: 1 });
    expect(items[1]).toMatchObject({ kind: 'error', reason: 'unreadable' });
  });
});

describe('locateJsonError', () => {
  it.each([
    ['{"a":1}', undefined],
    ['{"a":}', 5],
    ['{"a" 1}', 5],
    ['{"a":1,}', 7],
    ['{"a":"b\n"}', 7],
    ['{"a":"\\q"}', 6],
    ['{"a":tru}', 5],
    ['{"a":[1 2]}', 8],
    ['{"a":1}x', 7],
    ['{"a":01}', 6],
    ['{"a":"\\u12G4"}', 6],
    ['{"a":1', 6],
  ])('finds the first error in %j', (text, offset) => {
    const parse = (): unknown => JSON.parse(text);
    if (offset === undefined) expect(parse).not.toThrow();
    else expect(parse).toThrow();
    expect(locateJsonError(text)?.offset).toBe(offset);
  });

  it('converts offsets to lines and columns', () => {
    expect(lineColumnAt('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});
