/**
 * Static analysis that decides whether V8's backtracking engine may run a
 * pattern. It is conservative: a pattern is accepted only when, from any one
 * start position, backtracking does work at most proportional to the
 * haystack length times a constant that depends on the pattern alone. That
 * excludes exponential blow-up (`(a+)+`, `(a|aa)*`) and polynomial blow-up
 * (`.*.*x`, `\s*\s*x`, `.*a.*b`). The rules, applied after expanding small
 * fixed counts (`x{3}` is `xxx`):
 *
 * 1. A loop (a quantifier whose maximum exceeds 1) has a deterministic body:
 *    no quantifier inside, never empty, and any alternation inside has
 *    branches of plain atoms whose first atoms share no code unit.
 * 2. Of two loops where the second can follow the first, either their
 *    atoms share no code unit, or an atom that every path from the first to
 *    the second must read shares no code unit with one of them.
 * 3. At most `MAX_CHOICE_POINTS` (4) choice points: optional items (`x?`)
 *    and extra branches of ambiguous alternations, each of which can
 *    multiply the paths tried from one start position.
 *
 * 4. No atom is exactly U+017F (long s) or U+212A (Kelvin sign): V8 in
 *    Node 20 answers wrongly on alternations of such a literal with its ASCII
 *    case variants under `i` (`/\u017f|s|S/i.test('s')` is false), so these
 *    patterns run on the linear engine, which follows the specification.
 *
 * A search still tries every start position, so V8's cost on an accepted
 * pattern can grow with the square of the haystack length; `index.ts` sends
 * long haystacks to the linear engine for that reason.
 */

import type { RegexNode } from './ast.js';
import { CharSet } from './char-set.js';

/** Largest `{n}` expanded into n copies; larger fixed counts count as loops. */
const MAX_EXPANDED_COUNT = 16;
/** Node budget for the expansion; past it the pattern is not safe. */
const MAX_EXPANDED_NODES = 5_000;
/** Most loops a safe pattern may have (rule 2 compares every pair). */
const MAX_LOOPS = 64;
/**
 * Most choice points a safe pattern may have: one per optional item (`x?`),
 * k - 1 per alternation of k branches that are not plain and disjoint.
 */
export const MAX_CHOICE_POINTS = 4;

type Repetition = Extract<RegexNode, { type: 'repetition' }>;

/** A loop with the path of (node, child index) pairs from the root to it. */
interface LoopSite {
  readonly loop: Repetition;
  readonly path: readonly { readonly node: RegexNode; readonly child: number }[];
  /** Every code unit the loop body can read. */
  readonly universe: CharSet;
}

/** True when V8's backtracking engine can run `root` without blow-up. */
export function isBacktrackingSafe(root: RegexNode): boolean {
  const budget = { nodes: 0 };
  const expanded = expandFixedCounts(root, budget);
  if (budget.nodes > MAX_EXPANDED_NODES) return false;
  if (hasV8CaseQuirkAtom(expanded)) return false;
  if (countChoicePoints(expanded) > MAX_CHOICE_POINTS) return false;
  const loops: LoopSite[] = [];
  collectLoops(expanded, [], loops);
  if (loops.length > MAX_LOOPS) return false;
  if (!loops.every((site) => isDeterministicBody(site.loop.body))) return false;
  return loops.every((first) =>
    loops.every((second) => first === second || !isOverlappingPair(first, second)),
  );
}

function expandFixedCounts(node: RegexNode, budget: { nodes: number }): RegexNode {
  budget.nodes++;
  if (budget.nodes > MAX_EXPANDED_NODES) return node;
  switch (node.type) {
    case 'atom':
    case 'assertion':
      return node;
    case 'sequence':
      return {
        ...node,
        items: node.items.map((item) => expandFixedCounts(item, budget)),
      };
    case 'alternation':
      return {
        ...node,
        branches: node.branches.map((b) => expandFixedCounts(b, budget)),
      };
    case 'repetition':
      return expandRepetition(node, budget);
  }
}

function expandRepetition(node: Repetition, budget: { nodes: number }): RegexNode {
  if (node.min !== node.max || node.max > MAX_EXPANDED_COUNT) {
    return { ...node, body: expandFixedCounts(node.body, budget) };
  }
  const items: RegexNode[] = [];
  for (let i = 0; i < node.min; i++) items.push(expandFixedCounts(node.body, budget));
  return { type: 'sequence', items, offset: node.offset };
}

/** Code units whose lone literal V8 mishandles in `i` alternations. */
const V8_CASE_QUIRKS = [0x017f, 0x212a];

/** Rule 4: an atom that is exactly one of `V8_CASE_QUIRKS`. */
function hasV8CaseQuirkAtom(node: RegexNode): boolean {
  if (node.type === 'atom') {
    const [low, high] = node.set.ranges;
    return (
      node.set.ranges.length === 2 && low === high && V8_CASE_QUIRKS.includes(low ?? -1)
    );
  }
  return childrenOf(node).some(hasV8CaseQuirkAtom);
}

function countChoicePoints(node: RegexNode): number {
  switch (node.type) {
    case 'atom':
    case 'assertion':
      return 0;
    case 'sequence':
      return node.items.reduce((sum, item) => sum + countChoicePoints(item), 0);
    case 'alternation': {
      const inner = node.branches.reduce((sum, b) => sum + countChoicePoints(b), 0);
      const choices = hasDisjointPlainBranches(node.branches)
        ? 0
        : node.branches.length - 1;
      return inner + choices;
    }
    case 'repetition':
      return countChoicePoints(node.body) + (node.max === 1 && node.min === 0 ? 1 : 0);
  }
}

