/**
 * Running a scan over many event files: in this thread for one worker, or
 * over a `piscina` pool of worker threads (`scan-worker.ts`) for more.
 *
 * With a pool, work is split by file, and a plain NDJSON file larger than
 * `splitBytes` (default `SPLIT_BYTES`) is also split into byte ranges of
 * about equal size, at most about `splitBytes` each (`events/byte-range.ts`
 * says which files can be split: never gzip, a JSON array or pretty-printed
 * objects). Pieces run biggest first so threads finish together. The
 * ranges of a file are merged into exactly the result of reading it whole
 * (`scan-ranges.ts`), and results are given in the order the files were
 * listed, so every figure and the output order are the same whatever the
 * number of workers. One worker reads every file whole.
 */

import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ByteRange } from '../events/byte-range.js';
import { splitRanges } from '../events/byte-range.js';
import type { FileScan, ScanFileOptions } from './scan-file.js';
import { scanFile } from './scan-file.js';
import type { RangeScan } from './scan-ranges.js';
import { mergeRanges } from './scan-ranges.js';
import type { PreparedScan, ScanSetup } from './scan-setup.js';
import type { ScanTask } from './scan-worker.js';

/** How a scan runs. */
export interface RunOptions {
  /** Worker threads wanted; 1 scans in this thread. */
  readonly workers: number;
  readonly file: Omit<ScanFileOptions, 'allowlist'>;
  /**
   * With a pool, plain NDJSON files larger than this many bytes are split
   * into byte ranges of at most about this size; default `SPLIT_BYTES`.
   */
  readonly splitBytes?: number;
  /** Called after each file or range with the bytes (on disk) and events done. */
  readonly onProgress?: (progress: ScanProgress) => void;
}

/** Progress of a scan. */
export interface ScanProgress {
  /** Files done (every range of a split file). */
  readonly files: number;
  readonly totalFiles: number;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly events: number;
}

/** Default of `RunOptions.splitBytes`: 64 MiB. */
export const SPLIT_BYTES = 64 * 1024 * 1024;

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
  /**
   * Threads that scanned: 1 (this thread), or the pool's size, which is
   * the number wanted but at most one per piece of work (file or range).
   */
  readonly workers: number;
}

/** A piece of pool work: a whole file, or range `part` of its ranges. */
interface Piece {
  readonly file: number;
  readonly bytes: number;
  readonly range?: ByteRange;
  readonly part: number;
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
  if (options.workers > 1) {
    const pieces = await piecesOf(files, sizes, options.splitBytes ?? SPLIT_BYTES);
    const workers = Math.min(options.workers, pieces.length);
    if (workers > 1)
      return runPool(files, pieces, setup, { ...options, workers }, progress);
  }
  const started = performance.now();
  const fileOptions = withAllowlist(options.file, prepared);
  const results: FileScan[] = [];
  for (const [index, file] of files.entries()) {
    const result = await scanFile(file, prepared.compiled, fileOptions);
    results.push(result);
    progress.done(sizes[index] ?? 0, result.events, true);
  }
  return { results, seconds: (performance.now() - started) / 1000, workers: 1 };
}

/** The pieces of work of `files`: big splittable files as ranges, others whole. */
async function piecesOf(
  files: readonly string[],
  sizes: readonly number[],
  splitBytes: number,
): Promise<Piece[]> {
  const ranges = await Promise.all(
    files.map((file, index) =>
      (sizes[index] ?? 0) > splitBytes
        ? splitRanges(file, splitBytes)
        : Promise.resolve(undefined),
    ),
  );
  return ranges.flatMap((split, file): Piece[] =>
    split === undefined
      ? [{ file, bytes: sizes[file] ?? 0, part: 0 }]
      : split.map((range, part) => ({
          file,
          bytes: range.end - range.start,
          range,
          part,
        })),
  );
}

async function runPool(
  files: readonly string[],
  pieces: readonly Piece[],
  setup: ScanSetup,
  options: RunOptions,
  progress: ProgressCounter,
): Promise<ScanRun> {
  const pool = new Piscina<ScanTask, FileScan | RangeScan | undefined>({
    filename: new URL('./scan-worker.js', import.meta.url).href,
    minThreads: options.workers,
    maxThreads: options.workers,
    idleTimeout: 1000,
  });
  const order = [...pieces].sort(
    (a, b) => b.bytes - a.bytes || a.file - b.file || a.part - b.part,
  );
  const whole = new Array<FileScan>(files.length);
  const parts = files.map((): RangeScan[] => []);
  const left = new Array<number>(files.length).fill(0);
  for (const piece of pieces) left[piece.file] = (left[piece.file] ?? 0) + 1;
  let started = performance.now();
  try {
    const warmUp = Array.from({ length: options.workers }, () =>
      pool.run({ setup, file: undefined, options: options.file }),
    );
    await Promise.all(warmUp);
    started = performance.now();
    await Promise.all(
      order.map(async (piece) => {
        const file = files[piece.file] as string;
        const range = piece.range === undefined ? {} : { range: piece.range };
        const result = await pool.run({ setup, file, ...range, options: options.file });
        const remaining = (left[piece.file] ?? 1) - 1;
        left[piece.file] = remaining;
        let events: number;
        if (piece.range === undefined) {
          whole[piece.file] = result as FileScan;
          events = (result as FileScan).events;
        } else {
          (parts[piece.file] as RangeScan[])[piece.part] = result as RangeScan;
          events = (result as RangeScan).scan.events;
        }
        progress.done(piece.bytes, events, remaining === 0);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return {
    results: files.map((_, file) => whole[file] ?? mergeRanges(parts[file] ?? [])),
    seconds: (performance.now() - started) / 1000,
    workers: options.workers,
  };
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

/** Sums progress as files and ranges complete. */
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

  /** A piece of `bytes` gave `events`; `fileDone` when it was its file's last. */
  done(bytes: number, events: number, fileDone: boolean): void {
    if (fileDone) this.files += 1;
    this.bytes += bytes;
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
