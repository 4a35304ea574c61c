/**
 * Linear-time regex search: a Thompson NFA simulated in lock step over the
 * haystack, in the manner of Pike's VM but without capture slots, since a
 * Sigma regex only answers "is there a match". Each haystack position keeps
 * the set of live instructions (at most one thread per instruction), so a
 * search visits every instruction at most twice per position: once while
 * following jumps, splits and assertions, once while stepping over the
 * position's code unit. The cost is O(program size × (haystack length + 1)),
 * whatever the pattern and the input.
 *
 * While no thread is alive, positions whose code unit no match can start
 * with are skipped (a pure speed-up: a thread started there dies at once).
 */

import type { AssertionKind } from './ast.js';
import { CharSet, isLineTerminator, isWordCode } from './char-set.js';
import type { Instruction } from './program.js';
import { RunQueue } from './run-queue.js';

/** The bounds of a `run` instruction. */
interface RunBounds {
  readonly min: number;
  readonly max: number;
}

const OP_CHAR = 0;
const OP_SPLIT = 1;
const OP_JUMP = 2;
const OP_ASSERT = 3;
const OP_MATCH = 4;
const OP_RUN = 5;

/** A compiled program ready to search haystacks; safe to reuse. */
export class PikeVm {
  private readonly ops: Uint8Array;
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  private readonly sets: CharSet[];
  private readonly kinds: (AssertionKind | undefined)[];
  private readonly runs: (RunBounds | undefined)[];
  /** Code units a match can start with, or undefined when any position can. */
  private readonly starts: CharSet | undefined;

