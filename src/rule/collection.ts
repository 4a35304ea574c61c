/**
 * Sigma v1 rule collections: the `action` key of a document in a
 * multi-document file, handled as pySigma's `SigmaCollection` does.
 *
 * - `action: global` makes the document the template of the following rules;
 *   its values overwrite a rule's values, except that maps merge key by key.
 * - `action: reset` drops the template.
 * - `action: repeat` takes the previous rule (or the template, right after
 *   `global`) and overwrites it with this document's values, maps merging.
 * - A document without `action` is a rule; the template is merged into it.
 *
 * Unlike pySigma, merging never mutates an earlier document, and the
 * `action` key is removed from every document it is found in.
 */

import type { Diagnostic } from '../diagnostics.js';
import { ruleDiagnostic } from './codes.js';
import { keyName, pairOf } from './yaml-access.js';
import type { YamlDocument, YamlMap, YamlPair } from './yaml11.js';

/** The documents that are rules after collection actions, with problems. */
export interface CollectionResult {
  readonly documents: YamlDocument[];
  /** One error per document refused (unknown action, repeat of nothing). */
  readonly diagnostics: Diagnostic[];
}

/** Applies `action: global | reset | repeat` across a file's documents. */
export function applyCollectionActions(input: readonly YamlDocument[]): CollectionResult {
  const documents: YamlDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  let template: YamlMap | undefined;
  let previous: YamlMap | undefined;
  for (const document of input) {
    const { root } = document;
    const actionPair = root.kind === 'map' ? pairOf(root, 'action') : undefined;
    if (root.kind !== 'map' || actionPair === undefined) {
      const merged = root.kind === 'map' && template ? deepMerge(root, template) : root;
      if (merged.kind === 'map') previous = merged;
      documents.push({ ...document, root: merged });
      continue;
    }
    const body = withoutKey(root, 'action');
    const action =
      actionPair.value.kind === 'scalar' ? actionPair.value.value : undefined;
    if (action === 'global') {
      template = body;
      previous = body;
    } else if (action === 'reset') {
      template = undefined;
    } else if (action === 'repeat' && previous !== undefined) {
      previous = deepMerge(previous, body);
      documents.push({ ...document, root: previous });
    } else {
      const code = action === 'repeat' ? 'SH111' : 'SH110';
      const message =
        action === 'repeat'
          ? 'action: repeat needs a previous rule or global document'
          : `unknown collection action '${String(action)}'; use global, reset or repeat`;
      const location = actionPair.value.location;
      diagnostics.push(ruleDiagnostic(document.source, location, code, message));
    }
  }
  return { documents, diagnostics };
}

/**
 * `target` overwritten by `update`: for each key of `update`, a map merges
 * into the target's map of that key (or an empty one); any other value
 * replaces the target's. New keys are appended in `update`'s order.
 */
export function deepMerge(target: YamlMap, update: YamlMap): YamlMap {
  const pairs: YamlPair[] = [...target.pairs];
  for (const pair of update.pairs) {
    const name = keyName(pair);
    const index = pairs.findIndex((p) => keyName(p) === name);
    const old = pairs[index];
    const value =
      pair.value.kind === 'map'
        ? deepMerge(
            old?.value.kind === 'map' ? old.value : emptyMap(pair.value),
            pair.value,
          )
        : pair.value;
    if (old === undefined) pairs.push({ key: pair.key, value });
    else pairs[index] = { key: old.key, value };
  }
  return { kind: 'map', pairs, location: target.location };
}

function emptyMap(like: YamlMap): YamlMap {
  return { kind: 'map', pairs: [], location: like.location };
}

function withoutKey(map: YamlMap, key: string): YamlMap {
  return { ...map, pairs: map.pairs.filter((pair) => keyName(pair) !== key) };
}
