/**
 * Baselines: the events each rule matched, per fixture file, as stable
 * fingerprints (see `fingerprint.ts`), committed beside the fixtures and
 * compared on every run. A difference (an event newly matched, or no longer
 * matched) fails the run until the baseline is updated.
 *
 * Fixture files (and rules without an id) are keyed by their path relative
 * to the baseline file's folder, so any working folder gives the same keys.
 *
 * Only the (fixture file, rule) pairs of the current run are compared and
 * updated; entries of fixtures outside the run (for instance under
 * `--filter`) are kept as they are.
 */

import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { writeFailureReason, writeFileAtomic } from './atomic-write.js';
import type { RuleResult } from './results.js';

/** Version of the baseline file format. */
export const BASELINE_VERSION = 1;

/** Fingerprint to a label (`case name #index`), per rule, per fixture file. */
export type MatchSets = Record<string, Record<string, Record<string, string>>>;

/** The baseline file. */
export interface BaselineFile {
  readonly version: number;
  readonly fixtures: MatchSets;
}

/** A matched event, for difference reports. */
export interface BaselineEvent {
  readonly fingerprint: string;
  readonly label: string;
}

/** The difference for one rule and fixture file. */
export interface BaselineChange {
  readonly file: string;
  readonly rule: string;
  /** Events the rule matches now and did not before. */
  readonly added: readonly BaselineEvent[];
  /** Events the rule matched before and no longer matches. */
  readonly removed: readonly BaselineEvent[];
}

/** The comparison with a baseline; `updated` when it was rewritten. */
export interface BaselineDiff {
  readonly file: string;
  readonly changes: readonly BaselineChange[];
  readonly updated: boolean;
}

/** A baseline read: its match sets, `absent` when there is no file yet. */
export type BaselineRead =
  | { readonly kind: 'ok'; readonly baseline: BaselineFile }
  | { readonly kind: 'absent' }
  | { readonly kind: 'invalid'; readonly message: string };

/**
 * The match sets of a run, keyed by fixture file and rule (its id, or its
 * file without one). Paths are relative to the folder of `baselineFile`, with
 * `/` separators, so the keys do not depend on the working folder.
 */
export function currentMatchSets(
  results: readonly RuleResult[],
  baselineFile: string,
): MatchSets {
  const portablePath = (path: string) => baselineKey(path, baselineFile);
  const sets: MatchSets = {};
  for (const rule of results) {
    for (const fixture of rule.fixtures) {
      const file = portablePath(fixture.file);
      const byRule = (sets[file] ??= {});
      const events: Record<string, string> = {};
      for (const result of fixture.cases) {
        for (const match of result.matches) {
          events[match.fingerprint] ??= `${result.name} #${match.index}`;
        }
      }
      byRule[rule.id ?? portablePath(rule.file)] = events;
    }
  }
  return sets;
}

/**
 * The key of a file in a baseline: its path relative to the folder of
 * `baselineFile`, with `/` separators.
 */
export function baselineKey(path: string, baselineFile: string): string {
  const folder = dirname(resolve(baselineFile));
  return relative(folder, resolve(path)).split(sep).join('/');
}

/**
 * Which rules a run evaluated on each file of its match sets, for runs
 * that list only the rules that matched something (`scan`): a rule it
 * evaluated and left out matched nothing there. Without it, only the
 * (file, rule) pairs present in the current match sets are compared.
 */
export type EvaluatedRules = (rule: string) => boolean;

/** Compares the current match sets with the baseline's. */
export function compareBaseline(
  baseline: MatchSets,
  current: MatchSets,
  evaluated?: EvaluatedRules,
): BaselineChange[] {
  const changes: BaselineChange[] = [];
  for (const [file, byRule] of Object.entries(current)) {
    for (const rule of ruleKeys(baseline[file], byRule, evaluated)) {
      const events = byRule[rule] ?? {};
      const before = baseline[file]?.[rule] ?? {};
      const added = difference(events, before);
      const removed = difference(before, events);
      if (added.length + removed.length > 0) changes.push({ file, rule, added, removed });
    }
  }
  return changes;
}

