/**
 * The report files of a bench run (`--json`, `--markdown`, `--svg`). Their
 * places can be checked before the run, so minutes of measuring are not
 * lost to a folder that cannot be written; every file is written
 * atomically (`writeFileAtomic`), after all of them are rendered. A
 * failure is one line naming the file and the reason.
 */

import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { writeFailureReason, writeFileAtomic } from '../harness/atomic-write.js';
import { renderMarkdown } from './markdown.js';
import type { BenchReport } from './report.js';

/** Where a run's reports go; each is optional. */
export interface ReportFiles {
  /** The JSON report. */
  readonly json?: string;
  /** The Markdown report, which links the charts. */
  readonly markdown?: string;
  /** The folder of the SVG charts. */
  readonly svg?: string;
}

/**
 * Checks that every report can be written where `files` says, by writing
 * and removing a probe file in its folder (missing folders are created,
 * as writing the report would); the first problem, or undefined.
 */
export async function checkReportFiles(files: ReportFiles): Promise<string | undefined> {
  for (const file of [files.json, files.markdown]) {
    if (file === undefined) continue;
    if ((await stat(file).catch(() => undefined))?.isDirectory() === true) {
      return `cannot write ${file}: it is a folder`;
    }
    const failed = await probe(dirname(file), basename(file));
    if (failed !== undefined) return `cannot write ${file}: ${failed}`;
  }
  if (files.svg === undefined) return undefined;
  const failed = await probe(files.svg, 'charts');
  return failed === undefined
    ? undefined
    : `cannot write the charts in ${files.svg}: ${failed}`;
}

/**
 * Renders and writes the reports of `report` to `files`; the first file
 * that could not be written, and why, or undefined when all were.
 */
export async function writeReportFiles(
  report: BenchReport,
  files: ReportFiles,
): Promise<string | undefined> {
  const outputs: { readonly path: string; readonly text: string }[] = [];
  if (files.json !== undefined) {
    outputs.push({ path: files.json, text: `${JSON.stringify(report, null, 2)}\n` });
  }
  const chartFiles: string[] = [];
  if (files.svg !== undefined) {
    // Vega is loaded only here: it would add a fifth of a second to every command's start.
    const { renderCharts } = await import('./charts.js');
    for (const chart of await renderCharts(report)) {
      const path = join(files.svg, chart.file);
      outputs.push({ path, text: chart.svg });
      chartFiles.push(path);
    }
  }
  if (files.markdown !== undefined) {
    const folder = dirname(files.markdown);
    const links = chartFiles.map((file) => relative(folder, file));
    outputs.push({ path: files.markdown, text: renderMarkdown(report, links) });
  }
  for (const { path, text } of outputs) {
    try {
      await writeFileAtomic(path, text);
    } catch (error) {
      return `cannot write ${path}: ${writeFailureReason(error)}`;
    }
  }
  return undefined;
}

/** Why no file can be written in `folder`, or undefined when one can. */
async function probe(folder: string, name: string): Promise<string | undefined> {
  const path = join(folder, `.${name}.${randomBytes(6).toString('hex')}.probe`);
  try {
    await writeFileAtomic(path, '');
  } catch (error) {
    return writeFailureReason(error);
  }
  await rm(path, { force: true });
  return undefined;
}
