/**
 * Builds haystacks from a pattern's own tree: strings that walk one path
 * through it (so they tend to match), plus variants that tend not to.
 * Deterministic for a given seed.
 */

import type { RegexNode } from '../../../src/engine/regex/ast.js';
import type { CharSet } from '../../../src/engine/regex/char-set.js';

/** A small deterministic pseudo-random generator (mulberry32). */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MAX_EXTRA_REPEATS = 3;

/** A string that one path through `node` reads. */
export function sampleString(node: RegexNode, random: () => number): string {
  switch (node.type) {
    case 'atom':
      return sampleCode(node.set, random);
    case 'assertion':
      return '';
    case 'sequence':
      return node.items.map((item) => sampleString(item, random)).join('');
    case 'alternation': {
      const branch = node.branches[Math.floor(random() * node.branches.length)];
      return branch === undefined ? '' : sampleString(branch, random);
    }
    case 'repetition': {
      const extra = Math.floor(random() * (MAX_EXTRA_REPEATS + 1));
      const count = Math.min(node.max, node.min + extra);
      let out = '';
      for (let i = 0; i < count; i++) out += sampleString(node.body, random);
      return out;
    }
  }
}

function sampleCode(set: CharSet, random: () => number): string {
  const pairs = set.pairs();
  const printable = pairs.filter(([, high]) => high >= 0x20);
  const pool = printable.length > 0 ? printable : pairs;
  const pair = pool[Math.floor(random() * pool.length)];
  if (pair === undefined) return '';
  const low = Math.max(pair[0], pool === printable ? 0x20 : pair[0]);
  const high = Math.min(pair[1], low + 94);
  return String.fromCharCode(low + Math.floor(random() * (high - low + 1)));
}

/** Variants of `text`: case changes, a cut, a newline, surrounding text. */
export function variantsOf(text: string, random: () => number): string[] {
  const cut = Math.floor(random() * text.length);
  return [
    text,
    text.toUpperCase(),
    text.toLowerCase(),
    text.slice(0, cut) + text.slice(cut + 1),
    `${text.slice(0, cut)}\n${text.slice(cut)}`,
    `x ${text} y`,
    text.slice(0, -1),
    text + text,
  ];
}
