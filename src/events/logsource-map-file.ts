/**
 * Loading logsource mappings from the project's YAML format (described in
 * `docs/logsource-maps.md`), either a file or a bundled map by name
 * (`windows`, shipped as `src/events/maps/windows.yml`).
 *
 * Loading never throws: a file that cannot be read, is not YAML, or does
 * not have the expected shape gives a `failed` result whose diagnostics
 * name file, line and column (codes `SH501` to `SH504`, see the doc).
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { caretExcerpt, diagnostic, fileStart } from '../diagnostics.js';
import type { LogsourceVariant } from './logsource-map.js';
import type { LogsourceEntry, LogsourceKey } from './logsource-routing.js';
import { EntryLogsourceMap, LOGSOURCE_KEYS } from './logsource-routing.js';
import { packageRoot } from './package-root.js';

/** The result of loading a mapping: the map, or why it could not load. */
export type LogsourceMapLoad =
  | {
      readonly kind: 'loaded';
      readonly map: EntryLogsourceMap;
      /** Warnings; empty when the file is clean. */
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly kind: 'failed'; readonly diagnostics: readonly Diagnostic[] };

/** Names of the mappings shipped with the package. */
export const BUNDLED_LOGSOURCE_MAPS: readonly string[] = ['windows'];

/** Diagnostic codes of mapping files. */
export const MAP_CODES = {
  unreadable: 'SH501',
  yamlSyntax: 'SH502',
  shape: 'SH503',
  duplicateEntry: 'SH504',
} as const;

/**
 * Loads a bundled mapping by name (see `BUNDLED_LOGSOURCE_MAPS`) or a
 * mapping file by path. A bundled name wins over a file of the same name;
 * write `./windows` to mean the file.
 */
export async function loadLogsourceMap(nameOrPath: string): Promise<LogsourceMapLoad> {
  const bundled = BUNDLED_LOGSOURCE_MAPS.includes(nameOrPath);
  const file = bundled ? bundledMapPath(nameOrPath) : nameOrPath;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const message = `cannot read logsource map: ${(error as Error).message}`;
    const problem = diagnostic(fileStart(file), MAP_CODES.unreadable, 'error', message);
    return { kind: 'failed', diagnostics: [problem] };
  }
  return parseLogsourceMap(text, file, bundled ? nameOrPath : file);
}

/** Where a bundled mapping lives: `<package root>/src/events/maps/<name>.yml`. */
export function bundledMapPath(name: string): string {
  const root = packageRoot(import.meta.url) ?? process.cwd();
  return join(root, 'src', 'events', 'maps', `${name}.yml`);
}

/** Parses mapping text; `file` is used in diagnostics, `name` names the map. */
export function parseLogsourceMap(
  text: string,
  file: string,
  name: string,
): LogsourceMapLoad {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const reader = new MapReader(text, file, lineCounter);
  for (const error of document.errors) {
    const position = error.linePos?.[0] ?? { line: 1, col: 1 };
    const firstLine = error.message.split('\n')[0] ?? error.code;
    const message = firstLine.replace(/ at line \d+, column \d+:?$/, '');
    reader.problemAt(position.line, position.col, MAP_CODES.yamlSyntax, message);
  }
  const entries = reader.problems.length === 0 ? reader.root(document.contents) : [];
  if (reader.problems.length > 0) {
    const diagnostics = reader.problems.sort(
      (a, b) => a.line - b.line || a.column - b.column,
    );
    return { kind: 'failed', diagnostics };
  }
  return { kind: 'loaded', map: new EntryLogsourceMap(name, entries), diagnostics: [] };
}

const ROOT_KEYS = ['title', 'description', 'logsources'];
const ENTRY_KEYS = ['logsource', 'variants'];
const VARIANT_KEYS = ['conditions', 'fields'];

/** Walks the YAML tree, building entries and collecting problems. */
class MapReader {
  readonly problems: Diagnostic[] = [];
  private readonly lines: string[];

