/**
 * Test helpers: run a pattern on the linear engine alone, or on V8 alone,
 * whatever engine `compileSigmaRegex` would choose.
 */

import type { SigmaRegexFlags } from '../../../src/engine/regex/index.js';
import { regExpFlags } from '../../../src/engine/regex/index.js';
import { parseRegex } from '../../../src/engine/regex/parser.js';
import { PikeVm } from '../../../src/engine/regex/pike-vm.js';
import { compileProgram } from '../../../src/engine/regex/program.js';
import { extractInlineFlags } from '../../../src/engine/regex/inline-flags.js';

/** Flags with every modifier off. */
export const NO_FLAGS: SigmaRegexFlags = {
  ignoreCase: false,
  multiline: false,
  dotAll: false,
};

/** Flags from a string of `i`, `m`, `s` letters. */
export function flagsOf(letters: string): SigmaRegexFlags {
  return {
    ignoreCase: letters.includes('i'),
    multiline: letters.includes('m'),
    dotAll: letters.includes('s'),
  };
}

/** The linear engine for `pattern`; throws when it does not compile. */
export function linearEngine(
  pattern: string,
  flags: SigmaRegexFlags,
): (haystack: string) => boolean {
  const inline = extractInlineFlags(pattern, flags);
  if (!inline.ok) throw new Error(inline.message);
  const parsed = parseRegex(inline.source, inline.flags);
  if (!parsed.ok) throw new Error(`${parsed.message} at ${parsed.offset}`);
  const program = compileProgram(parsed.root);
  if (!program.ok) throw new Error(`program too large: ${program.size}`);
  const vm = new PikeVm(program.program, inline.flags.multiline);
  return (haystack) => vm.search(haystack);
}

/** V8's own `RegExp` for `pattern`, leading inline flags moved out. */
export function v8Engine(
  pattern: string,
  flags: SigmaRegexFlags,
): (haystack: string) => boolean {
  const inline = extractInlineFlags(pattern, flags);
  if (!inline.ok) throw new Error(inline.message);
  const regExp = new RegExp(inline.source, regExpFlags(inline.flags));
  return (haystack) => regExp.test(haystack);
}