  constructor(
    program: readonly Instruction[],
    private readonly multiline: boolean,
  ) {
    const size = program.length;
    this.ops = new Uint8Array(size);
    this.first = new Int32Array(size);
    this.second = new Int32Array(size);
    this.sets = new Array<CharSet>(size).fill(CharSet.empty());
    this.kinds = new Array<AssertionKind | undefined>(size);
    this.runs = new Array<RunBounds | undefined>(size);
    program.forEach((instruction, pc) => this.load(pc, instruction));
    this.starts = this.startSet();
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
      case 'run':
        this.ops[pc] = OP_RUN;
        this.sets[pc] = instruction.set;
        this.runs[pc] = { min: instruction.min, max: instruction.max };
        return;
    }
  }

  /** Fresh queues for the `run` instructions of one search. */
  runQueues(): (RunQueue | undefined)[] {
    return this.runs.map((bounds) =>
      bounds === undefined ? undefined : new RunQueue(bounds.min, bounds.max),
    );
  }

  /** The union of the sets reachable from the start, assertions passed. */
  private startSet(): CharSet | undefined {
    const seen = new Uint8Array(this.ops.length);
    const stack = [0];
    let starts = CharSet.empty();
    while (stack.length > 0) {
      const pc = stack.pop() ?? 0;
      if (seen[pc] === 1) continue;
      seen[pc] = 1;
      const op = this.ops[pc];
      if (op === OP_MATCH) return undefined;
      if (op === OP_CHAR || op === OP_RUN) {
        starts = starts.union(this.sets[pc] ?? CharSet.empty());
        if (op === OP_RUN && this.runs[pc]?.min === 0) stack.push(pc + 1);
      } else if (op === OP_ASSERT) stack.push(pc + 1);
      else if (op === OP_JUMP) stack.push(this.first[pc] ?? 0);
      else stack.push(this.first[pc] ?? 0, this.second[pc] ?? 0);
    }
    return starts;
  }

  /** True when the program matches some substring of `haystack`. */
  search(haystack: string): boolean {
    return new Search(this.ops, this.first, this.second, this.sets, this, haystack).run();
  }

  /** The next position from `from` where a match can start. */
  nextStart(haystack: string, from: number): number {
    const starts = this.starts;
    if (starts === undefined) return from;
    let position = from;
    while (position < haystack.length && !starts.has(haystack.charCodeAt(position))) {
      position++;
    }
    return position;
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

/** The state of one search: two thread lists, the visit marks, a stack. */
class Search {
  private current: Int32Array;
  private next: Int32Array;
  private currentLength = 0;
  private nextLength = 0;
  private readonly marks: Int32Array;
  private readonly stack: Int32Array;
  /** Position of the list each `run` instruction was last added to. */
  private readonly listed: Int32Array;
  private readonly queues: (RunQueue | undefined)[];

  constructor(
    private readonly ops: Uint8Array,
    private readonly first: Int32Array,
    private readonly second: Int32Array,
    private readonly sets: readonly CharSet[],
    private readonly vm: PikeVm,
    private readonly haystack: string,
  ) {
    const size = ops.length;
    this.current = new Int32Array(size);
    this.next = new Int32Array(size);
    this.marks = new Int32Array(size).fill(-1);
    this.stack = new Int32Array(size);
    this.listed = new Int32Array(size).fill(-1);
    this.queues = vm.runQueues();
  }

  run(): boolean {
    const length = this.haystack.length;
    let position = 0;
    for (;;) {
      if (this.currentLength === 0) position = this.vm.nextStart(this.haystack, position);
      if (this.addThreads(0, position, true)) return true;
      if (position === length) return false;
      if (this.step(position)) return true;
      const swap = this.current;
      this.current = this.next;
      this.next = swap;
      this.currentLength = this.nextLength;
      this.nextLength = 0;
      position++;
    }
  }

  /** Advances every thread over the code unit at `position`. */
  private step(position: number): boolean {
    const code = this.haystack.charCodeAt(position);
    const current = this.current;
    const sets = this.sets;
    for (let i = 0; i < this.currentLength; i++) {
      const pc = current[i] ?? 0;
      const matches = sets[pc]?.has(code) === true;
      if (this.ops[pc] === OP_RUN) {
        if (this.advanceRun(pc, position, matches)) return true;
      } else if (matches && this.addThreads(pc + 1, position + 1, false)) {
        return true;
      }
    }
    return false;
  }

  /** Moves the run at `pc` past `position`; true when `match` is reached. */
  private advanceRun(pc: number, position: number, matches: boolean): boolean {
    const queue = this.queues[pc];
    if (queue === undefined) return false;
    queue.advance(position, matches);
    if (queue.isEmpty()) return false;
    this.list(pc, position + 1, false);
    return queue.canExit(position + 1) && this.addThreads(pc + 1, position + 1, false);
  }

  /** Adds a `run` instruction to a list once per position. */
  private list(pc: number, position: number, toCurrent: boolean): void {
    if (this.listed[pc] === position) return;
    this.listed[pc] = position;
    if (toCurrent) this.current[this.currentLength++] = pc;
    else this.next[this.nextLength++] = pc;
  }

  /**
   * Adds `start` and every instruction reachable from it without reading
   * input to the current or next list. Returns true when `match` is reached.
   */
  private addThreads(start: number, position: number, toCurrent: boolean): boolean {
    const { ops, first, second, stack } = this;
    let top = this.push(start, position, 0);
    while (top > 0) {
      const pc = stack[--top] ?? 0;
      const op = ops[pc];
      if (op === OP_CHAR) {
        if (toCurrent) this.current[this.currentLength++] = pc;
        else this.next[this.nextLength++] = pc;
      } else if (op === OP_JUMP) {
        top = this.push(first[pc] ?? 0, position, top);
      } else if (op === OP_SPLIT) {
        top = this.push(second[pc] ?? 0, position, top);
        top = this.push(first[pc] ?? 0, position, top);
      } else if (op === OP_ASSERT) {
        if (this.vm.holds(pc, this.haystack, position)) {
          top = this.push(pc + 1, position, top);
        }
      } else if (op === OP_RUN) {
        if (this.enterRun(pc, position, toCurrent))
          top = this.push(pc + 1, position, top);
      } else {
        return true;
      }
    }
    return false;
  }

  /**
   * A thread enters the run at `pc`; true when it may leave at once. Older
   * threads in the run leave in `advanceRun`, never here: they may not have
   * read the current position's code unit yet.
   */
  private enterRun(pc: number, position: number, toCurrent: boolean): boolean {
    const queue = this.queues[pc];
    if (queue === undefined) return false;
    queue.enter(position);
    this.list(pc, position, toCurrent);
    return queue.min === 0;
  }

  /** Pushes `pc` unless already seen at `position`; returns the new top. */
  private push(pc: number, position: number, top: number): number {
    if (this.marks[pc] === position) return top;
    this.marks[pc] = position;
    this.stack[top] = pc;
    return top + 1;
  }
}
