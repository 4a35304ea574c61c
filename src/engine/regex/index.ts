/**
 * Bounded-cost regular expressions for the Sigma `re` modifier.
 *
 * A Sigma regex searches its haystack for a substring (`^` and `$` anchor
 * it). `compileSigmaRegex` first moves a leading inline flag group such as
 * `(?i)` into the flags, then checks the rest with both V8 (a `RegExp`
 * without the `u` flag must accept it) and this module's parser, which
 * rejects lookaround, backreferences, legacy octal escapes outside classes
 * and non-leading inline flag groups. Every compile error has a message and
 * the code-unit offset in the pattern as written.
 *
 * Cost bound. Let n be the haystack length in UTF-16 code units and m the
 * size of the pattern's NFA program: one instruction per atom (literal, `.`,
 * class, `\d`-style escape) and per assertion, two more per `|` and per
 * `*`, one more per `?`, and `x+` is expanded to `xx*`. A counted
 * repetition of one atom (`.{1000,}`, `[^\\]{1,256}`) is one instruction
 * whose state is a queue of entry positions (`run-queue.ts`: amortized O(1)
 * per position, at most min(max, n) + 1 entries); other counted repetitions
 * are expanded, so `(?:ab){2,4}` costs what `ababab?ab?` does. m is at
 * most `MAX_PROGRAM_SIZE` (20,000); a larger pattern, such as
 * `(?:(?:ab){1,200}){1,200}`, is a compile error.
 *
 * - Linear engine (`engine: 'linear'`, and every haystack longer than
 *   `V8_HAYSTACK_LIMIT`): a Pike-style NFA simulation with at most one
 *   thread per instruction. One `test` visits at most 2·m·(n + 1)
 *   instructions, each in constant time (a set lookup is a table read for
 *   code units below 256, a binary search over the class's ranges above).
 *   Memory is five integer arrays of m entries per call, plus the run queues.
 * - V8 (`engine: 'v8'`, haystacks of at most `V8_HAYSTACK_LIMIT` = 1,024
 *   code units): `safety.ts` accepts only patterns whose backtracking from
 *   one start position is linear in the rest of the haystack, times at most
 *   2^4 = 16 for the choice points it allows. A search tries every start
 *   position, so the worst case is quadratic in n; the length limit keeps it
 *   under about 16·m·n²/2 backtracking steps, and in practice under a
 *   millisecond (`/.*x/` on 1,024 `a` takes about 1 ms on the development
 *   machine, measured with `node -e`, best of 20).
 *
 * Both engines give the same answers: case-insensitive matching follows the
 * non-Unicode `Canonicalize` of ECMAScript, `.` excludes `\n`, `\r`, U+2028
 * and U+2029 unless `dotAll`, and `\s`, `\w`, `\b` are those of JavaScript
 * without the `u` flag. Limitation: V8 in Node 20 answers some `i`
 * alternations of U+017F or U+212A against the specification; patterns
 * holding those literals always run on the linear engine (`safety.ts`).
 */

import { extractInlineFlags } from './inline-flags.js';
import type { SigmaRegexFlags } from './inline-flags.js';
import { parseRegex } from './parser.js';
import { PikeVm } from './pike-vm.js';
import { compileProgram, MAX_PROGRAM_SIZE } from './program.js';
import { isBacktrackingSafe } from './safety.js';

export type { SigmaRegexFlags } from './inline-flags.js';
export { MAX_PROGRAM_SIZE } from './program.js';

/** Longest haystack, in UTF-16 code units, that a `'v8'` regex hands to V8. */
export const V8_HAYSTACK_LIMIT = 1_024;

/** A compiled Sigma regex. */
export interface SigmaRegex {
  /** The pattern without its leading inline flag groups. */
  readonly source: string;
  /** The flags given, merged with the leading inline flag groups. */
  readonly flags: SigmaRegexFlags;
  /**
   * Which engine runs haystacks of up to `V8_HAYSTACK_LIMIT` code units;
   * longer haystacks always run on the linear engine.
   */
  readonly engine: 'v8' | 'linear';
  /** True when some substring of `haystack` matches. */
  test(haystack: string): boolean;
}

/** A compiled regex, or why the pattern was rejected. */
export type RegexCompileResult =
  | { readonly ok: true; readonly regex: SigmaRegex }
  | {
      readonly ok: false;
      readonly message: string;
      /** Code-unit offset in the pattern as written (inline flags included). */
      readonly offset: number;
    };

/** Compiles a Sigma `re` value with the flags of its `i`, `m`, `s` modifiers. */
export function compileSigmaRegex(
  pattern: string,
  flags: SigmaRegexFlags,
): RegexCompileResult {
  const inline = extractInlineFlags(pattern, flags);
  if (!inline.ok) return inline;
  const { source, prefixLength } = inline;
  const parsed = parseRegex(source, inline.flags);
  if (!parsed.ok) {
    return { ok: false, message: parsed.message, offset: parsed.offset + prefixLength };
  }
  const native = nativeRegExp(source, inline.flags);
  if (!native.ok) return { ok: false, message: native.message, offset: prefixLength };
  const program = compileProgram(parsed.root);
  if (!program.ok) {
    const message =
      `regex too large: ${program.size} NFA instructions after expanding ` +
      `counted repetitions (the limit is ${MAX_PROGRAM_SIZE})`;
    return { ok: false, message, offset: prefixLength };
  }
  const linear = new PikeVm(program.program, inline.flags.multiline);
  const engine = isBacktrackingSafe(parsed.root) ? 'v8' : 'linear';
  return {
    ok: true,
    regex: makeRegex(source, inline.flags, engine, linear, native.regExp),
  };
}

function makeRegex(
  source: string,
  flags: SigmaRegexFlags,
  engine: 'v8' | 'linear',
  linear: PikeVm,
  regExp: RegExp,
): SigmaRegex {
  const test =
    engine === 'linear'
      ? (haystack: string): boolean => linear.search(haystack)
      : (haystack: string): boolean =>
          haystack.length > V8_HAYSTACK_LIMIT
            ? linear.search(haystack)
            : regExp.test(haystack);
  return { source, flags, engine, test };
}

/** The JS flags string for `flags`: never `u`, `g` or `y`. */
export function regExpFlags(flags: SigmaRegexFlags): string {
  return (
    (flags.ignoreCase ? 'i' : '') +
    (flags.multiline ? 'm' : '') +
    (flags.dotAll ? 's' : '')
  );
}

function nativeRegExp(
  source: string,
  flags: SigmaRegexFlags,
):
  | { readonly ok: true; readonly regExp: RegExp }
  | { readonly ok: false; readonly message: string } {
  try {
    return { ok: true, regExp: new RegExp(source, regExpFlags(flags)) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `not a valid JavaScript regex: ${reason}` };
  }
}
