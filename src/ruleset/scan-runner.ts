/**
 * Running a scan over many event files: in this thread for one worker, or
 * over a `piscina` pool of worker threads (`scan-worker.ts`) for more. Work
 * is split by file, biggest first so threads finish together; results are
 * merged in the order the files were listed, so every figure and the output
 * order are the same whatever the number of workers.
 *
 * Limitation: a file is never split, so one huge file bounds the speed-up.
 */

import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { FileScan, ScanFileOptions } from './scan-file.js';
import { scanFile } from './scan-file.js';
import type { PreparedScan, ScanSetup } from './scan-setup.js';
import type { ScanTask } from './scan-worker.js';

/** How a scan runs. */
export interface RunOptions {
  /** Worker threads; 1 scans in this thread. */
  readonly workers: number;
  readonly file: Omit<ScanFileOptions, 'allowlist'>;
  /** Called after each file with the bytes (on disk) and events done so far. */
  readonly onProgress?: (progress: ScanProgress) => void;
}

/** Progress of a scan. */
export interface ScanProgress {
  readonly files: number;
  readonly totalFiles: number;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly events: number;
}

/** The default number of workers: every core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** The results of a scan, one per file in the order given, and its time. */
export interface ScanRun {
  readonly results: FileScan[];
  /**
   * Wall-clock seconds of scanning, from the moment every thread had its
   * rule set compiled (loading rules is not part of it).
   */
  readonly seconds: number;
}

/** Scans `files` and returns one result per file, in the order given. */
export async function runScan(
  files: readonly string[],
  setup: ScanSetup,
  prepared: PreparedScan,
  options: RunOptions,
): Promise<ScanRun> {
  const sizes = await Promise.all(files.map(fileSize));
  const progress = new ProgressCounter(sizes, options.onProgress);
  if (options.workers > 1) return runPool(files, sizes, setup, options, progress);
  const started = performance.now();
  const fileOptions = withAllowlist(options.file, prepared);
  const results: FileScan[] = [];
  for (const [index, file] of files.entries()) {
    const result = await scanFile(file, prepared.compiled, fileOptions);
    results.push(result);
    progress.done(index, result.events);
  }
  return { results, seconds: (performance.now() - started) / 1000 };
}

async function runPool(
  files: readonly string[],
  sizes: readonly number[],
  setup: ScanSetup,
  options: RunOptions,
  progress: ProgressCounter,
): Promise<ScanRun> {
  const pool = new Piscina<ScanTask, FileScan | undefined>({
    filename: new URL('./scan-worker.js', import.meta.url).href,
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: 1000,
  });
  const order = files.map((_, index) => index);
  order.sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0) || a - b);
  const results = new Array<FileScan>(files.length);
  let started = performance.now();
  try {
    const warmUp = Array.from({ length: options.workers }, () =>
      pool.run({ setup, file: undefined, options: options.file }),
    );
    await Promise.all(warmUp);
    started = performance.now();
    await Promise.all(
      order.map(async (index) => {
        const task = { setup, file: files[index] as string, options: options.file };
        const result = (await pool.run(task)) as FileScan;
        results[index] = result;
        progress.done(index, result.events);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return { results, seconds: (performance.now() - started) / 1000 };
}

function withAllowlist(
  options: Omit<ScanFileOptions, 'allowlist'>,
  prepared: PreparedScan,
): ScanFileOptions {
  return prepared.allowlist === undefined
    ? options
    : { ...options, allowlist: prepared.allowlist };
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0; // the reader reports the file as unreadable when it gets to it
  }
}

/** Sums progress as files complete. */
class ProgressCounter {
  private files = 0;
  private bytes = 0;
  private events = 0;
  private readonly totalBytes: number;

  constructor(
    private readonly sizes: readonly number[],
    private readonly report: ((progress: ScanProgress) => void) | undefined,
  ) {
    this.totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  }

  done(index: number, events: number): void {
    this.files += 1;
    this.bytes += this.sizes[index] ?? 0;
    this.events += events;
    this.report?.({
      files: this.files,
      totalFiles: this.sizes.length,
      bytes: this.bytes,
      totalBytes: this.totalBytes,
      events: this.events,
    });
  }
}
