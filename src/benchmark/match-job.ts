/**
 * One cell of the match benchmark (a contender at a pattern count), run in
 * its own worker: it rebuilds the inputs from the seed, builds the contender,
 * times several passes over the haystacks and reports figures plus the
 * verdicts on an agreement sample.
 *
 * Caveat: a pass over all haystacks is capped at `passBudgetMs` (from a
 * calibration run on a growing prefix); slow contenders are timed on a
 * prefix of the haystacks (at least `MIN_TIMED`), and the result says how
 * many events were timed.
 */

import { getHeapStatistics } from 'node:v8';
import { loadContender, type ContenderName } from './contenders.js';
import { loadRegistrableDomains } from './domains.js';
import { generateHostnames } from './hostnames.js';
import { containsPatterns, patternValues } from './pattern-sets.js';

/** What a worker is asked to measure. */
export interface MatchJob {
  readonly contender: ContenderName;
  readonly patterns: number;
  readonly events: number;
  readonly seed: number;
  readonly hitRate: number;
  readonly mixedCase: number;
  readonly passes: number;
  readonly passBudgetMs: number;
  /**
   * Number of leading haystacks whose verdicts are reported for agreement
   * (fewer for a contender too slow to time that many, see `verdictCount`).
   */
  readonly sample: number;
}

/** Figures of one cell. */
export interface MatchMeasurement {
  readonly kind: 'measured';
  readonly job: MatchJob;
  readonly role: 'strategy' | 'reference' | 'baseline';
  readonly eventsTimed: number;
  /** Nanoseconds per event of each timed pass. */
  readonly passNs: readonly number[];
  readonly buildMs: number;
  readonly firstCallUs: number;
  /** Peak used V8 heap of the worker's isolate, sampled after each phase. */
  readonly heapMb: number;
  /** Sum of scores over one pass: the match count for matchers. */
  readonly checksum: number;
  /** Verdicts (0/1) on the leading haystacks; empty for baselines. */
  readonly sampleVerdicts: readonly number[];
}

/** The outcome of one cell. */
export type MatchJobResult =
  | MatchMeasurement
  | { readonly kind: 'skipped'; readonly job: MatchJob; readonly reason: string };

/** Nanoseconds since an arbitrary origin. */
function now(): number {
  return Number(process.hrtime.bigint());
}

/** Sums `score` over the first `count` haystacks: one timed pass. */
function pass(score: (h: string) => number, hosts: readonly string[], count: number) {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += score(hosts[i] ?? '');
  return sum;
}

/** Fewest events a pass times, however slow the contender. */
const MIN_TIMED = 50;

/** Calibration stops once a prefix pass takes this long. */
const CALIBRATION_NS = 20e6;

/**
 * Times passes over a prefix that doubles from 16 haystacks until one pass
 * takes `CALIBRATION_NS` or covers everything: nanoseconds per event of the
 * last one, and the sum of scores of all of them.
 */
function calibrate(score: (h: string) => number, hosts: readonly string[]) {
  let checksum = 0;
  for (
    let count = Math.min(16, hosts.length);
    ;
    count = Math.min(count * 2, hosts.length)
  ) {
    const start = now();
    checksum += pass(score, hosts, count);
    const elapsed = now() - start;
    if (elapsed >= CALIBRATION_NS || count === hosts.length) {
      return { ns: Math.max(1, elapsed / Math.max(count, 1)), checksum };
    }
  }
}

/**
 * How many leading haystacks a contender gives verdicts on: none for a
 * baseline, the whole sample for `naive` (the reference), and for the others
 * the sample or the events it was timed on, whichever is fewer, so that a
 * very slow contender is not run for minutes just to be compared.
 */
function verdictCount(job: MatchJob, role: string, eventsTimed: number): number {
  if (role === 'baseline') return 0;
  return job.contender === 'naive' ? job.sample : Math.min(job.sample, eventsTimed);
}

/** Used heap in MB. */
function heapMb(): number {
  return getHeapStatistics().used_heap_size / 2 ** 20;
}

/** Runs one cell in the current thread. */
export async function runMatchJob(job: MatchJob): Promise<MatchJobResult> {
  const domains = loadRegistrableDomains();
  const values = patternValues(job.patterns, job.seed, domains);
  const options = { ...job, seed: job.seed + 1, domains, patterns: values };
  const hosts = generateHostnames(job.events, options);

  const buildStart = now();
  const loaded = await loadContender(job.contender, containsPatterns(values));
  const buildMs = (now() - buildStart) / 1e6;
  if (loaded.kind === 'skipped') return { kind: 'skipped', job, reason: loaded.reason };
  const { score, role } = loaded;
  let peak = heapMb();

  const firstStart = now();
  let checksum = score(hosts[0] ?? '');
  const firstCallUs = (now() - firstStart) / 1e3;

  const probe = calibrate(score, hosts);
  checksum += probe.checksum;
  const eventsTimed = Math.max(
    Math.min(hosts.length, MIN_TIMED),
    Math.min(hosts.length, Math.floor((job.passBudgetMs * 1e6) / probe.ns)),
  );

  const passNs: number[] = [];
  let passSum = 0;
  for (let p = 0; p < job.passes; p++) {
    const start = now();
    passSum = pass(score, hosts, eventsTimed);
    passNs.push((now() - start) / eventsTimed);
    peak = Math.max(peak, heapMb());
  }
  checksum += passSum;

  const sampleVerdicts = hosts.slice(0, verdictCount(job, role, eventsTimed)).map(score);
  return {
    kind: 'measured',
    job,
    role,
    eventsTimed,
    passNs,
    buildMs,
    firstCallUs,
    heapMb: peak,
    checksum,
    sampleVerdicts,
  };
}
