/**
 * A flat Aho-Corasick automaton over the ASCII code units of its keys.
 *
 * Layout: every input code unit below 128 is mapped by `classes` to a
 * character class (0 = a character used by no key; with `fold`, `A` and `a`
 * share a class). The transition table is one `Int32Array`, complete (a DFA:
 * failure links are resolved at build time) and indexed by premultiplied state
 * ids: the next state of `s` on class `c` is `table[s + c]`, and `s` itself is
 * a state number times the class count. States that report keys are numbered
 * last, so "does this state report anything" is one comparison with
 * `firstReporting`.
 *
 * Each reporting state lists the keys that end there (its own and those of
 * its failure chain) as entry ids into the `entry*` arrays.
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
  /** Premultiplied transition table; state 0 is the root. */
  readonly table: Int32Array;
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

/** Completes the trie into a DFA and collects the reports of each state. */
function complete(
  trie: Trie,
  stride: number,
): { delta: Int32Array; reports: number[][]; breadthFirst: number[] } {
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
  return { delta, reports, breadthFirst: queue };
}

/** Builds the automaton of `keys`; with `fold`, upper-case ASCII input folds. */
export function buildAutomaton(keys: readonly AutomatonKey[], fold: boolean): Automaton {
  const classes = buildClasses(keys, fold);
  const stride = Math.max(...classes) + 1;
  const trie = buildTrie(keys, classes, stride);
  const { delta, reports, breadthFirst } = complete(trie, stride);

  const order = renumber(reports, breadthFirst);
  const table = new Int32Array(trie.count * stride);
  for (let old = 0; old < trie.count; old++) {
    const row = (order[old] ?? 0) * stride;
    for (let c = 0; c < stride; c++) {
      table[row + c] = (order[delta[old * stride + c] ?? 0] ?? 0) * stride;
    }
  }

  const reporting = breadthFirst.filter((old) => (reports[old]?.length ?? 0) > 0);
  const firstIndex = trie.count - reporting.length;
  const reportStart = new Int32Array(reporting.length + 1);
  const flat: number[] = [];
  reporting.forEach((old, k) => {
    reportStart[k] = flat.length;
    flat.push(...(reports[old] ?? []));
  });
  reportStart[reporting.length] = flat.length;
  return {
    classes,
    table,
    stride,
    firstReporting: firstIndex * stride,
    reportStart,
    reports: Int32Array.from(flat),
  };
}

/**
 * New state numbers: silent states first (root stays 0), reporting ones last,
 * each group in breadth-first order. A scan spends most of its steps in
 * shallow states; numbering them together keeps their rows of the table
 * close in memory, which matters once the table outgrows the caches.
 */
function renumber(
  reports: readonly number[][],
  breadthFirst: readonly number[],
): Int32Array {
  const order = new Int32Array(reports.length);
  let silent = 0;
  let loud = reports.filter((list) => list.length === 0).length;
  for (const old of breadthFirst) {
    order[old] = (reports[old]?.length ?? 0) === 0 ? silent++ : loud++;
  }
  return order;
}
