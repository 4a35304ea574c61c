/**
 * Reading located YAML trees: find a key, follow a path, and turn a node into
 * plain JavaScript values.
 */

import type { SourceLocation } from '../diagnostics.js';
import type { YamlMap, YamlNode, YamlPair } from './yaml11.js';

/** The pair whose key is the string `key`, if the map has one. */
export function pairOf(map: YamlMap, key: string): YamlPair | undefined {
  return map.pairs.find((pair) => pair.key.value === key);
}

/** The value under the string `key`, if the map has it. */
export function valueOf(map: YamlMap, key: string): YamlNode | undefined {
  return pairOf(map, key)?.value;
}

/** A key's name as text: the string itself, or the written text otherwise. */
export function keyName(pair: YamlPair): string {
  return typeof pair.key.value === 'string' ? pair.key.value : pair.key.text;
}

/**
 * The node at `path` (map keys and sequence indices) under `root`, or
 * undefined when the path leaves the tree.
 */
export function nodeAtPath(
  root: YamlNode,
  path: readonly (string | number)[],
): YamlNode | undefined {
  let node: YamlNode | undefined = root;
  for (const step of path) {
    if (node === undefined) return undefined;
    if (node.kind === 'map' && typeof step === 'string') node = valueOf(node, step);
    else if (node.kind === 'seq' && typeof step === 'number') node = node.items[step];
    else return undefined;
  }
  return node;
}

/** Where the node at `path` starts, or undefined when there is none. */
export function locationAtPath(
  root: YamlNode,
  path: readonly (string | number)[],
): SourceLocation | undefined {
  return nodeAtPath(root, path)?.location;
}

/**
 * The node as plain values: maps become objects (keys as text), sequences
 * arrays, scalars their resolved value.
 */
export function toPlain(node: YamlNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  return Object.fromEntries(
    node.pairs.map((pair) => [keyName(pair), toPlain(pair.value)]),
  );
}
