/**
 * The end-to-end benchmark: one rule over an NDJSON file, from bytes to
 * verdicts, by two paths run in the current thread:
 *
 * - `parse-everything`: the engine's reader (`readRawBatches`) cuts and
 *   decodes every line, `parseRawEvent` parses it, the compiled rule
 *   evaluates it. Read, parse and match are timed separately (per batch).
 * - `prefilter`: the file is read into a reused buffer (`line-chunks.ts`)
 *   and the raw-line prefilter (`raw-prefilter.ts`) built from the rule's
 *   needles flags the lines that may match; only those are decoded, parsed
 *   and evaluated. Scan (read and prefilter), parse and match are timed
 *   separately. When the prefilter declines the rule's needles, every line
 *   is flagged.
 *
 * Both give the indices of the matching events (events only, blank lines
 * left out, from 0), so their verdicts can be compared exactly. Caveat: the
 * prefilter path does not validate the lines it skips; a malformed line
 * without a needle counts as a non-matching event there and as a read
 * error on the other path.
 */

import type { CompiledRule } from '../engine/types.js';
import { parseEvent } from '../events/parse-event.js';
import { parseRawEvent, readRawBatches } from '../events/read.js';
import { forEachLineChunk } from './line-chunks.js';
import { createRawPrefilter, visitEveryLine } from './raw-prefilter.js';

/** The two ways through the file. */
export type EndToEndPath = 'parse-everything' | 'prefilter';

/** Figures of one path over one file. */
export interface EndToEndRun {
  readonly path: EndToEndPath;
  readonly events: number;
  /** Events that were parsed (all of them without the prefilter). */
  readonly parsed: number;
  readonly readErrors: number;
  /** Indices of the matching events, ascending. */
  readonly hits: readonly number[];
  /** Seconds: the whole run, and its parts. */
  readonly seconds: {
    readonly total: number;
    /** Reading and cutting lines (and, on the prefilter path, prefiltering). */
    readonly read: number;
    readonly parse: number;
    readonly match: number;
  };
  /** Why the prefilter parsed every line, when it declined the needles. */
  readonly declined?: string;
}

/** Nanoseconds since an arbitrary origin. */
function now(): number {
  return Number(process.hrtime.bigint());
}

/** Seconds of a run from its nanoseconds: reading is what parse and match leave. */
function split(total: number, parse: number, match: number): EndToEndRun['seconds'] {
  const read = total - parse - match;
  return { total: total / 1e9, read: read / 1e9, parse: parse / 1e9, match: match / 1e9 };
}

/** Runs the parse-everything path. */
export async function parseEverything(
  file: string,
  rule: CompiledRule,
): Promise<EndToEndRun> {
  const started = now();
  let parse = 0;
  let match = 0;
  let events = 0;
  let readErrors = 0;
  const hits: number[] = [];
  for await (const raws of readRawBatches(file)) {
    const parseStart = now();
    let index = events;
    const parsed = raws.map((raw) => {
      const item = raw.kind === 'raw' ? parseRawEvent(raw, index, true) : raw;
      if (item.kind === 'event') index++;
      return item;
    });
    const matchStart = now();
    for (const item of parsed) {
      if (item.kind === 'error') readErrors++;
      else if (rule.matches(item.event)) hits.push(events++);
      else events++;
    }
    const matchEnd = now();
    parse += matchStart - parseStart;
    match += matchEnd - matchStart;
  }
  const seconds = split(now() - started, parse, match);
  return { path: 'parse-everything', events, parsed: events, readErrors, hits, seconds };
}

/** Runs the prefilter path; `needles` are the rule's folded literals, if any. */
export function prefiltered(
  file: string,
  rule: CompiledRule,
  needles: readonly string[] | undefined,
): EndToEndRun {
  const built =
    needles === undefined
      ? { kind: 'declined' as const, reason: 'the rule has no needles' }
      : createRawPrefilter(needles);
  const started = now();
  let parse = 0;
  let match = 0;
  let events = 0;
  let parsed = 0;
  let readErrors = 0;
  const hits: number[] = [];
  const at = { file, line: 0, column: 1 };
  forEachLineChunk(file, (bytes, end) => {
    const visit = (start: number, stop: number, flagged: boolean) => {
      const index = events++;
      if (!flagged) return;
      const parseStart = now();
      const item = parseEvent(bytes.toString('utf8', start, stop), at, index, true);
      const matchStart = now();
      parsed++;
      if (item.kind === 'error') readErrors++;
      else if (rule.matches(item.event)) hits.push(index);
      parse += matchStart - parseStart;
      match += now() - matchStart;
    };
    if (built.kind === 'ready') built.prefilter.scanLines(bytes, end, visit);
    else visitEveryLine(bytes, end, visit);
  });
  const seconds = split(now() - started, parse, match);
  const run = { path: 'prefilter' as const, events, parsed, readErrors, hits, seconds };
  return built.kind === 'declined' ? { ...run, declined: built.reason } : run;
}
