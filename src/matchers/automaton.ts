/**
 * A flat Aho-Corasick automaton over the ASCII code units of its keys.
 *
 * Layout: every input code unit below 128 is mapped by `classes` to a
 * character class (0 = a character used by no key; with `fold`, `A` and `a`
 * share a class). A state id is a number:
 * - `s >= 0`: a dense state, with a complete row (a DFA: failure links are
 *   resolved at build time) in one `Int32Array`, indexed by premultiplied
 *   ids: the next state of `s` on class `c` is `table[s + c]`, and `s` itself
 *   is a row number times the class count.
 * - `s < 0`: a compact state, a record of three numbers at `~s` in `compact`:
 *   the class of its one trie edge, the child on that edge, and its failure
 *   state. On any other class the next state is that of the failure state,
 *   which is shallower, so `compactNext` ends at a dense row after a few
 *   steps (amortised O(1) per character, as in the classic automaton).
 *
 * Small automata are all dense. In a big one the first `denseStates` states
 * in breadth-first order (the shallow ones, where a scan spends most of its
 * steps) stay dense, and so does every deeper state that reports or branches;
 * the deep chains that remain, the bulk of a big trie, are compact. The hot
 * rows then fit in the caches, where the complete table of a big automaton
 * would not. Compact records are laid out in depth-first order, so walking a
 * chain reads consecutive memory.
 *
 * Dense rows are numbered breadth-first, silent states first (the root is 0)
 * and states that report keys last, so "does this state report anything" is
 * one comparison with `firstReporting` (compact states never report).
 * Each reporting state lists the keys that end there (its own and those of
 * its failure chain) by the caller's entry ids, in `reports`.
 */

/** One key to insert: ASCII text plus the caller's entry id. */
export interface AutomatonKey {
  /** ASCII text; already folded to lower case when the automaton folds. */
  readonly text: string;
  readonly entry: number;
}

/** The built automaton. */
export interface Automaton {
  /** Class of each code unit below 128. */
  readonly classes: Uint8Array;
  /** Premultiplied rows of the dense states; state 0 is the root. */
  readonly table: Int32Array;
  /** Records of the compact states: edge class, child, failure state. */
  readonly compact: Int32Array;
  /** Number of classes, the width of one table row. */
  readonly stride: number;
  /** Smallest premultiplied id of a reporting state. */
  readonly firstReporting: number;
  /** Start of the entry list of reporting state `k` (`s / stride - first`). */
  readonly reportStart: Int32Array;
  /** Entry ids, grouped per reporting state. */
  readonly reports: Int32Array;
}

/** Assigns character classes to the code units used by the keys. */
function buildClasses(keys: readonly AutomatonKey[], fold: boolean): Uint8Array {
  const classes = new Uint8Array(128);
  let next = 1;
  for (const key of keys) {
    for (let i = 0; i < key.text.length; i++) {
      const unit = key.text.charCodeAt(i);
      if (classes[unit] !== 0) continue;
      classes[unit] = next;
      const upper = String.fromCharCode(unit).toUpperCase().charCodeAt(0);
      if (fold && upper !== unit && upper < 128) classes[upper] = next;
      next++;
    }
  }
  return classes;
}

/** The trie of the keys: child table (-1 = none) and entries per state. */
interface Trie {
  children: Int32Array;
  entries: number[][];
  count: number;
}

/** Inserts every key into a trie with `stride` classes per state. */
function buildTrie(
  keys: readonly AutomatonKey[],
  classes: Uint8Array,
  stride: number,
): Trie {
  const trie: Trie = {
    children: new Int32Array(stride * 64).fill(-1),
    entries: [[]],
    count: 1,
  };
  for (const key of keys) {
    let state = 0;
    for (let i = 0; i < key.text.length; i++) {
      const slot = state * stride + (classes[key.text.charCodeAt(i)] ?? 0);
      let child = trie.children[slot] ?? -1;
      if (child < 0) {
        child = addState(trie, stride);
        trie.children[slot] = child;
      }
      state = child;
    }
    trie.entries[state]?.push(key.entry);
  }
  return trie;
}

/** Appends an empty state to the trie, growing the table when full. */
function addState(trie: Trie, stride: number): number {
  if ((trie.count + 1) * stride > trie.children.length) {
    const grown = new Int32Array(trie.children.length * 2).fill(-1);
    grown.set(trie.children);
    trie.children = grown;
  }
  trie.entries.push([]);
  return trie.count++;
}

/** The trie completed into a DFA (for every trie state), in trie numbering. */
interface Completed {
  readonly delta: Int32Array;
  readonly fail: Int32Array;
  readonly reports: number[][];
  readonly breadthFirst: number[];
}

/** Completes the trie into a DFA and collects the reports of each state. */
function complete(trie: Trie, stride: number): Completed {
  const delta = trie.children.slice(0, trie.count * stride);
  const fail = new Int32Array(trie.count);
  const reports = trie.entries.map((list) => [...list]);
  const queue: number[] = [0];
  for (let c = 0; c < stride; c++) {
    const child = delta[c] ?? -1;
    if (child < 0) delta[c] = 0;
    else queue.push(child);
  }
  for (let head = 1; head < queue.length; head++) {
    const state = queue[head] ?? 0;
    const failState = fail[state] ?? 0;
    reports[state]?.push(...(reports[failState] ?? []));
    for (let c = 0; c < stride; c++) {
      const slot = state * stride + c;
      const child = delta[slot] ?? -1;
      const viaFail = delta[failState * stride + c] ?? 0;
      if (child < 0) delta[slot] = viaFail;
      else {
        fail[child] = viaFail;
        queue.push(child);
      }
    }
  }
  return { delta, fail, reports, breadthFirst: queue };
}

