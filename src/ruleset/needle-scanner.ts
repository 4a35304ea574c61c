/**
 * Finding folded literals in text: the string search under the prefilter.
 * ASCII literals share one case-folding Aho-Corasick automaton
 * (`matchers/automaton.ts`); an ASCII text is scanned as it is, with no
 * per-text allocation. A text with a code unit above 127 is folded
 * (`foldCase`) and scanned again, with those units resetting the automaton;
 * literals that are not ASCII can only occur in such a folded text and are
 * looked for there with `includes`.
 *
 * Sets of up to `GATE_LIMIT` literals also get a gate: one case-insensitive
 * (non-Unicode) regular expression, run natively before the automaton; a
 * text it rejects holds none of the literals. It is the union of the ASCII
 * literals and of the non-ASCII units that fold to ASCII
 * (`ASCII_FOLDING_UNITS`), or of any non-ASCII unit when some literal is
 * not ASCII. Why it is exact: on ASCII characters the `i` flag folds as
 * `foldCase` does and never equates them with other characters; a text
 * without those units folds to a text whose ASCII runs are its own, so an
 * ASCII literal in the folded text stands, up to case, in the text itself.
 * The union holds no class that matches most characters, which keeps
 * V8's search for the literals fast.
 *
 * Contract: `scan` reports every literal the folded text contains, possibly
 * more than once.
 */

import type { Automaton } from '../matchers/automaton.js';
import { buildAutomaton, compactNext } from '../matchers/automaton.js';
import { ASCII_FOLDING_UNITS, foldCase, isAscii } from '../matchers/case-fold.js';

/** Largest literal set that gets a gate: bigger unions match slowly. */
const GATE_LIMIT = 64;

/** Receives the index of each literal found. */
export type LiteralSink = (literal: number) => void;

/** A compiled set of folded, non-empty literals. */
export class NeedleScanner {
  private readonly automaton: Automaton;
  private readonly nonAscii: readonly { literal: string; index: number }[];
  private readonly gate: RegExp | undefined;

  /** Compiles `literals` (already folded with `foldCase`). */
  constructor(literals: readonly string[]) {
    const keys: { text: string; entry: number }[] = [];
    const nonAscii: { literal: string; index: number }[] = [];
    literals.forEach((literal, index) => {
      if (isAscii(literal)) keys.push({ text: literal, entry: index });
      else nonAscii.push({ literal, index });
    });
    this.automaton = buildAutomaton(keys, true);
    this.nonAscii = nonAscii;
    this.gate =
      literals.length <= GATE_LIMIT ? gateOf(keys, nonAscii.length > 0) : undefined;
  }

  /** Calls `sink` with every literal that `foldCase(text)` contains. */
  scan(text: string, sink: LiteralSink): void {
    if (this.gate !== undefined && !this.gate.test(text)) return;
    if (this.run(text, sink, true)) return;
    const folded = foldCase(text);
    this.run(folded, sink, false);
    for (const { literal, index } of this.nonAscii) {
      if (folded.includes(literal)) sink(index);
    }
  }

  /**
   * Scans `text`, reporting to `sink`. With `stopAtNonAscii`, stops at the
   * first unit above 127 and returns false; otherwise such units reset the
   * automaton. True when the whole text was scanned.
   */
  private run(text: string, sink: LiteralSink, stopAtNonAscii: boolean): boolean {
    const { table, compact, classes, firstReporting, stride, reportStart, reports } =
      this.automaton;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit > 127) {
        if (stopAtNonAscii) return false;
        s = 0;
        continue;
      }
      const c = classes[unit] as number;
      s = s >= 0 ? (table[s + c] as number) : compactNext(table, compact, s, c);
      if (s < firstReporting) continue;
      const k = (s - firstReporting) / stride;
      const end = reportStart[k + 1] as number;
      for (let r = reportStart[k] as number; r < end; r++) sink(reports[r] as number);
    }
    return true;
  }
}

/**
 * The gate of a set of ASCII keys, as described in the module doc; with
 * `anyNonAscii` (some literal is not ASCII), every non-ASCII text passes.
 */
function gateOf(keys: readonly { text: string }[], anyNonAscii: boolean): RegExp {
  const escaped = keys.map(({ text }) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const units = anyNonAscii ? '[^\\x00-\\x7f]' : `[${ASCII_FOLDING_UNITS}]`;
  return new RegExp([...escaped, units].join('|'), 'i');
}
