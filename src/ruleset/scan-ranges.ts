/**
 * Scanning a big plain NDJSON file in byte ranges (`events/byte-range.ts`)
 * and merging the ranges' results into exactly the result of scanning the
 * file whole: counts summed; event indices and line numbers, which each
 * range knows only locally, offset by the events and lines of the ranges
 * before it; samples and read errors kept in file order up to their limits,
 * hit indices and fingerprints all kept in file order.
 */

import type { ByteRange } from '../events/byte-range.js';
import { readRangeBatches } from '../events/byte-range.js';
import type { EventReadError } from '../events/event.js';
import type { CompiledRuleSet } from './compiled-rule-set.js';
import type {
  FileScan,
  HitFingerprint,
  HitSample,
  ScanFileOptions,
} from './scan-file.js';
import { ERROR_LIMIT, SAMPLE_SIZE, scanBatches } from './scan-file.js';

/** The result of one range: indices and lines local to it, and its line count. */
export interface RangeScan {
  readonly scan: FileScan;
  /** Lines the range owns (blank ones included). */
  readonly lines: number;
}

/** Scans the lines `range` of `file` owns with `set`. Never throws on bad input. */
export async function scanRange(
  file: string,
  range: ByteRange,
  set: CompiledRuleSet,
  options: ScanFileOptions,
): Promise<RangeScan> {
  const reader = readRangeBatches(file, range, { maxEventBytes: options.maxEventBytes });
  const scan = await scanBatches(file, reader.batches, set, options);
  return { scan, lines: reader.lines() };
}

/** Merges the results of a file's ranges, given in file order, into one. */
export function mergeRanges(parts: readonly RangeScan[]): FileScan {
  const first = parts[0]?.scan;
  if (first === undefined) throw new Error('mergeRanges: no range to merge');
  const merged = emptyScan(first);
  let events = 0;
  let lines = 0;
  for (const { scan, lines: partLines } of parts) {
    addInto(merged.hits, scan.hits);
    addInto(merged.allowlisted, scan.allowlisted);
    addInto(merged.entryUses, scan.entryUses);
    for (const [rule, samples] of scan.samples.entries()) {
      const kept = merged.samples[rule] as HitSample[];
      for (const sample of samples.slice(0, SAMPLE_SIZE - kept.length)) {
        kept.push({ line: sample.line + lines, index: sample.index + events });
      }
    }
    for (const [rule, indices] of scan.hitEvents?.entries() ?? []) {
      const kept = merged.hitEvents?.[rule];
      for (const index of indices) kept?.push(index + events);
    }
    for (const [rule, hits] of scan.hitFingerprints?.entries() ?? []) {
      const kept = merged.hitFingerprints?.[rule];
      for (const hit of hits) kept?.push({ ...hit, line: hit.line + lines });
    }
    for (const error of scan.readErrors.slice(
      0,
      ERROR_LIMIT - merged.readErrors.length,
    )) {
      merged.readErrors.push({ ...error, line: error.line + lines });
    }
    merged.readErrorCount += scan.readErrorCount;
    merged.differences += scan.differences;
    merged.timing.read += scan.timing.read;
    merged.timing.match += scan.timing.match;
    merged.timing.reference += scan.timing.reference;
    if (merged.profile !== undefined && scan.profile !== undefined) {
      addInto(merged.profile.evaluations, scan.profile.evaluations);
      addInto(merged.profile.nanoseconds, scan.profile.nanoseconds);
    }
    events += scan.events;
    lines += partLines;
  }
  const { file, ...counts } = merged;
  return { file, events, ...counts };
}

/** A `FileScan` being built: its counters writable. */
interface MergedScan {
  file: string;
  hits: number[];
  allowlisted: number[];
  entryUses: number[];
  samples: HitSample[][];
  hitEvents?: number[][];
  hitFingerprints?: HitFingerprint[][];
  differences: number;
  readErrors: EventReadError[];
  readErrorCount: number;
  timing: { read: number; match: number; reference: number };
  profile?: { evaluations: number[]; nanoseconds: number[] };
}

/** A result with nothing counted, shaped like `like` (same rules, entries, fields). */
function emptyScan(like: FileScan): MergedScan {
  const zeros = (of: readonly unknown[]): number[] =>
    new Array<number>(of.length).fill(0);
  const lists = <T>(of: readonly unknown[]): T[][] => of.map(() => []);
  const base: MergedScan = {
    file: like.file,
    hits: zeros(like.hits),
    allowlisted: zeros(like.allowlisted),
    entryUses: zeros(like.entryUses),
    samples: lists<HitSample>(like.samples),
    differences: 0,
    readErrors: [],
    readErrorCount: 0,
    timing: { read: 0, match: 0, reference: 0 },
  };
  if (like.hitEvents !== undefined) base.hitEvents = lists<number>(like.hitEvents);
  if (like.hitFingerprints !== undefined) {
    base.hitFingerprints = lists<HitFingerprint>(like.hitFingerprints);
  }
  if (like.profile !== undefined) {
    const { evaluations, nanoseconds } = like.profile;
    base.profile = { evaluations: zeros(evaluations), nanoseconds: zeros(nanoseconds) };
  }
  return base;
}

function addInto(total: number[], part: readonly number[]): void {
  for (let i = 0; i < part.length; i++) total[i] = (total[i] ?? 0) + (part[i] ?? 0);
}
