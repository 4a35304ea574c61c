/**
 * Scanning one event file with a compiled rule set: every event is read
 * (gunzipped when needed, NDJSON), matched with the fast path, optionally
 * checked against the reference path, and each hit is either covered by an
 * allowlist entry or counted as a hit of its rule.
 */

import type { EventReadError } from '../events/event.js';
import { eventFingerprint } from '../harness/fingerprint.js';
import type { EventItem } from '../events/read.js';
import { readEventBatches } from '../events/read.js';
import type { Allowlist } from '../scan/allowlist.js';
import { coveringEntry } from '../scan/allowlist.js';
import type { CompiledRuleSet, RuleProfile } from './compiled-rule-set.js';

/** What to do besides matching. */
export interface ScanFileOptions {
  /** Also run the reference path and count events where the two differ. */
  readonly verify: boolean;
  /** Time each rule's full evaluations. */
  readonly profile: boolean;
  /** Keep the index of every hit event per rule (for comparisons in tests). */
  readonly keepEvents: boolean;
  /** Fingerprint every hit event, allowlisted ones included (for baselines). */
  readonly fingerprints?: boolean;
  readonly allowlist?: Allowlist;
  /** Largest event a line may hold, in bytes. */
  readonly maxEventBytes: number;
}

/** A hit shown in reports: where the event is. */
export interface HitSample {
  readonly line: number;
  readonly index: number;
}

/** A hit event's fingerprint (`harness/fingerprint.ts`) and line. */
export interface HitFingerprint {
  readonly fingerprint: string;
  readonly line: number;
}

/** The result of scanning one file; arrays are indexed by rule. */
export interface FileScan {
  readonly file: string;
  readonly events: number;
  /** Hits not covered by the allowlist, per rule. */
  readonly hits: number[];
  /** Hits covered by the allowlist, per rule. */
  readonly allowlisted: number[];
  /** Hits covered by each allowlist entry. */
  readonly entryUses: number[];
  /** The first hits of each rule (up to `SAMPLE_SIZE`), allowlisted ones left out. */
  readonly samples: HitSample[][];
  /** Event indices of every hit per rule, allowlisted ones included (`keepEvents`). */
  readonly hitEvents?: number[][];
  /** Every hit per rule, allowlisted ones included (`fingerprints`). */
  readonly hitFingerprints?: HitFingerprint[][];
  /** Events where fast and reference paths differ (`verify`). */
  readonly differences: number;
  /** Up to `ERROR_LIMIT` read errors, and how many there were. */
  readonly readErrors: readonly EventReadError[];
  readonly readErrorCount: number;
  /** Nanoseconds spent reading and parsing, matching, and in the reference. */
  readonly timing: { read: number; match: number; reference: number };
  readonly profile?: { evaluations: number[]; nanoseconds: number[] };
}

/** Hits kept per rule and file for display. */
export const SAMPLE_SIZE = 3;

/** Read errors kept per file (all are counted). */
export const ERROR_LIMIT = 20;

/** Scans `file` with `set`. Never throws on bad input: read errors are counted. */
export function scanFile(
  file: string,
  set: CompiledRuleSet,
  options: ScanFileOptions,
): Promise<FileScan> {
  const batches = readEventBatches(file, { maxEventBytes: options.maxEventBytes });
  return scanBatches(file, batches, set, options);
}

/**
 * Scans the items of `batches` (events and read errors of `file`, in file
 * order, indexed from 0) with `set`.
 */
export async function scanBatches(
  file: string,
  batches: AsyncIterable<readonly EventItem[]>,
  set: CompiledRuleSet,
  options: ScanFileOptions,
): Promise<FileScan> {
  const ruleCount = set.rules.length;
  const state = new ScanState(file, ruleCount, options);
  const profile: RuleProfile | undefined = options.profile
    ? {
        evaluations: new Float64Array(ruleCount),
        nanoseconds: new Float64Array(ruleCount),
      }
    : undefined;
  let mark = process.hrtime.bigint();
  for await (const batch of batches) {
    state.timing.read += Number(process.hrtime.bigint() - mark);
    for (const item of batch) {
      if (item.kind === 'error') state.readError(item);
      else state.event(set, item.event, item.index, item.line, profile);
    }
    mark = process.hrtime.bigint();
  }
  return state.result(profile);
}

