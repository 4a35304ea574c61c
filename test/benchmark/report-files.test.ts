/**
 * The report files of `bench`: checked before a run without leaving
 * anything behind, and a file that cannot be written after the run is a
 * one-line message, not an exception.
 */

import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReportFiles, writeReportFiles } from '../../src/benchmark/report-files.js';
import { buildReport } from '../../src/benchmark/report.js';

const REPORT = buildReport({
  command: 'sigma-harness bench',
  settings: {
    events: 1,
    patterns: [7],
    hit_rate: 0,
    mixed_case: 0,
    seed: 1,
    passes: 1,
    e2e_events: [],
  },
  results: [],
  skipped: [],
  endToEnd: [],
});

/** A fresh folder holding a regular file `plain`. */
async function folderWithFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-files-'));
  await writeFile(join(dir, 'plain'), 'a file\n');
  return dir;
}

describe('checking the report files before a run', () => {
  it('creates missing folders and leaves no probe file', async () => {
    const dir = await folderWithFile();
    const files = { json: join(dir, 'out', 'r.json'), svg: join(dir, 'charts') };
    expect(await checkReportFiles(files)).toBeUndefined();
    expect((await readdir(dir)).sort()).toEqual(['charts', 'out', 'plain']);
    expect(await readdir(join(dir, 'out'))).toEqual([]);
    expect(await readdir(join(dir, 'charts'))).toEqual([]);
  });

  it('names the file and the reason', async () => {
    const dir = await folderWithFile();
    const plain = join(dir, 'plain');
    expect(await checkReportFiles({ markdown: join(plain, 'r.md') })).toBe(
      `cannot write ${join(plain, 'r.md')}: ${plain} is not a folder`,
    );
    expect(await checkReportFiles({ svg: plain })).toBe(
      `cannot write the charts in ${plain}: ${plain} is not a folder`,
    );
    expect(await checkReportFiles({ json: dir })).toBe(
      `cannot write ${dir}: it is a folder`,
    );
    expect(await readdir(dir)).toEqual(['plain']);
  });
});

describe('writing the report files', () => {
  it('writes the JSON and Markdown reports', async () => {
    const dir = await folderWithFile();
    const files = { json: join(dir, 'r.json'), markdown: join(dir, 'r.md') };
    expect(await writeReportFiles(REPORT, files)).toBeUndefined();
    expect(JSON.parse(await readFile(files.json, 'utf8'))).toEqual(REPORT);
    expect(await readFile(files.markdown, 'utf8')).toMatch(/\S/);
  });

  it('says which file could not be written, and why, instead of throwing', async () => {
    const dir = await folderWithFile();
    const plain = join(dir, 'plain');
    const failed = await writeReportFiles(REPORT, { json: join(plain, 'r.json') });
    expect(failed).toBe(
      `cannot write ${join(plain, 'r.json')}: ${plain} is not a folder`,
    );
    expect(await readdir(dir)).toEqual(['plain']);
  });
});
