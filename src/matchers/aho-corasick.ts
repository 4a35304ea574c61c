/**
 * The `aho-corasick` strategy: every literal (and one literal factor of each
 * wildcard) in one flat automaton (`automaton.ts`), scanned once per haystack.
 *
 * Contract: exactly the reference semantics of `pattern.ts`.
 * - Case folding is built into the character-class map, so an ASCII haystack
 *   is scanned as is: no `toLowerCase` per event. Case-insensitive and
 *   `cased` patterns live in two automata (folding and exact).
 * - Anchors are checked when a key is reported: `startswith` needs the key to
 *   end at `length - 1`, `endswith` at the last code unit, `equals` both.
 * - `test` stops at the first match.
 * - A wildcard pattern is found through its longest ASCII literal (a factor
 *   every match must contain), then verified by the exact wildcard matcher.
 *   Wildcards without a literal are verified on every haystack.
 * - Non-ASCII: the scan of the raw haystack stops at the first code unit
 *   above 127 and starts over on `foldCase(haystack)`, where such units reset
 *   the automaton; patterns whose folded value is not ASCII (they can only
 *   match a non-ASCII haystack) are checked by the exact `naive` comparison on
 *   that path. Hits found before the first non-ASCII unit are kept: the fold
 *   maps an ASCII prefix to its lower case at the same positions.
 */

import { foldCase, isAscii } from './case-fold.js';
import {
  buildAutomaton,
  compactNext,
  type Automaton,
  type AutomatonKey,
} from './automaton.js';
import type { Matcher } from './matcher.js';
import type { Pattern } from './pattern.js';
import {
  preparedMatches,
  preparePatterns,
  type PreparedPattern,
  type PreparedWildcard,
} from './prepared.js';
import type { WildcardMatcher } from './wildcard.js';

/** How a reported key turns into a match. */
const enum EntryKind {
  Contains,
  StartsWith,
  EndsWith,
  Equals,
  Factor,
}

/** An automaton with the meaning of each of its entry ids. */
interface ScanSet {
  readonly automaton: Automaton;
  readonly fold: boolean;
  readonly kind: Uint8Array;
  readonly length: Int32Array;
  readonly pattern: Int32Array;
  readonly wildcard: readonly (WildcardMatcher | undefined)[];
}

/** A key before the automaton is built. */
interface PendingKey {
  readonly text: string;
  readonly kind: EntryKind;
  readonly pattern: number;
  readonly wildcard?: WildcardMatcher;
}

/** The patterns sorted by the path that answers them. */
interface Plan {
  folded: PendingKey[];
  cased: PendingKey[];
  /** Empty `contains` / `startswith` / `endswith`: match every haystack. */
  always: number[];
  /** Empty `equals`: match only the empty haystack. */
  emptyEquals: number[];
  /** Checked exactly, only for non-ASCII haystacks. */
  nonAscii: PreparedPattern[];
  /** Wildcards without any literal: checked exactly on every haystack. */
  verifyAlways: PreparedWildcard[];
}

const KIND_OF = {
  contains: EntryKind.Contains,
  startswith: EntryKind.StartsWith,
  endswith: EntryKind.EndsWith,
  equals: EntryKind.Equals,
} as const;

/** The longest literal of a wildcard, folded unless cased, or undefined. */
function longestLiteral(pattern: Pattern & { kind: 'wildcard' }): string | undefined {
  let best: string | undefined;
  for (const token of pattern.tokens) {
    if (token.type !== 'literal' || token.value === '') continue;
    const text = pattern.cased ? token.value : foldCase(token.value);
    if (best === undefined || text.length > best.length) best = text;
  }
  return best;
}

/** Routes each pattern to the path that answers it. */
function plan(patterns: readonly Pattern[]): Plan {
  const result: Plan = {
    folded: [],
    cased: [],
    always: [],
    emptyEquals: [],
    nonAscii: [],
    verifyAlways: [],
  };
  preparePatterns(patterns).forEach((prepared, index) => {
    const pattern = patterns[index];
    if (pattern === undefined) return;
    const keys = prepared.cased ? result.cased : result.folded;
    if (prepared.kind === 'wildcard' && pattern.kind === 'wildcard') {
      const factor = longestLiteral(pattern);
      if (factor === undefined) result.verifyAlways.push(prepared);
      else if (!isAscii(factor)) result.nonAscii.push(prepared);
      else {
        const wildcard = prepared.matcher;
        keys.push({ text: factor, kind: EntryKind.Factor, pattern: index, wildcard });
      }
    } else if (prepared.kind !== 'wildcard') {
      if (!isAscii(prepared.value)) result.nonAscii.push(prepared);
      else if (prepared.value !== '') {
        keys.push({ text: prepared.value, kind: KIND_OF[prepared.kind], pattern: index });
      } else if (prepared.kind === 'equals') result.emptyEquals.push(index);
      else result.always.push(index);
    }
  });
  return result;
}

/** Builds the automaton and entry tables of a list of keys. */
function buildScanSet(keys: readonly PendingKey[], fold: boolean): ScanSet {
  const automatonKeys: AutomatonKey[] = keys.map((key, entry) => ({
    text: key.text,
    entry,
  }));
  return {
    automaton: buildAutomaton(automatonKeys, fold),
    fold,
    kind: Uint8Array.from(keys, (key) => key.kind),
    length: Int32Array.from(keys, (key) => key.text.length),
    pattern: Int32Array.from(keys, (key) => key.pattern),
    wildcard: keys.map((key) => key.wildcard),
  };
}

/**
 * True when entry `e`, reported at position `i` of `text` (length `n`), is a
 * match. `prepared` says whether `text` is already folded (or cased).
 */
