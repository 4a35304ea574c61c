/**
 * The worker-thread entry of the scan pool (`piscina`): scans one file, or
 * one byte range of a big plain NDJSON file, per task. Each thread prepares
 * its rule set once per setup and keeps it for the next tasks of the same
 * scan (the pool lives for one scan).
 */

import type { ByteRange } from '../events/byte-range.js';
import type { FileScan, ScanFileOptions } from './scan-file.js';
import { scanFile } from './scan-file.js';
import type { RangeScan } from './scan-ranges.js';
import { scanRange } from './scan-ranges.js';
import type { PreparedScan, ScanSetup } from './scan-setup.js';
import { prepareScan } from './scan-setup.js';

/** One unit of work: a file and how to scan it, or (no file) a warm-up. */
export interface ScanTask {
  readonly setup: ScanSetup;
  readonly file: string | undefined;
  /** Scan only the lines this range of the file owns (`scanRange`). */
  readonly range?: ByteRange;
  readonly options: Omit<ScanFileOptions, 'allowlist'>;
}

let prepared: { key: string; scan: Promise<PreparedScan> } | undefined;

/**
 * Scans the task's file (a `FileScan`) or range of it (a `RangeScan`);
 * prepares the thread's rule set on first use. A task without a file only
 * prepares (so that timing can start after it).
 */
export default async function scanTask(
  task: ScanTask,
): Promise<FileScan | RangeScan | undefined> {
  const key = JSON.stringify(task.setup);
  if (prepared?.key !== key) prepared = { key, scan: prepare(task.setup) };
  const scan = await prepared.scan;
  if (task.file === undefined) return undefined;
  const options: ScanFileOptions =
    scan.allowlist === undefined
      ? task.options
      : { ...task.options, allowlist: scan.allowlist };
  if (task.range !== undefined) {
    return scanRange(task.file, task.range, scan.compiled, options);
  }
  return scanFile(task.file, scan.compiled, options);
}

async function prepare(setup: ScanSetup): Promise<PreparedScan> {
  const result = await prepareScan(setup);
  if (!result.ok) throw new Error(`scan: the allowlist did not load in a worker`);
  return result.prepared;
}
