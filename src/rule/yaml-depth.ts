/**
 * Nesting depth of a YAML document, measured on the `yaml` package's CST
 * before the document is composed. The CST parser is iterative, but the
 * composer recurses per nesting level; very deep input (a few thousand
 * levels, such as `[[[[...`) can exhaust the stack or crash the process, so
 * documents deeper than a bound are refused before composition.
 */

import type { CST } from 'yaml';

/** Default bound on nesting (maps, sequences, flow collections). */
export const DEFAULT_MAX_DEPTH = 128;

/**
 * The most collections (maps, sequences) nested in one another under a CST
 * token, counted without recursion: `a: [[]]` has depth 3.
 */
export function cstDepth(token: CST.Token): number {
  let deepest = 0;
  const pending: [CST.Token | undefined | null, number][] = [[token, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, outer] = next;
    if (node === undefined || node === null) continue;
    if (node.type === 'document') pending.push([node.value, outer]);
    if (!('items' in node) || !Array.isArray(node.items)) continue;
    const depth = outer + 1;
    deepest = Math.max(deepest, depth);
    for (const item of node.items as readonly CST.CollectionItem[]) {
      pending.push([item.key, depth], [item.value, depth]);
    }
  }
  return deepest;
}