/** Table entries (32-bit) of the states kept dense whatever their shape: 512 KB. */
const DENSE_ENTRIES = 1 << 17;

/** Build settings; the default suits every size. */
export interface AutomatonOptions {
  /**
   * How many states, in breadth-first order, stay dense whatever their shape
   * (at least 1, the root). Default: as many as fill `DENSE_ENTRIES`, so an
   * automaton that small is all dense.
   */
  readonly denseStates?: number;
}

/**
 * The class of the one trie edge of each state that is compact: past the
 * first `denseStates` breadth-first, silent, with exactly one child; -1 for
 * the others, which stay dense.
 */
function compactEdges(
  trie: Trie,
  done: Completed,
  stride: number,
  denseStates: number,
): Int32Array {
  const edge = new Int32Array(trie.count).fill(-1);
  for (let rank = denseStates; rank < done.breadthFirst.length; rank++) {
    const old = done.breadthFirst[rank] ?? 0;
    if ((done.reports[old]?.length ?? 0) > 0) continue;
    let only = -1;
    for (let c = 0; c < stride; c++) {
      if ((trie.children[old * stride + c] ?? -1) < 0) continue;
      if (only >= 0) {
        only = -1;
        break;
      }
      only = c;
    }
    edge[old] = only;
  }
  return edge;
}

/**
 * New ids of the trie states: dense silent rows breadth-first (the root stays
 * 0), then dense reporting rows breadth-first, premultiplied by `stride`; and
 * compact states `~(3 * k)` for record `k`, numbered depth-first.
 */
function renumber(
  trie: Trie,
  done: Completed,
  edge: Int32Array,
  stride: number,
): { ids: Int32Array; dense: number; reporting: number[]; records: number } {
  const ids = new Int32Array(trie.count);
  const reporting: number[] = [];
  let dense = 0;
  for (const old of done.breadthFirst) {
    if ((done.reports[old]?.length ?? 0) > 0) reporting.push(old);
    else if ((edge[old] ?? -1) < 0) ids[old] = stride * dense++;
  }
  reporting.forEach((old, k) => (ids[old] = stride * (dense + k)));
  let records = 0;
  const stack = [0];
  for (let old = stack.pop(); old !== undefined; old = stack.pop()) {
    if ((edge[old] ?? -1) >= 0) ids[old] = ~(3 * records++);
    for (let c = stride - 1; c >= 0; c--) {
      const child = trie.children[old * stride + c] ?? -1;
      if (child >= 0) stack.push(child);
    }
  }
  return { ids, dense: dense + reporting.length, reporting, records };
}

/** Builds the automaton of `keys`; with `fold`, upper-case ASCII input folds. */
export function buildAutomaton(
  keys: readonly AutomatonKey[],
  fold: boolean,
  options: AutomatonOptions = {},
): Automaton {
  const classes = buildClasses(keys, fold);
  const stride = Math.max(...classes) + 1;
  const trie = buildTrie(keys, classes, stride);
  const done = complete(trie, stride);
  const denseStates = options.denseStates ?? Math.floor(DENSE_ENTRIES / stride);
  const edge = compactEdges(trie, done, stride, Math.max(1, denseStates));
  const { ids, dense, reporting, records } = renumber(trie, done, edge, stride);

  const table = new Int32Array(dense * stride);
  const compact = new Int32Array(3 * records);
  for (let old = 0; old < trie.count; old++) {
    const id = ids[old] ?? 0;
    if (id < 0) {
      const c = edge[old] ?? 0;
      compact[~id] = c;
      compact[~id + 1] = ids[trie.children[old * stride + c] ?? 0] ?? 0;
      compact[~id + 2] = ids[done.fail[old] ?? 0] ?? 0;
    } else {
      for (let c = 0; c < stride; c++) {
        table[id + c] = ids[done.delta[old * stride + c] ?? 0] ?? 0;
      }
    }
  }

  const reportStart = new Int32Array(reporting.length + 1);
  const flat: number[] = [];
  reporting.forEach((old, k) => {
    reportStart[k] = flat.length;
    flat.push(...(done.reports[old] ?? []));
  });
  reportStart[reporting.length] = flat.length;
  return {
    classes,
    table,
    compact,
    stride,
    firstReporting: (dense - reporting.length) * stride,
    reportStart,
    reports: Int32Array.from(flat),
  };
}

/**
 * The next state after compact state `s` (negative) on class `c`: the child
 * on its edge, or else the next state of its failure state, itself compact
 * or dense.
 */
export function compactNext(
  table: Int32Array,
  compact: Int32Array,
  s: number,
  c: number,
): number {
  let state = s;
  do {
    const record = ~state;
    if (compact[record] === c) return compact[record + 1]!;
    state = compact[record + 2]!;
  } while (state < 0);
  return table[state + c]!;
}
