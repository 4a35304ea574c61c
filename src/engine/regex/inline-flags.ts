/**
 * Leading inline flag groups: `(?i)`, `(?s)`, `(?im)`, ... at the very start
 * of a Sigma regex (several groups in a row are allowed) become flags, since
 * JavaScript has no inline flags. `i`, `m` and `s` map one to one to
 * `ignoreCase`, `multiline` and `dotAll`; any other letter is an error.
 */

/** Regex flags a Sigma `re` value can carry (`|re|i`, `|re|m`, `|re|s`). */
export interface SigmaRegexFlags {
  /** `i`: case-insensitive, with the non-Unicode canonicalization of JS. */
  readonly ignoreCase: boolean;
  /** `m`: `^` and `$` also match at line terminators. */
  readonly multiline: boolean;
  /** `s`: `.` also matches line terminators. */
  readonly dotAll: boolean;
}

/** The pattern without its leading flag groups, and the merged flags. */
export type InlineFlagsResult =
  | {
      readonly ok: true;
      readonly source: string;
      readonly flags: SigmaRegexFlags;
      /** How many code units of the pattern the flag groups took. */
      readonly prefixLength: number;
    }
  | { readonly ok: false; readonly message: string; readonly offset: number };

const FLAG_GROUP = /^\(\?([A-Za-z]*)\)/;

/** Moves the leading inline flag groups of `pattern` into `flags`. */
export function extractInlineFlags(
  pattern: string,
  flags: SigmaRegexFlags,
): InlineFlagsResult {
  let { ignoreCase, multiline, dotAll } = flags;
  let prefixLength = 0;
  for (;;) {
    const match = FLAG_GROUP.exec(pattern.slice(prefixLength));
    if (match === null) break;
    const letters = match[1] ?? '';
    for (const [index, letter] of [...letters].entries()) {
      if (letter === 'i') ignoreCase = true;
      else if (letter === 'm') multiline = true;
      else if (letter === 's') dotAll = true;
      else {
        const message = `unsupported inline flag '${letter}' (only i, m and s are)`;
        return { ok: false, message, offset: prefixLength + 2 + index };
      }
    }
    prefixLength += match[0].length;
  }
  const source = pattern.slice(prefixLength);
  return { ok: true, source, flags: { ignoreCase, multiline, dotAll }, prefixLength };
}
