/**
 * Runs the end-to-end benchmark: for each event count, an NDJSON file of
 * generated `network_connection` events (written once, reused while its
 * settings match), then each path (`end-to-end.ts`) in its own child
 * process, one after the other. The prefilter path's verdicts are compared
 * with those of the parse-everything path, event by event.
 */

import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegistrableDomains } from './domains.js';
import type { EndToEndPath, EndToEndRun } from './end-to-end.js';
import { generateEvents } from './events.js';
import { writeNdjson } from './ndjson-writer.js';
import { SEED_HOSTS } from './pattern-sets.js';

/** What a child process is asked to run. */
export interface EndToEndJob {
  readonly rule: string;
  readonly file: string;
  readonly path: EndToEndPath;
}

/** What a child process answers. */
export type EndToEndResult =
  | { readonly kind: 'measured'; readonly run: EndToEndRun; readonly maxRssMb: number }
  | { readonly kind: 'failed'; readonly message: string };

/** Options of the end-to-end benchmark. */
export interface EndToEndOptions {
  /** The rule file (the seed rule in the report). */
  readonly rule: string;
  /** Event counts, one file each. */
  readonly events: readonly number[];
  readonly seed: number;
  readonly hitRate: number;
  readonly mixedCase: number;
  /** Folder of the NDJSON files. */
  readonly folder: string;
  /** Keep the files for the next run (default: delete them at the end). */
  readonly keepFiles: boolean;
  /** Called before each step with a label. */
  readonly onStep?: (label: string) => void;
}

/** One row of the end-to-end table, in the JSON report's field names. */
export interface EndToEndRow {
  readonly events: number;
  readonly path: EndToEndPath;
  readonly bytes: number;
  readonly events_per_second: number;
  readonly seconds: EndToEndRun['seconds'];
  readonly parsed: number;
  readonly hits: number;
  readonly read_errors: number;
  readonly max_rss_mb: number;
  /** Same verdict on every event as the parse-everything path. */
  readonly agrees: boolean;
  /** Parse-everything time divided by this path's time. */
  readonly speedup: number;
  /** Sum of the hit indices modulo 2^32, printed so no work is dead. */
  readonly checksum: number;
  readonly declined?: string;
}

/** Settings a generated file was written with (kept beside it). */
interface FileSettings {
  readonly events: number;
  readonly seed: number;
  readonly hitRate: number;
  readonly mixedCase: number;
  readonly bytes: number;
}

/** Writes the NDJSON file of `settings` unless it is already there; its size. */
async function ensureFile(
  file: string,
  settings: Omit<FileSettings, 'bytes'>,
): Promise<number> {
  const sidecar = `${file}.settings.json`;
  if (existsSync(file) && existsSync(sidecar)) {
    const kept = JSON.parse(await readFile(sidecar, 'utf8')) as FileSettings;
    const same = (Object.keys(settings) as (keyof typeof settings)[]).every(
      (key) => kept[key] === settings[key],
    );
    if (same) return kept.bytes;
  }
  const options = {
    ...settings,
    domains: loadRegistrableDomains(),
    patterns: SEED_HOSTS,
  };
  const written = await writeNdjson(file, generateEvents(settings.events, options));
  await writeFile(sidecar, JSON.stringify({ ...settings, bytes: written.bytes }));
  return written.bytes;
}

/** Runs one path in a child process. */
function inChild(job: EndToEndJob): Promise<EndToEndResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./e2e-child.js', import.meta.url)), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answered = false;
    child.once('message', (result: EndToEndResult) => {
      answered = true;
      resolve(result);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`end-to-end child exited with code ${code}`));
    });
    child.send(job);
  });
}

/** Sum of the indices modulo 2^32. */
function indexChecksum(hits: readonly number[]): number {
  let sum = 0;
  for (const index of hits) sum = (sum + index) >>> 0;
  return sum;
}

/** True when two ascending index lists are equal. */
function sameHits(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((index, i) => index === b[i]);
}

/** Runs the end-to-end benchmark; throws when a child fails. */
export async function runEndToEnd(options: EndToEndOptions): Promise<EndToEndRow[]> {
  const rows: EndToEndRow[] = [];
  for (const events of options.events) {
    const { seed, hitRate, mixedCase } = options;
    const name = `sigma-harness-bench-${events}-${seed}-${hitRate}-${mixedCase}.ndjson`;
    const file = join(options.folder, name);
    options.onStep?.(`writing ${events} events`);
    const bytes = await ensureFile(file, { events, seed, hitRate, mixedCase });
    const runs: { run: EndToEndRun; maxRssMb: number }[] = [];
    for (const path of ['parse-everything', 'prefilter'] as const) {
      options.onStep?.(`${path} over ${events} events`);
      const result = await inChild({ rule: options.rule, file, path });
      if (result.kind === 'failed') throw new Error(result.message);
      runs.push(result);
    }
    const reference = runs[0]?.run;
    for (const { run, maxRssMb } of runs) {
      rows.push({
        events: run.events,
        path: run.path,
        bytes,
        events_per_second: run.events / run.seconds.total,
        seconds: run.seconds,
        parsed: run.parsed,
        hits: run.hits.length,
        read_errors: run.readErrors,
        max_rss_mb: maxRssMb,
        agrees: reference !== undefined && sameHits(run.hits, reference.hits),
        speedup: (reference?.seconds.total ?? NaN) / run.seconds.total,
        checksum: indexChecksum(run.hits),
        ...(run.declined === undefined ? {} : { declined: run.declined }),
      });
    }
    if (!options.keepFiles) {
      await rm(file, { force: true });
      await rm(`${file}.settings.json`, { force: true });
    }
  }
  return rows;
}
