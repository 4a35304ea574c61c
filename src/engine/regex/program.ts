/**
 * Compiles a regex tree into a Thompson NFA program: a flat array of
 * instructions that the Pike-style simulation in `pike-vm.ts` runs. A
 * counted repetition of one atom is a single `run` instruction; other
 * counted repetitions are expanded (`(?:ab){2,4}` is `abab` then two optional
 * `ab`), so the program size is checked against `MAX_PROGRAM_SIZE` before
 * anything is emitted.
 */

import type { AssertionKind, RegexNode } from './ast.js';
import type { CharSet } from './char-set.js';

/**
 * The largest program, in instructions, that compiles. The simulation costs
 * at most two instruction visits per instruction and haystack position, so
 * this caps the per-character cost of the linear engine.
 */
export const MAX_PROGRAM_SIZE = 20_000;

/** One NFA instruction; `char` and `assert` continue at the next index. */
export type Instruction =
  | { readonly op: 'char'; readonly set: CharSet }
  | { readonly op: 'split'; readonly first: number; readonly second: number }
  | { readonly op: 'jump'; readonly to: number }
  | { readonly op: 'assert'; readonly kind: AssertionKind }
  | { readonly op: 'match' }
  /**
   * A counted run of one atom: reads between `min` and `max` code units of
   * `set`, then continues at the next index (see `run-queue.ts`).
   */
  | {
      readonly op: 'run';
      readonly set: CharSet;
      readonly min: number;
      readonly max: number;
    };

/** The outcome of compiling: a program, or the size that was too large. */
export type ProgramResult =
  | { readonly ok: true; readonly program: readonly Instruction[] }
  | { readonly ok: false; readonly size: number };

/** Compiles `root` into a program ending in `match`, unless it is too large. */
export function compileProgram(root: RegexNode): ProgramResult {
  const size = programSize(root, MAX_PROGRAM_SIZE) + 1;
  if (size > MAX_PROGRAM_SIZE) return { ok: false, size };
  const program: Instruction[] = [];
  emit(root, program);
  program.push({ op: 'match' });
  return { ok: true, program };
}

/** The instruction count of `node`, saturating just above `limit`. */
function programSize(node: RegexNode, limit: number): number {
  const cap = (value: number): number => Math.min(value, limit + 1);
  switch (node.type) {
    case 'atom':
    case 'assertion':
      return 1;
    case 'sequence':
      return cap(node.items.reduce((sum, item) => sum + programSize(item, limit), 0));
    case 'alternation': {
      const bodies = node.branches.reduce((sum, b) => sum + programSize(b, limit), 0);
      return cap(bodies + 2 * (node.branches.length - 1));
    }
    case 'repetition': {
      if (isCountedRun(node)) return 1;
      const body = programSize(node.body, limit);
      const optional =
        node.max === Infinity ? body + 2 : (node.max - node.min) * (body + 1);
      return cap(node.min * body + optional);
    }
  }
}

function emit(node: RegexNode, program: Instruction[]): void {
  switch (node.type) {
    case 'atom':
      program.push({ op: 'char', set: node.set });
      return;
    case 'assertion':
      program.push({ op: 'assert', kind: node.kind });
      return;
    case 'sequence':
      for (const item of node.items) emit(item, program);
      return;
    case 'alternation':
      emitAlternation(node.branches, program);
      return;
    case 'repetition':
      if (isCountedRun(node) && node.body.type === 'atom') {
        program.push({ op: 'run', set: node.body.set, min: node.min, max: node.max });
      } else {
        emitRepetition(node.body, node.min, node.max, program);
      }
      return;
  }
}

/**
 * True for a counted repetition of one atom (`.{1000,}`, `[^\\]{1,256}`,
 * `\d{2}`), which becomes one `run` instruction instead of its expansion.
 */
function isCountedRun(node: Extract<RegexNode, { type: 'repetition' }>): boolean {
  const isStarOrPlus = node.min <= 1 && node.max === Infinity;
  return node.body.type === 'atom' && node.max > 1 && !isStarOrPlus;
}

/** Patches the instruction at `at` (a placeholder split or jump). */
function patch(program: Instruction[], at: number, instruction: Instruction): void {
  program[at] = instruction;
}

function emitAlternation(branches: readonly RegexNode[], program: Instruction[]): void {
  const jumps: number[] = [];
  branches.forEach((branch, index) => {
    const isLast = index === branches.length - 1;
    const split = program.length;
    if (!isLast) program.push({ op: 'jump', to: -1 });
    emit(branch, program);
    if (isLast) return;
    jumps.push(program.length);
    program.push({ op: 'jump', to: -1 });
    patch(program, split, { op: 'split', first: split + 1, second: program.length });
  });
  for (const at of jumps) patch(program, at, { op: 'jump', to: program.length });
}

function emitRepetition(
  body: RegexNode,
  min: number,
  max: number,
  program: Instruction[],
): void {
  for (let i = 0; i < min; i++) emit(body, program);
  if (max === Infinity) {
    const loop = program.length;
    program.push({ op: 'jump', to: -1 });
    emit(body, program);
    program.push({ op: 'jump', to: loop });
    patch(program, loop, { op: 'split', first: loop + 1, second: program.length });
    return;
  }
  const skips: number[] = [];
  for (let i = min; i < max; i++) {
    skips.push(program.length);
    program.push({ op: 'jump', to: -1 });
    emit(body, program);
  }
  for (const at of skips)
    patch(program, at, { op: 'split', first: at + 1, second: program.length });
}