  constructor(
    text: string,
    private readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  root(node: unknown): LogsourceEntry[] {
    const map = this.mapWithKeys(node, ROOT_KEYS, 'the file');
    if (map === undefined) return [];
    const list = map.get('logsources', true);
    if (!isSeq(list)) {
      this.problem(list ?? map, 'expected `logsources:` with a list of entries');
      return [];
    }
    const entries: LogsourceEntry[] = [];
    const seen = new Set<string>();
    for (const item of list.items) {
      const entry = this.entry(item);
      if (entry === undefined) continue;
      const key = JSON.stringify(LOGSOURCE_KEYS.map((k) => entry.logsource[k] ?? null));
      if (seen.has(key)) this.duplicate(item);
      seen.add(key);
      entries.push(entry);
    }
    return entries;
  }

  private entry(node: unknown): LogsourceEntry | undefined {
    const map = this.mapWithKeys(node, ENTRY_KEYS, 'an entry');
    if (map === undefined) return undefined;
    const logsource = this.logsource(map.get('logsource', true) ?? map);
    const list = map.get('variants', true);
    if (!isSeq(list) || list.items.length === 0) {
      this.problem(list ?? map, 'expected `variants:` with a non-empty list');
      return undefined;
    }
    const variants = list.items.map((item) => this.variant(item));
    if (logsource === undefined || variants.includes(undefined)) return undefined;
    return { logsource, variants: variants as LogsourceVariant[] };
  }

  private logsource(node: unknown): LogsourceEntry['logsource'] | undefined {
    const map = this.mapWithKeys(node, [...LOGSOURCE_KEYS], 'a logsource');
    if (map === undefined) return undefined;
    const logsource: Partial<Record<LogsourceKey, string>> = {};
    for (const key of LOGSOURCE_KEYS) {
      const value = map.get(key, true);
      if (value === undefined) continue;
      const text = this.text(value);
      if (text !== undefined) logsource[key] = text.toLowerCase();
    }
    if (Object.keys(logsource).length === 0) {
      this.problem(map, 'a logsource names at least one of category, product, service');
      return undefined;
    }
    return logsource;
  }

  private variant(node: unknown): LogsourceVariant | undefined {
    const map = this.mapWithKeys(node, VARIANT_KEYS, 'a variant');
    if (map === undefined) return undefined;
    const conditionsNode = map.get('conditions', true);
    const fieldsNode = map.get('fields', true);
    const conditions =
      conditionsNode === undefined ? {} : this.conditions(conditionsNode);
    const fields = fieldsNode === undefined ? {} : this.fields(fieldsNode);
    if (conditions === undefined || fields === undefined) return undefined;
    return Object.freeze({ conditions, fields });
  }

  private conditions(node: unknown): Record<string, readonly string[]> | undefined {
    const map = this.mapWithKeys(node, undefined, '`conditions`');
    if (map === undefined) return undefined;
    const conditions: Record<string, readonly string[]> = {};
    let ok = true;
    for (const pair of map.items) {
      const field = this.text(pair.key);
      const values = isSeq(pair.value) ? pair.value.items : [pair.value];
      const texts = values.map((value) => this.text(value, pair.key));
      if (values.length === 0)
        this.problem(pair.value ?? map, 'expected at least one value');
      if (field === undefined || values.length === 0 || texts.includes(undefined))
        ok = false;
      else conditions[field] = Object.freeze(texts as string[]);
    }
    return ok ? Object.freeze(conditions) : undefined;
  }

  private fields(node: unknown): Record<string, string> | undefined {
    const map = this.mapWithKeys(node, undefined, '`fields`');
    if (map === undefined) return undefined;
    const fields: Record<string, string> = {};
    let ok = true;
    for (const pair of map.items) {
      const ruleField = this.text(pair.key);
      const eventField = this.text(pair.value, pair.key);
      if (ruleField === undefined || eventField === undefined) ok = false;
      else fields[ruleField] = eventField;
    }
    return ok ? Object.freeze(fields) : undefined;
  }

  /** A map whose keys are all in `allowed` (any keys when undefined). */
  private mapWithKeys(
    node: unknown,
    allowed: readonly string[] | undefined,
    what: string,
  ): YAMLMap<unknown, unknown> | undefined {
    if (!isMap(node)) {
      this.problem(node, `expected ${what} to be a map`);
      return undefined;
    }
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (allowed !== undefined && (key === undefined || !allowed.includes(key))) {
        this.problem(
          pair.key,
          `unknown key in ${what}; expected one of ${allowed.join(', ')}`,
        );
      }
    }
    return node;
  }

  /**
   * A scalar string, number or boolean as text, or a problem (placed at
   * `owner` when the value is missing altogether).
   */
  private text(node: unknown, owner?: unknown): string | undefined {
    if (isScalar(node) && ['string', 'number', 'boolean'].includes(typeof node.value)) {
      return String(node.value);
    }
    const missing = node === null || node === undefined;
    this.problem(
      missing && owner !== undefined ? owner : node,
      'expected a value (text or number)',
    );
    return undefined;
  }

  private duplicate(node: unknown): void {
    const message = 'an earlier entry covers the same logsource';
    this.report(node, MAP_CODES.duplicateEntry, message);
  }

  private problem(node: unknown, message: string): void {
    this.report(node, MAP_CODES.shape, message);
  }

  private report(node: unknown, code: string, message: string): void {
    const offset = (node as YamlNode | null)?.range?.[0] ?? 0;
    const { line, col } = this.lineCounter.linePos(offset);
    this.problemAt(line, col, code, message);
  }

  /** Records an error at a 1-based line and column, with an excerpt. */
  problemAt(line: number, column: number, code: string, message: string): void {
    const source = this.lines[line - 1];
    const excerpt = source === undefined ? undefined : caretExcerpt(source, column);
    const at = { file: this.file, line, column };
    this.problems.push(diagnostic(at, code, 'error', message, excerpt));
  }
}
