/**
 * Parser for the JavaScript regex subset Sigma rules use, with the syntax of
 * a JS `RegExp` without the `u` flag (ECMAScript Annex B): literals, identity
 * escapes such as `\"`, a lone `]`, `{` or `}` as a literal, `\d \D \w \W \s
 * \S \b \B`, control escapes, `\cX`, `\xHH`, `\uHHHH`, `.`, classes with
 * ranges, negation and escapes, `^ $`, groups `( )`, `(?: )` and `(?<name> )`
 * (captures are not kept), alternation, and the greedy or lazy quantifiers
 * `* + ? {n} {n,} {n,m}`.
 *
 * Rejected with a message and an offset: groups nested deeper than
 * `MAX_GROUP_DEPTH`, lookaround, backreferences
 * (`\1`-`\9`, `\k<name>`), legacy octal escapes outside classes, and inline
 * flag groups such as `(?i)` (a leading one is moved into the flags before
 * parsing; see `inline-flags.ts`).
 */

import type { AssertionKind, RegexNode } from './ast.js';
import { caseEquivalents } from './case-canonical.js';
import { CharSet, DIGITS, DOT, SPACE, WORD } from './char-set.js';

/** The flags that change what a parsed atom matches. */
export interface ParseFlags {
  readonly ignoreCase: boolean;
  readonly dotAll: boolean;
}

/** The outcome of parsing: a tree, or a message at a pattern offset. */
export type ParseResult =
  | { readonly ok: true; readonly root: RegexNode }
  | { readonly ok: false; readonly message: string; readonly offset: number };

/** Parses `pattern` into a tree whose atoms already carry the flags' effect. */
export function parseRegex(pattern: string, flags: ParseFlags): ParseResult {
  try {
    return { ok: true, root: new Parser(pattern, flags).parse() };
  } catch (error) {
    if (error instanceof RegexSyntaxError) {
      return { ok: false, message: error.message, offset: error.offset };
    }
    throw error;
  }
}

class RegexSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Deepest group nesting accepted; it bounds every recursion on the tree. */
export const MAX_GROUP_DEPTH = 256;
const TOO_DEEP = `groups nested deeper than ${MAX_GROUP_DEPTH} levels`;
const NOTHING_TO_REPEAT = 'nothing to repeat';
const LOOKAROUND =
  'lookaround is not supported: it is outside the Sigma regex subset and ' +
  'breaks the linear-time guarantee';
const BACKREFERENCE =
  'backreferences (and legacy octal escapes) are not supported: they are ' +
  'outside the Sigma regex subset and break the linear-time guarantee';
const INLINE_FLAGS =
  'an inline flag group such as (?i) is only supported at the very start of ' +
  'the pattern';

const CONTROL_ESCAPES: Readonly<Record<string, number>> = {
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
};

/** A parsed class atom: one code unit, or a set from `\d`-style escapes. */
type ClassAtom = { readonly code: number } | { readonly set: CharSet };

