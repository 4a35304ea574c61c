/**
 * Everything the match benchmark times: our strategies, two off-the-shelf
 * Aho-Corasick packages (for the report only, loaded dynamically so that an
 * install without dev dependencies skips them), and two in-run baselines.
 *
 * Every contender is a `score` function over one haystack, summed into a
 * checksum: 1/0 for a match verdict, and for the baselines the length
 * (`touch`) or the sum of code units (`charCodeAt`), so no work can be
 * dropped as dead code.
 */

import {
  MATCHER_FACTORIES,
  STRATEGY_NAMES,
  type StrategyName,
} from '../matchers/index.js';
import type { Pattern } from '../matchers/pattern.js';

/** Off-the-shelf references measured side by side. */
export const REFERENCE_NAMES = ['monyone-fast', 'modern-ahocorasick'] as const;

/** In-run baselines: the cost of reading the haystack. */
export const BASELINE_NAMES = ['baseline-touch', 'baseline-charcodeat'] as const;

/** Any contender name. */
export type ContenderName =
  StrategyName | (typeof REFERENCE_NAMES)[number] | (typeof BASELINE_NAMES)[number];

/** Every contender name, strategies first. */
export const CONTENDER_NAMES: readonly ContenderName[] = [
  ...STRATEGY_NAMES,
  ...REFERENCE_NAMES,
  ...BASELINE_NAMES,
];

/** The role of a contender in the report. */
export type ContenderKind = 'strategy' | 'reference' | 'baseline';

/** A loaded contender, or the reason it cannot run here. */
export type LoadedContender =
  | {
      readonly kind: 'ready';
      readonly role: ContenderKind;
      readonly score: (haystack: string) => number;
    }
  | { readonly kind: 'skipped'; readonly reason: string };

/** True when `name` is a contender name. */
export function isContenderName(name: string): name is ContenderName {
  return (CONTENDER_NAMES as readonly string[]).includes(name);
}

/** The role of a contender. */
export function contenderKind(name: ContenderName): ContenderKind {
  if ((BASELINE_NAMES as readonly string[]).includes(name)) return 'baseline';
  return (REFERENCE_NAMES as readonly string[]).includes(name) ? 'reference' : 'strategy';
}

/** Reads the length: the floor of touching a string. */
function touch(haystack: string): number {
  return haystack.length;
}

/** Reads every code unit: the floor of any scanning matcher. */
function charCodeSum(haystack: string): number {
  let sum = 0;
  for (let i = 0; i < haystack.length; i++) sum += haystack.charCodeAt(i);
  return sum;
}

/** Contains-values of the patterns, for packages that only search literals. */
function literalValues(patterns: readonly Pattern[]): string[] | undefined {
  const values: string[] = [];
  for (const p of patterns) {
    if (p.kind !== 'contains' || p.cased || p.value !== p.value.toLowerCase())
      return undefined;
    values.push(p.value);
  }
  return values;
}

/**
 * Loads an off-the-shelf package. They know no case folding, so the haystack
 * is lower-cased for them (part of their measured cost).
 */
async function loadReference(
  name: (typeof REFERENCE_NAMES)[number],
  patterns: readonly Pattern[],
): Promise<LoadedContender> {
  const values = literalValues(patterns);
  if (values === undefined) {
    return { kind: 'skipped', reason: 'only lower-case contains patterns are supported' };
  }
  try {
    if (name === 'monyone-fast') {
      const module = await import('@monyone/aho-corasick/fast');
      const automaton = new module.AhoCorasick(values);
      const score = (h: string) => (automaton.hasKeywordInText(h.toLowerCase()) ? 1 : 0);
      return { kind: 'ready', role: 'reference', score };
    }
    const module = await import('modern-ahocorasick');
    const automaton = new module.default(values);
    const score = (h: string) => (automaton.match(h.toLowerCase()) ? 1 : 0);
    return { kind: 'ready', role: 'reference', score };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'skipped', reason: `not installed (dev dependency): ${reason}` };
  }
}

/** Loads a contender over `patterns`. */
export async function loadContender(
  name: ContenderName,
  patterns: readonly Pattern[],
): Promise<LoadedContender> {
  if (name === 'baseline-touch') return { kind: 'ready', role: 'baseline', score: touch };
  if (name === 'baseline-charcodeat') {
    return { kind: 'ready', role: 'baseline', score: charCodeSum };
  }
  if (name === 'monyone-fast' || name === 'modern-ahocorasick') {
    return loadReference(name, patterns);
  }
  const matcher = MATCHER_FACTORIES[name](patterns);
  return { kind: 'ready', role: 'strategy', score: (h) => (matcher.test(h) ? 1 : 0) };
}
