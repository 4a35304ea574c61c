/**
 * Reads the metadata every Sigma document may carry (title, id, status,
 * tags, ...) from a document's YAML map. Reading is lenient: a value of the
 * wrong shape is left out here and reported by `validate.ts`.
 */

import type { DocumentMeta, RelatedRule, RuleLevel, RuleStatus } from './model.js';
import { keyName, toPlain, valueOf } from './yaml-access.js';
import type { YamlDocument, YamlMap, YamlNode } from './yaml11.js';

/** Rule statuses of the specification. */
export const RULE_STATUSES: readonly RuleStatus[] = [
  'stable',
  'test',
  'experimental',
  'deprecated',
  'unsupported',
];

/** Rule levels of the specification. */
export const RULE_LEVELS: readonly RuleLevel[] = [
  'informational',
  'low',
  'medium',
  'high',
  'critical',
];

/** The metadata of a document whose root is `map`. */
export function readMeta(map: YamlMap, document: YamlDocument): DocumentMeta {
  return {
    file: document.source.file,
    documentIndex: document.index,
    location: document.location,
    title: textOf(valueOf(map, 'title')) ?? '',
    ...optionalText(map, ['id', 'name', 'description', 'author', 'date', 'modified']),
    ...enumField(map, 'status', RULE_STATUSES),
    ...enumField(map, 'level', RULE_LEVELS),
    tags: textList(valueOf(map, 'tags')),
    related: relatedRules(valueOf(map, 'related')),
    references: textList(valueOf(map, 'references')),
    falsepositives: textList(valueOf(map, 'falsepositives')),
    attributes: Object.fromEntries(map.pairs.map((p) => [keyName(p), toPlain(p.value)])),
    keyLines: Object.fromEntries(map.pairs.map((p) => [keyName(p), p.key.location.line])),
  };
}

/** A scalar's value as text: strings as they are, numbers and booleans printed. */
export function textOf(node: YamlNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : node.text;
}

function optionalText(map: YamlMap, keys: readonly string[]): Record<string, string> {
  const entries = keys.flatMap((key) => {
    const text = textOf(valueOf(map, key));
    return text === undefined ? [] : [[key, text] as const];
  });
  return Object.fromEntries(entries);
}

function enumField<T extends string>(
  map: YamlMap,
  key: string,
  allowed: readonly T[],
): Partial<Record<string, T>> {
  const text = textOf(valueOf(map, key));
  const found = allowed.find((value) => value === text);
  return found === undefined ? {} : { [key]: found };
}

/** The texts of a list of scalars; a single scalar counts as a one-item list. */
export function textList(node: YamlNode | undefined): string[] {
  if (node === undefined) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  return items.flatMap((item) => textOf(item) ?? []);
}

function relatedRules(node: YamlNode | undefined): RelatedRule[] {
  if (node?.kind !== 'seq') return [];
  return node.items.flatMap((item) => {
    if (item.kind !== 'map') return [];
    const id = textOf(valueOf(item, 'id'));
    const type = textOf(valueOf(item, 'type'));
    return id === undefined || type === undefined ? [] : [{ id, type }];
  });
}
