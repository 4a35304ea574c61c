/**
 * Generating strings that a Sigma regex matches, from the engine's regex
 * syntax tree (`engine/regex`). Alternations take a random branch,
 * repetitions a count between the minimum and a few more, atoms a
 * printable ASCII character of their set when there is one. Assertions
 * (`^`, `$`, `\b`) add nothing: the caller checks the string with the
 * regex and tries again when an assertion does not hold.
 *
 * Patterns the engine rejects (lookaround, backreferences, non-leading
 * inline flags) cannot be generated; `generateRegexMatch` says why.
 */

import type { RegexNode } from '../engine/regex/ast.js';
import type { CharSet } from '../engine/regex/char-set.js';
import { extractInlineFlags } from '../engine/regex/inline-flags.js';
import type { SigmaRegexFlags } from '../engine/regex/inline-flags.js';
import { parseRegex } from '../engine/regex/parser.js';
import { regExpFlags } from '../engine/regex/index.js';
import type { Random } from './random.js';

/** A generated match, or why there is none. */
export type RegexGeneration =
  | { readonly ok: true; readonly text: string; readonly anchored: boolean }
  | { readonly ok: false; readonly reason: string };

const ATTEMPTS = 20;
const EXTRA_REPEATS = 2;
const PRINTABLE_LOW = 0x20;
const PRINTABLE_HIGH = 0x7e;

/**
 * A string that the regex `pattern` (a Sigma `re` value) finds a match in.
 * `anchored` is true when the pattern has `^` or `$`: the text must then
 * stand alone, with nothing added around it.
 */
export function generateRegexMatch(
  pattern: string,
  flags: SigmaRegexFlags,
  random: Random,
): RegexGeneration {
  const inline = extractInlineFlags(pattern, flags);
  if (!inline.ok) return { ok: false, reason: `regex: ${inline.message}` };
  const parsed = parseRegex(inline.source, inline.flags);
  if (!parsed.ok) return { ok: false, reason: `regex: ${parsed.message}` };
  const native = new RegExp(inline.source, regExpFlags(inline.flags));
  const anchored = hasLineAssertion(parsed.root);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const text = generate(parsed.root, random);
    if (native.test(text)) return { ok: true, text, anchored };
  }
  return { ok: false, reason: `regex: no generated string matched /${pattern}/` };
}

function generate(node: RegexNode, random: Random): string {
  switch (node.type) {
    case 'atom':
      return pickChar(node.set, random);
    case 'assertion':
      return '';
    case 'sequence':
      return node.items.map((item) => generate(item, random)).join('');
    case 'alternation':
      return generate(random.pick(node.branches), random);
    case 'repetition': {
      const spread = Math.min(EXTRA_REPEATS, node.max - node.min);
      const count = node.min + random.int(spread + 1);
      let out = '';
      for (let i = 0; i < count; i++) out += generate(node.body, random);
      return out;
    }
  }
}

function pickChar(set: CharSet, random: Random): string {
  const printable: [number, number][] = [];
  for (const [low, high] of set.pairs()) {
    const from = Math.max(low, PRINTABLE_LOW);
    const to = Math.min(high, PRINTABLE_HIGH);
    if (from <= to) printable.push([from, to]);
  }
  const ranges = printable.length > 0 ? printable : set.pairs();
  if (ranges.length === 0) return '';
  const [low, high] = random.pick(ranges);
  return String.fromCharCode(low + random.int(high - low + 1));
}

function hasLineAssertion(node: RegexNode): boolean {
  switch (node.type) {
    case 'assertion':
      return node.kind === 'line-start' || node.kind === 'line-end';
    case 'atom':
      return false;
    case 'sequence':
      return node.items.some(hasLineAssertion);
    case 'alternation':
      return node.branches.some(hasLineAssertion);
    case 'repetition':
      return hasLineAssertion(node.body);
  }
}
