/**
 * Required literals of a Sigma regex (`re` modifier), for requirements
 * (`requirement.ts`): folded strings of which every match of the regex
 * contains at least one, read from the engine's own parse tree
 * (`engine/regex/parser.ts`, flags already applied to each atom).
 *
 * Soundness: a match is the concatenation of what each item of a sequence
 * matched. An atom whose code units all fold (`foldCase`) to the same string
 * adds that string to the current run; zero-width assertions add nothing
 * and keep the run; anything else (a class with several folds, `.`, an
 * optional or repeated part, a group with alternatives) ends it. So every
 * run is, folded, a factor of the folded match. A repetition with a minimum
 * of at least one, and an alternation whose branches all have literals,
 * contribute their own requirement. Surrogate code units end a run, since
 * `foldCase` folds a surrogate pair as one character. The best (longest
 * shortest literal) requirement is kept; a top-level alternation needs a
 * literal in every branch.
 */

import { foldCase } from '../matchers/case-fold.js';
import type { RegexNode } from '../engine/regex/ast.js';
import type { SigmaRegexFlags } from '../engine/regex/inline-flags.js';
import { extractInlineFlags } from '../engine/regex/inline-flags.js';
import { parseRegex } from '../engine/regex/parser.js';
import { literalScore } from './selectivity.js';

/** Atoms with more code units than this are never one literal. */
const MAX_ATOM_UNITS = 8;

/**
 * Folded literals of which every match of `pattern` (with `flags`, before
 * inline flag groups are moved into them) contains one, or undefined when
 * none is known.
 */
export function requiredRegexLiterals(
  pattern: string,
  flags: SigmaRegexFlags,
): readonly string[] | undefined {
  const inline = extractInlineFlags(pattern, flags);
  if (!inline.ok) return undefined;
  const parsed = parseRegex(inline.source, inline.flags);
  return parsed.ok ? nodeLiterals(parsed.root) : undefined;
}

/** A node's requirement: OR-linked literals, or undefined. */
function nodeLiterals(node: RegexNode): readonly string[] | undefined {
  switch (node.type) {
    case 'atom': {
      const folded = atomFold(node);
      return folded === undefined ? undefined : [folded];
    }
    case 'assertion':
      return undefined;
    case 'sequence':
      return sequenceLiterals(node.items);
    case 'alternation':
      return alternationLiterals(node.branches);
    case 'repetition':
      return node.min >= 1 ? nodeLiterals(node.body) : undefined;
  }
}

function alternationLiterals(
  branches: readonly RegexNode[],
): readonly string[] | undefined {
  const all: string[] = [];
  for (const branch of branches) {
    const literals = nodeLiterals(branch);
    if (literals === undefined) return undefined;
    all.push(...literals);
  }
  return all;
}

/** The best requirement among the runs and inner requirements of a sequence. */
function sequenceLiterals(items: readonly RegexNode[]): readonly string[] | undefined {
  const candidates: (readonly string[])[] = [];
  let run = '';
  const endRun = (): void => {
    if (run !== '') candidates.push([run]);
    run = '';
  };
  for (const item of flatten(items)) {
    if (item.type === 'assertion') continue;
    const folded = item.type === 'atom' ? atomFold(item) : undefined;
    if (folded !== undefined) {
      run += folded;
      continue;
    }
    endRun();
    const inner = item.type === 'atom' ? undefined : nodeLiterals(item);
    if (inner !== undefined) candidates.push(inner);
  }
  endRun();
  return best(candidates);
}

/** Items of nested sequences inlined (a sequence in a sequence is concatenation). */
function flatten(items: readonly RegexNode[]): RegexNode[] {
  return items.flatMap((item) =>
    item.type === 'sequence' ? flatten(item.items) : [item],
  );
}

/** The one folded string every code unit of the atom folds to, if there is one. */
function atomFold(node: RegexNode & { type: 'atom' }): string | undefined {
  const ranges = node.set.ranges;
  let units = 0;
  let folded: string | undefined;
  for (let i = 0; i < ranges.length; i += 2) {
    const low = ranges[i] ?? 0;
    const high = ranges[i + 1] ?? 0;
    units += high - low + 1;
    if (units > MAX_ATOM_UNITS) return undefined;
    for (let code = low; code <= high; code++) {
      if (code >= 0xd800 && code <= 0xdfff) return undefined;
      const fold = foldCase(String.fromCharCode(code));
      if (folded !== undefined && fold !== folded) return undefined;
      folded = fold;
    }
  }
  return folded;
}

/** The most selective of the candidate requirements (`literalScore`). */
function best(candidates: readonly (readonly string[])[]): readonly string[] | undefined {
  let chosen: readonly string[] | undefined;
  let score = -Infinity;
  for (const literals of candidates) {
    const value = literalScore(literals);
    if (value > score) {
      chosen = literals;
      score = value;
    }
  }
  return chosen;
}