function collectLoops(node: RegexNode, path: LoopSite['path'], out: LoopSite[]): void {
  const children = childrenOf(node);
  if (node.type === 'repetition' && node.max > 1) {
    out.push({ loop: node, path, universe: universe(node.body) });
  }
  children.forEach((child, index) =>
    collectLoops(child, [...path, { node, child: index }], out),
  );
}

function childrenOf(node: RegexNode): readonly RegexNode[] {
  switch (node.type) {
    case 'sequence':
      return node.items;
    case 'alternation':
      return node.branches;
    case 'repetition':
      return [node.body];
    default:
      return [];
  }
}

/** Rule 1: a loop body that one and only one way can read. */
function isDeterministicBody(body: RegexNode): boolean {
  return consumes(body) && isPlainOrDisjoint(body);
}

function isPlainOrDisjoint(node: RegexNode): boolean {
  switch (node.type) {
    case 'atom':
    case 'assertion':
      return true;
    case 'sequence':
      return node.items.every(isPlainOrDisjoint);
    case 'alternation':
      return hasDisjointPlainBranches(node.branches);
    case 'repetition':
      return false;
  }
}

/** True when every path through `node` reads at least one code unit. */
function consumes(node: RegexNode): boolean {
  switch (node.type) {
    case 'atom':
      return true;
    case 'assertion':
      return false;
    case 'sequence':
      return node.items.some(consumes);
    case 'alternation':
      return node.branches.every(consumes);
    case 'repetition':
      return node.min > 0 && consumes(node.body);
  }
}

/** Branches made of atoms and assertions whose first atoms are disjoint. */
function hasDisjointPlainBranches(branches: readonly RegexNode[]): boolean {
  const firsts: CharSet[] = [];
  for (const branch of branches) {
    const atoms = plainAtoms(branch);
    const first = atoms?.[0];
    if (first === undefined) return false;
    if (firsts.some((set) => set.intersects(first))) return false;
    firsts.push(first);
  }
  return true;
}

/** The atom sets of a node made only of atoms and assertions, in order. */
function plainAtoms(node: RegexNode): CharSet[] | undefined {
  if (node.type === 'atom') return [node.set];
  if (node.type === 'assertion') return [];
  if (node.type !== 'sequence') return undefined;
  const out: CharSet[] = [];
  for (const item of node.items) {
    const atoms = plainAtoms(item);
    if (atoms === undefined) return undefined;
    out.push(...atoms);
  }
  return out;
}

/** Rule 2: `second` can follow `first` and both can read the same text. */
function isOverlappingPair(first: LoopSite, second: LoopSite): boolean {
  const depth = commonDepth(first.path, second.path);
  const parent = first.path[depth];
  const other = second.path[depth];
  if (parent === undefined || other === undefined) return true;
  if (parent.node.type !== 'sequence' || parent.child >= other.child) return false;
  const shared = first.universe;
  const later = second.universe;
  if (!shared.intersects(later)) return false;
  const between = [
    ...first.path.slice(depth + 1).flatMap((step) => itemsAfter(step)),
    ...parent.node.items.slice(parent.child + 1, other.child),
    ...second.path.slice(depth + 1).flatMap((step) => itemsBefore(step)),
  ];
  return !between.some((item) => isBarrier(item, shared, later));
}

/** Items of an enclosing sequence that must follow once inside `child`. */
function itemsAfter(step: LoopSite['path'][number]): readonly RegexNode[] {
  return step.node.type === 'sequence' ? step.node.items.slice(step.child + 1) : [];
}

/** Items of an enclosing sequence that must precede `child`. */
function itemsBefore(step: LoopSite['path'][number]): readonly RegexNode[] {
  return step.node.type === 'sequence' ? step.node.items.slice(0, step.child) : [];
}

function commonDepth(a: LoopSite['path'], b: LoopSite['path']): number {
  let depth = 0;
  while (
    depth < a.length &&
    depth < b.length &&
    a[depth]?.node === b[depth]?.node &&
    a[depth]?.child === b[depth]?.child
  ) {
    depth++;
  }
  return depth;
}

/** Every code unit some atom of `node` can read. */
function universe(node: RegexNode): CharSet {
  switch (node.type) {
    case 'atom':
      return node.set;
    case 'assertion':
      return CharSet.empty();
    case 'repetition':
      return universe(node.body);
    default:
      return childrenOf(node).reduce(
        (set, child) => set.union(universe(child)),
        CharSet.empty(),
      );
  }
}

/** True when every path through `node` reads a code unit outside a or b. */
function isBarrier(node: RegexNode, a: CharSet, b: CharSet): boolean {
  switch (node.type) {
    case 'atom':
      return !node.set.intersects(a) || !node.set.intersects(b);
    case 'assertion':
      return false;
    case 'sequence':
      return node.items.some((item) => isBarrier(item, a, b));
    case 'alternation':
      return node.branches.every((branch) => isBarrier(branch, a, b));
    case 'repetition':
      return node.min > 0 && isBarrier(node.body, a, b);
  }
}
