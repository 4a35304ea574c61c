/**
 * Reading placeholder values for the `expand` modifier from a YAML file: a
 * map from placeholder name (without `%`) to a value or a list of values.
 *
 * ```yaml
 * Servers: [srv1, 'srv2*']
 * Administrators: admin
 * ```
 */

import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic, fileStart } from '../diagnostics.js';
import type { YamlNode } from '../rule/yaml11.js';
import { parseYamlDocuments } from '../rule/yaml11.js';
import type { PlaceholderValues } from './placeholders.js';

/** The result of reading a placeholder file. */
export type PlaceholderFileLoad =
  | { readonly ok: true; readonly values: PlaceholderValues }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** Reads and checks a placeholder file. */
export async function loadPlaceholderFile(path: string): Promise<PlaceholderFileLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const problem = diagnostic(
      fileStart(path),
      'SH801',
      'error',
      `cannot read: ${reason}`,
    );
    return { ok: false, diagnostics: [problem] };
  }
  const parsed = parseYamlDocuments(text, path);
  const root = parsed.documents[0]?.root;
  if (parsed.diagnostics.length > 0)
    return { ok: false, diagnostics: parsed.diagnostics };
  if (root?.kind !== 'map') {
    const at = root?.location ?? fileStart(path);
    const message = 'a placeholder file is a map of names to values';
    return { ok: false, diagnostics: [diagnostic(at, 'SH802', 'error', message)] };
  }
  const values: Record<string, string[]> = {};
  const diagnostics: Diagnostic[] = [];
  for (const pair of root.pairs) {
    const list = stringsOf(pair.value);
    if (/^%.*%$/s.test(pair.key.text)) {
      const bare = pair.key.text.slice(1, -1);
      const message = `placeholder names are written without %: '${bare}', not '${pair.key.text}'`;
      diagnostics.push(diagnostic(pair.key.location, 'SH802', 'error', message));
    } else if (list === undefined) {
      const message = `placeholder '${pair.key.text}' must be a string or a list of strings`;
      diagnostics.push(diagnostic(pair.value.location, 'SH802', 'error', message));
    } else {
      values[pair.key.text] = list;
    }
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, values };
}

function stringsOf(node: YamlNode): string[] | undefined {
  if (node.kind === 'scalar') return node.value === null ? [] : [node.text];
  if (node.kind === 'map') return undefined;
  const texts: string[] = [];
  for (const item of node.items) {
    if (item.kind !== 'scalar' || item.value === null) return undefined;
    texts.push(item.text);
  }
  return texts;
}