/** Counters of one file's scan. */
class ScanState {
  events = 0;
  differences = 0;
  readErrorCount = 0;
  readonly readErrors: EventReadError[] = [];
  readonly hits: number[];
  readonly allowlisted: number[];
  readonly entryUses: number[];
  readonly samples: HitSample[][];
  readonly hitEvents: number[][] | undefined;
  readonly hitFingerprints: HitFingerprint[][] | undefined;
  readonly timing = { read: 0, match: 0, reference: 0 };

  constructor(
    readonly file: string,
    ruleCount: number,
    private readonly options: ScanFileOptions,
  ) {
    this.hits = new Array<number>(ruleCount).fill(0);
    this.allowlisted = new Array<number>(ruleCount).fill(0);
    this.entryUses = new Array<number>(options.allowlist?.entries.length ?? 0).fill(0);
    this.samples = Array.from({ length: ruleCount }, () => []);
    this.hitEvents = options.keepEvents
      ? Array.from({ length: ruleCount }, () => [])
      : undefined;
    this.hitFingerprints = options.fingerprints
      ? Array.from({ length: ruleCount }, () => [])
      : undefined;
  }

  readError(error: EventReadError): void {
    this.readErrorCount += 1;
    if (this.readErrors.length < ERROR_LIMIT) this.readErrors.push(error);
  }

  event(
    set: CompiledRuleSet,
    event: Parameters<CompiledRuleSet['match']>[0],
    index: number,
    line: number,
    profile: RuleProfile | undefined,
  ): void {
    this.events += 1;
    const start = process.hrtime.bigint();
    const matched = set.match(event, profile);
    const matchedAt = process.hrtime.bigint();
    this.timing.match += Number(matchedAt - start);
    if (this.options.verify) {
      const reference = set.matchReference(event);
      this.timing.reference += Number(process.hrtime.bigint() - matchedAt);
      this.differences += symmetricDifference(matched, reference);
    }
    for (const rule of matched) this.hit(set, rule, event, index, line);
  }

  private hit(
    set: CompiledRuleSet,
    rule: number,
    event: Parameters<CompiledRuleSet['match']>[0],
    index: number,
    line: number,
  ): void {
    this.hitEvents?.[rule]?.push(index);
    this.hitFingerprints?.[rule]?.push({ fingerprint: eventFingerprint(event), line });
    const allowlist = this.options.allowlist;
    const entry =
      allowlist === undefined
        ? undefined
        : coveringEntry(allowlist, set.rules[rule]?.rule.id, event);
    if (entry !== undefined) {
      this.allowlisted[rule] = (this.allowlisted[rule] ?? 0) + 1;
      this.entryUses[entry] = (this.entryUses[entry] ?? 0) + 1;
      return;
    }
    this.hits[rule] = (this.hits[rule] ?? 0) + 1;
    const samples = this.samples[rule];
    if (samples !== undefined && samples.length < SAMPLE_SIZE)
      samples.push({ line, index });
  }

  result(profile: RuleProfile | undefined): FileScan {
    const base: FileScan = {
      file: this.file,
      events: this.events,
      hits: this.hits,
      allowlisted: this.allowlisted,
      entryUses: this.entryUses,
      samples: this.samples,
      differences: this.differences,
      readErrors: this.readErrors,
      readErrorCount: this.readErrorCount,
      timing: this.timing,
    };
    const withEvents = {
      ...base,
      ...(this.hitEvents ? { hitEvents: this.hitEvents } : {}),
      ...(this.hitFingerprints ? { hitFingerprints: this.hitFingerprints } : {}),
    };
    if (profile === undefined) return withEvents;
    return {
      ...withEvents,
      profile: {
        evaluations: [...profile.evaluations],
        nanoseconds: [...profile.nanoseconds],
      },
    };
  }
}

/** Size of the symmetric difference of two ascending lists. */
function symmetricDifference(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x !== undefined && (y === undefined || x < y)) {
      count += 1;
      i += 1;
    } else if (y !== undefined && (x === undefined || y < x)) {
      count += 1;
      j += 1;
    } else {
      i += 1;
      j += 1;
    }
  }
  return count;
}
