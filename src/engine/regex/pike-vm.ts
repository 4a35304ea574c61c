/**
 * Linear-time regex search: a Thompson NFA simulated in lock step over the
 * haystack, in the manner of Pike's VM but without capture slots, since a
 * Sigma regex only answers "is there a match". Each haystack position keeps
 * the set of live instructions (at most one thread per instruction), so a
 * search visits every instruction at most twice per position: once while
 * following jumps, splits and assertions, once while stepping over the
 * position's code unit. The cost is O(program size × (haystack length + 1)),
 * whatever the pattern and the input.
 */

import type { AssertionKind } from './ast.js';
import { isLineTerminator, isWordCode } from './char-set.js';
import type { CharSet } from './char-set.js';
import type { Instruction } from './program.js';

const OP_CHAR = 0;
const OP_SPLIT = 1;
const OP_JUMP = 2;
const OP_ASSERT = 3;
const OP_MATCH = 4;

/** A compiled program ready to search haystacks; safe to reuse. */
export class PikeVm {
  private readonly ops: Uint8Array;
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  private readonly sets: (CharSet | undefined)[];
  private readonly kinds: (AssertionKind | undefined)[];

  constructor(
    program: readonly Instruction[],
    private readonly multiline: boolean,
  ) {
    const size = program.length;
    this.ops = new Uint8Array(size);
    this.first = new Int32Array(size);
    this.second = new Int32Array(size);
    this.sets = new Array<CharSet | undefined>(size);
    this.kinds = new Array<AssertionKind | undefined>(size);
    program.forEach((instruction, pc) => this.load(pc, instruction));
  }

  private load(pc: number, instruction: Instruction): void {
    switch (instruction.op) {
      case 'char':
        this.ops[pc] = OP_CHAR;
        this.sets[pc] = instruction.set;
        return;
      case 'split':
        this.ops[pc] = OP_SPLIT;
        this.first[pc] = instruction.first;
        this.second[pc] = instruction.second;
        return;
      case 'jump':
        this.ops[pc] = OP_JUMP;
        this.first[pc] = instruction.to;
        return;
      case 'assert':
        this.ops[pc] = OP_ASSERT;
        this.kinds[pc] = instruction.kind;
        return;
      case 'match':
        this.ops[pc] = OP_MATCH;
        return;
    }
  }

  /** True when the program matches some substring of `haystack`. */
  search(haystack: string): boolean {
    const search = new Search(this, haystack);
    return search.run();
  }

  /** Instruction count. */
  get size(): number {
    return this.ops.length;
  }

  /** Internal accessors for `Search`. */
  op(pc: number): number {
    return this.ops[pc] ?? OP_MATCH;
  }

  /** The first target of a split, or the target of a jump. */
  target(pc: number): number {
    return this.first[pc] ?? 0;
  }

  /** The second target of a split. */
  alternative(pc: number): number {
    return this.second[pc] ?? 0;
  }

  /** The set of a `char` instruction. */
  set(pc: number): CharSet | undefined {
    return this.sets[pc];
  }

  /** True when the assertion at `pc` holds at `position` of `haystack`. */
  holds(pc: number, haystack: string, position: number): boolean {
    const before = position > 0 ? haystack.charCodeAt(position - 1) : -1;
    const after = position < haystack.length ? haystack.charCodeAt(position) : -1;
    switch (this.kinds[pc]) {
      case 'line-start':
        return before === -1 || (this.multiline && isLineTerminator(before));
      case 'line-end':
        return after === -1 || (this.multiline && isLineTerminator(after));
      case 'word-boundary':
        return isWordCode(before) !== isWordCode(after);
      case 'not-word-boundary':
        return isWordCode(before) === isWordCode(after);
      default:
        return false;
    }
  }
}

/** The state of one search: two thread lists and the visit marks. */
class Search {
  private current: Int32Array;
  private next: Int32Array;
  private currentLength = 0;
  private nextLength = 0;
  private readonly marks: Int32Array;
  private readonly stack: Int32Array;

  constructor(
    private readonly vm: PikeVm,
    private readonly haystack: string,
  ) {
    this.current = new Int32Array(vm.size);
    this.next = new Int32Array(vm.size);
    this.marks = new Int32Array(vm.size).fill(-1);
    this.stack = new Int32Array(vm.size);
  }

  run(): boolean {
    const length = this.haystack.length;
    for (let position = 0; position <= length; position++) {
      if (this.addThread(0, position, this.current, true)) return true;
      if (position === length) return false;
      if (this.step(position)) return true;
      [this.current, this.next] = [this.next, this.current];
      this.currentLength = this.nextLength;
      this.nextLength = 0;
    }
    return false;
  }

  /** Advances every thread over the code unit at `position`. */
  private step(position: number): boolean {
    const code = this.haystack.charCodeAt(position);
    for (let i = 0; i < this.currentLength; i++) {
      const pc = this.current[i] ?? 0;
      if (this.vm.set(pc)?.has(code) !== true) continue;
      if (this.addThread(pc + 1, position + 1, this.next, false)) return true;
    }
    return false;
  }

  /**
   * Adds `start` and everything reachable from it without consuming input to
   * the list for `position`. Returns true when a `match` is reachable.
   */
  private addThread(
    start: number,
    position: number,
    list: Int32Array,
    isCurrent: boolean,
  ): boolean {
    let top = 0;
    if (!this.visit(start, position)) return false;
    this.stack[top++] = start;
    while (top > 0) {
      const pc = this.stack[--top] ?? 0;
      const op = this.vm.op(pc);
      if (op === OP_MATCH) return true;
      if (op === OP_CHAR) this.append(list, pc, isCurrent);
      else if (op === OP_JUMP) top = this.push(this.vm.target(pc), position, top);
      else if (op === OP_SPLIT) {
        top = this.push(this.vm.alternative(pc), position, top);
        top = this.push(this.vm.target(pc), position, top);
      } else if (this.vm.holds(pc, this.haystack, position)) {
        top = this.push(pc + 1, position, top);
      }
    }
    return false;
  }

  /** Pushes `pc` unless already seen at `position`; returns the new top. */
  private push(pc: number, position: number, top: number): number {
    if (!this.visit(pc, position)) return top;
    this.stack[top] = pc;
    return top + 1;
  }

  /** Marks `pc` as seen at `position`; false when it already was. */
  private visit(pc: number, position: number): boolean {
    if (this.marks[pc] === position) return false;
    this.marks[pc] = position;
    return true;
  }

  private append(list: Int32Array, pc: number, isCurrent: boolean): void {
    if (isCurrent) list[this.currentLength++] = pc;
    else list[this.nextLength++] = pc;
  }
}
