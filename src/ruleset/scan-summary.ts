/**
 * Merging the per-file results of a scan into one summary, in file order:
 * per-rule hits and samples, totals, timings and per-rule profiles.
 */

import type { CompiledRule } from '../engine/types.js';
import type { EventReadError } from '../events/event.js';
import type { FileScan } from './scan-file.js';
import { SAMPLE_SIZE } from './scan-file.js';

/** One rule's line of the hit table. */
export interface RuleHits {
  readonly id: string | undefined;
  readonly title: string;
  readonly file: string;
  readonly hits: number;
  readonly allowlisted: number;
  /** Where the first hits are: `file:line`. */
  readonly samples: readonly string[];
  /** Full evaluations and ns per evaluation, when profiled. */
  readonly evaluations?: number;
  readonly nsPerEvaluation?: number;
}

/** The merged result of a scan. */
export interface ScanSummary {
  readonly files: number;
  readonly events: number;
  readonly hits: number;
  readonly allowlisted: number;
  readonly differences: number;
  readonly rules: readonly RuleHits[];
  readonly entryUses: readonly number[];
  readonly readErrors: readonly EventReadError[];
  readonly readErrorCount: number;
  /** Seconds summed over files (over threads, with workers). */
  readonly seconds: { read: number; match: number; reference: number };
}

/** Merges `results` (one per file, in file order) for `rules`. */
export function summarize(
  rules: readonly CompiledRule[],
  results: readonly FileScan[],
  entryCount: number,
): ScanSummary {
  const table = rules.map((compiled, index) => ruleHits(compiled, index, results));
  const sum = (pick: (r: FileScan) => number): number =>
    results.reduce((total, r) => total + pick(r), 0);
  const entryUses = Array.from({ length: entryCount }, (_, entry) =>
    sum((r) => r.entryUses[entry] ?? 0),
  );
  return {
    files: results.length,
    events: sum((r) => r.events),
    hits: table.reduce((total, r) => total + r.hits, 0),
    allowlisted: table.reduce((total, r) => total + r.allowlisted, 0),
    differences: sum((r) => r.differences),
    rules: table,
    entryUses,
    readErrors: results.flatMap((r) => r.readErrors),
    readErrorCount: sum((r) => r.readErrorCount),
    seconds: {
      read: sum((r) => r.timing.read) / 1e9,
      match: sum((r) => r.timing.match) / 1e9,
      reference: sum((r) => r.timing.reference) / 1e9,
    },
  };
}

function ruleHits(
  compiled: CompiledRule,
  index: number,
  results: readonly FileScan[],
): RuleHits {
  let hits = 0;
  let allowlisted = 0;
  let evaluations = 0;
  let nanoseconds = 0;
  const samples: string[] = [];
  for (const result of results) {
    hits += result.hits[index] ?? 0;
    allowlisted += result.allowlisted[index] ?? 0;
    evaluations += result.profile?.evaluations[index] ?? 0;
    nanoseconds += result.profile?.nanoseconds[index] ?? 0;
    for (const sample of result.samples[index] ?? []) {
      if (samples.length < SAMPLE_SIZE) samples.push(`${result.file}:${sample.line}`);
    }
  }
  const { rule } = compiled;
  const base = {
    id: rule.id,
    title: rule.title,
    file: rule.file,
    hits,
    allowlisted,
    samples,
  };
  if (results.every((r) => r.profile === undefined)) return base;
  const nsPerEvaluation = evaluations === 0 ? 0 : Math.round(nanoseconds / evaluations);
  return { ...base, evaluations, nsPerEvaluation };
}