/**
 * The baseline with the current run's entries replaced; with `evaluated`,
 * the entries of evaluated rules missing from a current file are dropped,
 * and so is a file left without entries.
 */
export function mergeBaseline(
  baseline: MatchSets,
  current: MatchSets,
  evaluated?: EvaluatedRules,
): BaselineFile {
  const fixtures: MatchSets = { ...baseline };
  for (const [file, byRule] of Object.entries(current)) {
    const kept = Object.entries(baseline[file] ?? {}).filter(
      ([rule]) => evaluated === undefined || !evaluated(rule),
    );
    fixtures[file] = { ...Object.fromEntries(kept), ...byRule };
    if (Object.keys(fixtures[file]).length === 0) delete fixtures[file];
  }
  return { version: BASELINE_VERSION, fixtures: sortedSets(fixtures) };
}

/** The outcome of `applyBaseline`. */
export type BaselineOutcome =
  | { readonly kind: 'diff'; readonly diff: BaselineDiff }
  | { readonly kind: 'error'; readonly message: string };

/**
 * Compares a run's match sets (keyed with `baselineKey`) with the baseline
 * `file`, and with `update` rewrites it atomically with them. A missing
 * file is an error unless `update` creates it; so is one that cannot be
 * read, parsed or written.
 */
export async function applyBaseline(
  file: string,
  current: MatchSets,
  update: boolean,
  evaluated?: EvaluatedRules,
): Promise<BaselineOutcome> {
  const read = await readBaseline(file);
  if (read.kind === 'invalid') {
    return { kind: 'error', message: `baseline ${file}: ${read.message}` };
  }
  if (read.kind === 'absent' && !update) {
    return {
      kind: 'error',
      message: `baseline ${file} does not exist; create it with --update-baseline`,
    };
  }
  const before = read.kind === 'ok' ? read.baseline.fixtures : {};
  const changes = compareBaseline(before, current, evaluated);
  if (update) {
    try {
      await writeBaseline(file, mergeBaseline(before, current, evaluated));
    } catch (error) {
      return {
        kind: 'error',
        message: `baseline ${file} not written: ${writeFailureReason(error)}`,
      };
    }
  }
  return { kind: 'diff', diff: { file, changes, updated: update } };
}

/** Reads a baseline file. */
export async function readBaseline(path: string): Promise<BaselineRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'invalid', message: (error as Error).message };
  }
  try {
    const parsed = JSON.parse(text) as Partial<BaselineFile>;
    if (parsed.version !== BASELINE_VERSION || typeof parsed.fixtures !== 'object') {
      return { kind: 'invalid', message: `not a version ${BASELINE_VERSION} baseline` };
    }
    return { kind: 'ok', baseline: parsed as BaselineFile };
  } catch (error) {
    return { kind: 'invalid', message: (error as Error).message };
  }
}

/** Writes a baseline atomically, keys sorted so diffs stay small. */
export async function writeBaseline(path: string, baseline: BaselineFile): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** The rules to compare on one file, in a stable order. */
function ruleKeys(
  before: Readonly<Record<string, unknown>> | undefined,
  now: Readonly<Record<string, unknown>>,
  evaluated: EvaluatedRules | undefined,
): string[] {
  const keys = new Set(Object.keys(now));
  if (evaluated !== undefined) {
    for (const rule of Object.keys(before ?? {})) if (evaluated(rule)) keys.add(rule);
  }
  return [...keys].sort();
}

function difference(
  from: Readonly<Record<string, string>>,
  other: Readonly<Record<string, string>>,
): BaselineEvent[] {
  return Object.entries(from)
    .filter(([fingerprint]) => !(fingerprint in other))
    .map(([fingerprint, label]) => ({ fingerprint, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

function sortedSets(sets: MatchSets): MatchSets {
  const sortKeys = <T>(record: Record<string, T>) =>
    Object.fromEntries(
      Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  const byFile = Object.entries(sets).map(([file, byRule]) => {
    const rules = Object.entries(byRule).map(([rule, events]) => [
      rule,
      sortKeys(events),
    ]);
    return [
      file,
      sortKeys(Object.fromEntries(rules) as Record<string, Record<string, string>>),
    ];
  });
  return sortKeys(Object.fromEntries(byFile) as MatchSets);
}
