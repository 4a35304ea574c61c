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
import { writeFileAtomic } from './atomic-write.js';
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
  const folder = dirname(resolve(baselineFile));
  const portablePath = (path: string) =>
    relative(folder, resolve(path)).split(sep).join('/');
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

/** Compares the current match sets with the baseline's. */
export function compareBaseline(
  baseline: MatchSets,
  current: MatchSets,
): BaselineChange[] {
  const changes: BaselineChange[] = [];
  for (const [file, byRule] of Object.entries(current)) {
    for (const [rule, events] of Object.entries(byRule)) {
      const before = baseline[file]?.[rule] ?? {};
      const added = difference(events, before);
      const removed = difference(before, events);
      if (added.length + removed.length > 0) changes.push({ file, rule, added, removed });
    }
  }
  return changes;
}

/** The baseline with the current run's entries replaced. */
export function mergeBaseline(baseline: MatchSets, current: MatchSets): BaselineFile {
  const fixtures: MatchSets = { ...baseline };
  for (const [file, byRule] of Object.entries(current)) {
    fixtures[file] = { ...(baseline[file] ?? {}), ...byRule };
  }
  return { version: BASELINE_VERSION, fixtures: sortedSets(fixtures) };
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
