/**
 * Case canonicalization of JavaScript regular expressions without the `u`
 * flag (ECMAScript `Canonicalize` for non-Unicode `ignoreCase`): a code unit
 * maps to the single code unit `toUpperCase()` gives, except that a result of
 * several code units keeps the original, and a non-ASCII code unit never maps
 * to an ASCII one. Two code units match case-insensitively when their
 * canonical forms are equal.
 *
 * The table covers all 65,536 code units; it is built on first use (a few
 * milliseconds) and never changes afterwards.
 */

const CODE_UNITS = 0x10000;

/** The canonical table and the equivalence classes with two or more members. */
interface CaseTable {
  readonly canonical: Uint16Array;
  /** Members of each canonical value whose class has two or more members. */
  readonly classes: ReadonlyMap<number, readonly number[]>;
}

let table: CaseTable | undefined;

function canonicalOf(code: number): number {
  const upper = String.fromCharCode(code).toUpperCase();
  if (upper.length !== 1) return code;
  const mapped = upper.charCodeAt(0);
  if (code >= 128 && mapped < 128) return code;
  return mapped;
}

function buildTable(): CaseTable {
  const canonical = new Uint16Array(CODE_UNITS);
  const members = new Map<number, number[]>();
  for (let code = 0; code < CODE_UNITS; code++) {
    const value = canonicalOf(code);
    canonical[code] = value;
    const list = members.get(value);
    if (list === undefined) members.set(value, [code]);
    else list.push(code);
  }
  const classes = new Map<number, readonly number[]>();
  for (const [value, list] of members) if (list.length > 1) classes.set(value, list);
  return { canonical, classes };
}

/** The shared canonicalization table, built on first use. */
export function caseTable(): CaseTable {
  table ??= buildTable();
  return table;
}

/** The canonical form of one UTF-16 code unit. */
export function canonicalize(code: number): number {
  return caseTable().canonical[code] ?? code;
}

/** Every code unit that matches `code` case-insensitively, `code` included. */
export function caseEquivalents(code: number): readonly number[] {
  return caseTable().classes.get(canonicalize(code)) ?? [code];
}
