/**
 * Sets of UTF-16 code units, as sorted, disjoint, non-adjacent inclusive
 * ranges. Regexes without the `u` flag work on code units, so every atom of a
 * pattern (a literal, `.`, a class, `\d`, ...) becomes one `CharSet`.
 */

import { caseTable } from './case-canonical.js';

const MAX_CODE_UNIT = 0xffff;
const LATIN1_SIZE = 256;

/** An immutable set of UTF-16 code units. */
export class CharSet {
  /** Flat `[low0, high0, low1, high1, ...]`, sorted, merged. */
  readonly ranges: readonly number[];
  private readonly latin1: Uint8Array;

  private constructor(ranges: readonly number[]) {
    this.ranges = ranges;
    this.latin1 = new Uint8Array(LATIN1_SIZE);
    for (let i = 0; i < ranges.length; i += 2) {
      const low = ranges[i] ?? 0;
      const high = Math.min(ranges[i + 1] ?? 0, LATIN1_SIZE - 1);
      for (let code = low; code <= high; code++) this.latin1[code] = 1;
    }
  }

  /** A set from `[low, high]` pairs in any order, overlapping or not. */
  static fromRanges(pairs: readonly (readonly [number, number])[]): CharSet {
    const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
    const flat: number[] = [];
    for (const [low, high] of sorted) {
      const last = flat.length - 1;
      if (last > 0 && low <= (flat[last] ?? 0) + 1) {
        flat[last] = Math.max(flat[last] ?? 0, high);
      } else {
        flat.push(low, high);
      }
    }
    return new CharSet(flat);
  }

  /** A set of the given code units. */
  static of(...codes: number[]): CharSet {
    return CharSet.fromRanges(codes.map((code) => [code, code] as const));
  }

  /** The empty set. */
  static empty(): CharSet {
    return new CharSet([]);
  }

  /** All 65,536 code units. */
  static all(): CharSet {
    return new CharSet([0, MAX_CODE_UNIT]);
  }

  /** True when the set holds `code`. */
  has(code: number): boolean {
    if (code < LATIN1_SIZE) return this.latin1[code] === 1;
    let low = 0;
    let high = this.ranges.length / 2 - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (code < (this.ranges[2 * middle] ?? 0)) high = middle - 1;
      else if (code > (this.ranges[2 * middle + 1] ?? 0)) low = middle + 1;
      else return true;
    }
    return false;
  }

  /** True when the set holds no code unit. */
  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** The `[low, high]` pairs of the set. */
  pairs(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.ranges.length; i += 2) {
      out.push([this.ranges[i] ?? 0, this.ranges[i + 1] ?? 0]);
    }
    return out;
  }

  /** The code units in this set or in `other`. */
  union(other: CharSet): CharSet {
    return CharSet.fromRanges([...this.pairs(), ...other.pairs()]);
  }

  /** The code units not in this set. */
  complement(): CharSet {
    const out: [number, number][] = [];
    let next = 0;
    for (const [low, high] of this.pairs()) {
      if (low > next) out.push([next, low - 1]);
      next = high + 1;
    }
    if (next <= MAX_CODE_UNIT) out.push([next, MAX_CODE_UNIT]);
    return CharSet.fromRanges(out);
  }

  /** True when some code unit is in both sets. */
  intersects(other: CharSet): boolean {
    let i = 0;
    let j = 0;
    const a = this.ranges;
    const b = other.ranges;
    while (i < a.length && j < b.length) {
      const aLow = a[i] ?? 0;
      const aHigh = a[i + 1] ?? 0;
      const bLow = b[j] ?? 0;
      const bHigh = b[j + 1] ?? 0;
      if (aHigh < bLow) i += 2;
      else if (bHigh < aLow) j += 2;
      else return true;
    }
    return false;
  }

  /**
   * The set of code units that match some member case-insensitively, under
   * non-Unicode `ignoreCase` canonicalization (see `case-canonical.ts`).
   */
  caseClosure(): CharSet {
    const extra: [number, number][] = [];
    for (const members of caseTable().classes.values()) {
      if (members.some((code) => this.has(code))) {
        for (const code of members) extra.push([code, code]);
      }
    }
    return CharSet.fromRanges([...this.pairs(), ...extra]);
  }
}

const LINE_TERMINATORS = [0x0a, 0x0d, 0x2028, 0x2029];

/** True for `\n`, `\r`, U+2028 and U+2029, the JS line terminators. */
export function isLineTerminator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/** True for the code units of `\w` without the `u` flag: `[A-Za-z0-9_]`. */
export function isWordCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f
  );
}

/** `\d`: the ASCII digits. */
export const DIGITS = CharSet.fromRanges([[0x30, 0x39]]);

/** `\w` without the `u` flag. */
export const WORD = CharSet.fromRanges([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);

/** `\s`: ECMAScript WhiteSpace and LineTerminator code points. */
export const SPACE = CharSet.fromRanges([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);

/** `.` without the `s` flag: every code unit but a line terminator. */
export const DOT = CharSet.of(...LINE_TERMINATORS).complement();