interface Quantifier {
  readonly min: number;
  readonly max: number;
  /** Offset just past the quantifier (before a lazy `?`). */
  readonly end: number;
}

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly namedGroups: boolean;

  constructor(
    private readonly pattern: string,
    private readonly flags: ParseFlags,
  ) {
    this.namedGroups = hasNamedGroups(pattern);
  }

  parse(): RegexNode {
    const root = this.disjunction();
    if (this.pos < this.pattern.length) {
      throw new RegexSyntaxError("unmatched ')'", this.pos);
    }
    return root;
  }

  private peek(ahead = 0): string {
    return this.pattern[this.pos + ahead] ?? '';
  }

  private disjunction(): RegexNode {
    const offset = this.pos;
    const branches = [this.alternative()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.alternative());
    }
    if (branches.length === 1 && branches[0] !== undefined) return branches[0];
    return { type: 'alternation', branches, offset };
  }

  private alternative(): RegexNode {
    const offset = this.pos;
    const items: RegexNode[] = [];
    while (this.pos < this.pattern.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.term());
    }
    return { type: 'sequence', items, offset };
  }

  private term(): RegexNode {
    const offset = this.pos;
    const kind = this.assertionKind();
    if (kind !== undefined) {
      if (this.quantifierAt(this.pos) !== undefined) {
        throw new RegexSyntaxError(NOTHING_TO_REPEAT, this.pos);
      }
      return { type: 'assertion', kind, offset };
    }
    const body = this.atom();
    const quantifier = this.quantifierAt(this.pos);
    if (quantifier === undefined) return body;
    this.pos = quantifier.end;
    const lazy = this.peek() === '?';
    if (lazy) this.pos++;
    if (quantifier.min > quantifier.max) {
      throw new RegexSyntaxError('numbers out of order in {} quantifier', offset);
    }
    return {
      type: 'repetition',
      body,
      min: quantifier.min,
      max: quantifier.max,
      lazy,
      offset,
    };
  }

  private assertionKind(): AssertionKind | undefined {
    const char = this.peek();
    if (char === '^' || char === '$') {
      this.pos++;
      return char === '^' ? 'line-start' : 'line-end';
    }
    if (char === '\\' && (this.peek(1) === 'b' || this.peek(1) === 'B')) {
      this.pos += 2;
      return this.pattern[this.pos - 1] === 'b' ? 'word-boundary' : 'not-word-boundary';
    }
    return undefined;
  }

  /** A quantifier starting at `at`, or undefined (then `{` is a literal). */
  private quantifierAt(at: number): Quantifier | undefined {
    const char = this.pattern[at];
    if (char === '*') return { min: 0, max: Infinity, end: at + 1 };
    if (char === '+') return { min: 1, max: Infinity, end: at + 1 };
    if (char === '?') return { min: 0, max: 1, end: at + 1 };
    if (char !== '{') return undefined;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(at));
    if (match === null) return undefined;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] ? Number(match[3]) : Infinity;
    return { min, max, end: at + match[0].length };
  }

  private atom(): RegexNode {
    const offset = this.pos;
    const char = this.peek();
    if (char === '(') return this.group();
    if (char === '[') return this.atomOf(this.characterClass(), offset);
    if (char === '.') {
      this.pos++;
      return this.atomOf(this.flags.dotAll ? CharSet.all() : DOT, offset);
    }
    if (char === '\\') return this.atomOf(this.atomEscape(), offset);
    if (char === '*' || char === '+' || char === '?') {
      throw new RegexSyntaxError(NOTHING_TO_REPEAT, offset);
    }
    if (char === '{' && this.quantifierAt(offset) !== undefined) {
      throw new RegexSyntaxError(NOTHING_TO_REPEAT, offset);
    }
    this.pos++;
    return this.atomOf(this.literal(char.charCodeAt(0)), offset);
  }

  private atomOf(set: CharSet, offset: number): RegexNode {
    return { type: 'atom', set, offset };
  }

  private literal(code: number): CharSet {
    return this.flags.ignoreCase
      ? CharSet.of(...caseEquivalents(code))
      : CharSet.of(code);
  }

  private withCase(set: CharSet): CharSet {
    return this.flags.ignoreCase ? set.caseClosure() : set;
  }

  private group(): RegexNode {
    const open = this.pos;
    if (++this.depth > MAX_GROUP_DEPTH) throw new RegexSyntaxError(TOO_DEEP, open);
    this.pos++;
    if (this.peek() === '?') this.groupPrefix(open);
    const body = this.disjunction();
    if (this.peek() !== ')') throw new RegexSyntaxError('unterminated group', open);
    this.pos++;
    this.depth--;
    return body;
  }

  /** Consumes `?:` or `?<name>`; rejects every other `(?` form. */
  private groupPrefix(open: number): void {
    const rest = this.pattern.slice(this.pos);
    if (rest.startsWith('?:')) {
      this.pos += 2;
      return;
    }
    if (/^\?(=|!|<=|<!)/.test(rest)) throw new RegexSyntaxError(LOOKAROUND, open);
    const named = /^\?<([A-Za-z_$][\w$]*)>/.exec(rest);
    if (named !== null) {
      this.pos += named[0].length;
      return;
    }
    if (/^\?[a-zA-Z-]+[):]/.test(rest)) throw new RegexSyntaxError(INLINE_FLAGS, open);
    throw new RegexSyntaxError('invalid group', open);
  }

  private atomEscape(): CharSet {
    const offset = this.pos;
    const char = this.peek(1);
    if (char === '') throw new RegexSyntaxError('\\ at end of pattern', offset);
    const set = escapeSet(char);
    if (set !== undefined) {
      this.pos += 2;
      return this.withCase(set);
    }
    if (/[1-9]/.test(char) || (char === '0' && /\d/.test(this.peek(2)))) {
      throw new RegexSyntaxError(BACKREFERENCE, offset);
    }
    if (char === 'k' && this.namedGroups)
      throw new RegexSyntaxError(BACKREFERENCE, offset);
    if (char === 'c' && !/[A-Za-z]/.test(this.peek(2))) {
      this.pos++;
      return this.literal(0x5c);
    }
    return this.literal(this.characterEscape());
  }

  /**
   * Reads an escape that stands for one code unit (`\n`, `\cX`, `\xHH`,
   * `\uHHHH`, `\0`, identity escapes), with `pos` on the backslash.
   */
  private characterEscape(): number {
    const char = this.peek(1);
    const control = CONTROL_ESCAPES[char];
    this.pos += 2;
    if (control !== undefined) return control;
    if (char === 'c') {
      this.pos++;
      return this.pattern.charCodeAt(this.pos - 1) % 32;
    }
    if (char === '0') return 0;
    const hexLength = char === 'x' ? 2 : char === 'u' ? 4 : 0;
    const hex = this.pattern.slice(this.pos, this.pos + hexLength);
    if (hexLength > 0 && new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) {
      this.pos += hexLength;
      return parseInt(hex, 16);
    }
    return char.charCodeAt(0);
  }

  private characterClass(): CharSet {
    const open = this.pos;
    this.pos++;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const pairs: [number, number][] = [];
    while (this.peek() !== ']') {
      if (this.pos >= this.pattern.length) {
        throw new RegexSyntaxError('unterminated character class', open);
      }
      pairs.push(...this.classRange().pairs());
    }
    this.pos++;
    const cased = this.withCase(CharSet.fromRanges(pairs));
    return negated ? cased.complement() : cased;
  }

  /** One class atom, or a range `a-b` (Annex B: `\d-x` is three atoms). */
  private classRange(): CharSet {
    const offset = this.pos;
    const first = this.classAtom();
    if (this.peek() !== '-' || this.peek(1) === ']' || this.peek(1) === '') {
      return setOf(first);
    }
    this.pos++;
    const last = this.classAtom();
    if ('code' in first && 'code' in last) {
      if (first.code > last.code) {
        throw new RegexSyntaxError('range out of order in character class', offset);
      }
      return CharSet.fromRanges([[first.code, last.code]]);
    }
    return setOf(first).union(CharSet.of(0x2d)).union(setOf(last));
  }

  private classAtom(): ClassAtom {
    const char = this.peek();
    if (char !== '\\') {
      this.pos++;
      return { code: char.charCodeAt(0) };
    }
    const next = this.peek(1);
    const set = escapeSet(next);
    if (set !== undefined) {
      this.pos += 2;
      return { set };
    }
    return { code: this.classCharacterEscape(next) };
  }

  private classCharacterEscape(next: string): number {
    if (next === '') throw new RegexSyntaxError('\\ at end of pattern', this.pos);
    if (next === 'b' || next === '-') {
      this.pos += 2;
      return next === 'b' ? 0x08 : 0x2d;
    }
    if (next === 'k' && this.namedGroups)
      throw new RegexSyntaxError(BACKREFERENCE, this.pos);
    if (/[0-7]/.test(next)) return this.legacyOctal();
    if (next === 'c' && !/[A-Za-z0-9_]/.test(this.peek(2))) {
      this.pos++;
      return 0x5c;
    }
    return this.characterEscape();
  }

  /** Annex B octal escape in a class: up to three digits, at most `\377`. */
  private legacyOctal(): number {
    const digits = /^[0-3][0-7]{0,2}|^[4-7][0-7]?/.exec(this.pattern.slice(this.pos + 1));
    const text = digits?.[0] ?? '0';
    this.pos += 1 + text.length;
    return parseInt(text, 8);
  }
}

function escapeSet(char: string): CharSet | undefined {
  switch (char) {
    case 'd':
      return DIGITS;
    case 'D':
      return DIGITS.complement();
    case 'w':
      return WORD;
    case 'W':
      return WORD.complement();
    case 's':
      return SPACE;
    case 'S':
      return SPACE.complement();
    default:
      return undefined;
  }
}

function setOf(atom: ClassAtom): CharSet {
  return 'code' in atom ? CharSet.of(atom.code) : atom.set;
}

/** True when the pattern has a `(?<name>` group (then `\k` is a reference). */
function hasNamedGroups(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(' && /^\(\?<[^=!]/.test(pattern.slice(i, i + 4))) return true;
  }
  return false;
}
