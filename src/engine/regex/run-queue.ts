/**
 * State of one counted run (`x{min,max}` of a single atom) during a search.
 * Threads enter the run at various positions and all read the same code
 * units, so a thread is identified by its entry position alone: it has read
 * `position - entry` units. The queue keeps entry positions in increasing
 * order; one that has read more than `max` units is dropped from the front,
 * and a code unit outside the atom's set kills every entry made before it.
 * The run may exit when its oldest entry has read at least `min` units.
 *
 * Each entry is added and removed once, so the amortized cost is O(1) per
 * position. The queue holds at most min(max, haystack length) + 1 entries;
 * when `max` is unbounded only the oldest and the newest entries matter, and
 * at most those two are kept.
 */
export class RunQueue {
  private readonly entries: number[] = [];
  private head = 0;

  constructor(
    /** Fewest code units a thread reads before it may leave the run. */
    readonly min: number,
    private readonly max: number,
  ) {}

  /** True when no thread is inside the run. */
  isEmpty(): boolean {
    return this.head >= this.entries.length;
  }

  /** A thread enters the run at `position`; false when one already had. */
  enter(position: number): boolean {
    const last = this.entries.length - 1;
    if (!this.isEmpty() && this.entries[last] === position) return false;
    if (this.max === Infinity && this.entries.length - this.head >= 2) {
      this.entries[last] = position;
    } else {
      this.entries.push(position);
    }
    return true;
  }

  /**
   * Every thread entered up to `position` reads the code unit there, which
   * the atom's set holds (`matches`) or not.
   */
  advance(position: number, matches: boolean): void {
    const oldest = matches ? position + 1 - this.max : position + 1;
    while (!this.isEmpty() && (this.entries[this.head] ?? 0) < oldest) this.head++;
    if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head);
      this.head = 0;
    }
  }

  /** True when some thread has read at least `min` units at `position`. */
  canExit(position: number): boolean {
    return (
      !this.isEmpty() && (this.entries[this.head] ?? position) <= position - this.min
    );
  }
}