function entryMatches(
  set: ScanSet,
  e: number,
  i: number,
  text: string,
  prepared: boolean,
): boolean {
  const n = text.length;
  switch (set.kind[e]) {
    case EntryKind.Contains:
      return true;
    case EntryKind.StartsWith:
      return set.length[e] === i + 1;
    case EntryKind.EndsWith:
      return i === n - 1;
    case EntryKind.Equals:
      return i === n - 1 && set.length[e] === n;
    default: {
      const subject = prepared || !set.fold ? text : foldCase(text);
      return set.wildcard[e]?.matchesPrepared(subject) ?? false;
    }
  }
}

/** True when a reporting state `s` at position `i` holds a match. */
function stateMatches(
  set: ScanSet,
  s: number,
  i: number,
  text: string,
  prepared: boolean,
) {
  const { stride, firstReporting, reportStart, reports } = set.automaton;
  const k = (s - firstReporting) / stride;
  const end = reportStart[k + 1] ?? 0;
  for (let r = reportStart[k] ?? 0; r < end; r++) {
    if (entryMatches(set, reports[r] ?? 0, i, text, prepared)) return true;
  }
  return false;
}

/**
 * Scans `text` until the first match: 1 on a match, 0 on none, -1 when it
 * stopped at a non-ASCII unit (only when not `tolerant`; tolerant scans treat
 * such units as a character no key holds). An all-dense automaton (every
 * small one) takes a loop without the test for compact states.
 */
function firstHit(set: ScanSet, text: string, tolerant: boolean): number {
  return set.automaton.compact.length === 0
    ? denseFirstHit(set, text, tolerant)
    : mixedFirstHit(set, text, tolerant);
}

/** `firstHit` over an automaton without compact states. */
function denseFirstHit(set: ScanSet, text: string, tolerant: boolean): number {
  const { table, classes, firstReporting } = set.automaton;
  const n = text.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 127) {
      if (!tolerant) return -1;
      s = 0;
      continue;
    }
    s = table[s + classes[unit]!]!;
    if (s >= firstReporting && stateMatches(set, s, i, text, tolerant)) return 1;
  }
  return 0;
}

/** `firstHit` over an automaton with compact states. */
function mixedFirstHit(set: ScanSet, text: string, tolerant: boolean): number {
  const { table, compact, classes, firstReporting } = set.automaton;
  const n = text.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 127) {
      if (!tolerant) return -1;
      s = 0;
      continue;
    }
    const c = classes[unit]!;
    s = s >= 0 ? table[s + c]! : compactNext(table, compact, s, c);
    if (s >= firstReporting && stateMatches(set, s, i, text, tolerant)) return 1;
  }
  return 0;
}

/** Adds to `found` the pattern of every entry matching in `text`. */
function collect(set: ScanSet, text: string, prepared: boolean, found: Set<number>) {
  const { table, compact, classes, firstReporting, stride, reportStart, reports } =
    set.automaton;
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 127) {
      s = 0;
      continue;
    }
    const c = classes[unit]!;
    s = s >= 0 ? table[s + c]! : compactNext(table, compact, s, c);
    if (s < firstReporting) continue;
    const k = (s - firstReporting) / stride;
    for (let r = reportStart[k]!; r < reportStart[k + 1]!; r++) {
      const e = reports[r]!;
      if (entryMatches(set, e, i, text, prepared)) found.add(set.pattern[e]!);
    }
  }
}

/** Builds an `aho-corasick` matcher over `patterns`. */
export function createAhoCorasickMatcher(patterns: readonly Pattern[]): Matcher {
  const routes = plan(patterns);
  const folded = buildScanSet(routes.folded, true);
  const cased = routes.cased.length > 0 ? buildScanSet(routes.cased, false) : undefined;
  const anyAlways = routes.always.length > 0;
  const anyEmptyEquals = routes.emptyEquals.length > 0;
  const exactly = (list: readonly PreparedPattern[], raw: string, foldedText: string) =>
    list.some((p) => preparedMatches(p, raw, foldedText));

  const slowTest = (haystack: string): boolean => {
    const foldedText = foldCase(haystack);
    if (firstHit(folded, foldedText, true) === 1) return true;
    if (cased !== undefined && firstHit(cased, haystack, true) === 1) return true;
    return (
      exactly(routes.nonAscii, haystack, foldedText) ||
      exactly(routes.verifyAlways, haystack, foldedText)
    );
  };

  const test = (haystack: string): boolean => {
    if (anyAlways || (anyEmptyEquals && haystack.length === 0)) return true;
    const hit = firstHit(folded, haystack, false);
    if (hit !== 0) return hit === 1 || slowTest(haystack);
    if (cased !== undefined && firstHit(cased, haystack, true) === 1) return true;
    return (
      routes.verifyAlways.length > 0 &&
      exactly(routes.verifyAlways, haystack, foldCase(haystack))
    );
  };

  const matchingPatterns = (haystack: string): number[] => {
    const found = new Set<number>(routes.always);
    if (haystack.length === 0) routes.emptyEquals.forEach((index) => found.add(index));
    const foldedText = foldCase(haystack);
    collect(folded, foldedText, true, found);
    if (cased !== undefined) collect(cased, haystack, true, found);
    const exact = isAscii(haystack)
      ? routes.verifyAlways
      : [...routes.nonAscii, ...routes.verifyAlways];
    for (const p of exact)
      if (preparedMatches(p, haystack, foldedText)) found.add(p.index);
    return [...found].sort((a, b) => a - b);
  };

  return { strategy: 'aho-corasick', patterns, test, matchingPatterns };
}
