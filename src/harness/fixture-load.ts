/**
 * Reading the project's fixture files (YAML 1.1, comments allowed; format in
 * `docs/fixtures.md`, JSON Schema in `docs/schemas/fixture.schema.json`).
 * Every problem is a diagnostic with file, line and column; a file with an
 * error gives no fixture, so it can never pass by being skipped. What a
 * `rule:` value names, and whether that is a given rule, is decided here
 * (`ruleReference`, `referencesRule`).
 */

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import type { JsonObject, LogEvent } from '../events/event.js';
import { keyName, toPlain, valueOf } from '../rule/yaml-access.js';
import type { SourceText } from '../rule/source-text.js';
import type { YamlMap, YamlNode } from '../rule/yaml11.js';
import { parseYamlDocuments } from '../rule/yaml11.js';
import type { FixtureCode } from './codes.js';
import type {
  CountExpectation,
  EventSource,
  Fixture,
  FixtureCase,
  Polarity,
  RuleReference,
} from './fixture.js';

/** A fixture file read: the fixture, or the reasons there is none. */
export type FixtureLoadResult =
  | { readonly ok: true; readonly fixture: Fixture }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The keys a fixture file may have (kept in step with the JSON Schema). */
export const FIXTURE_KEYS: ReadonlySet<string> = new Set([
  'rule',
  'description',
  'logsource_map',
  'tp',
  'fp',
]);

/** The keys a case may have (kept in step with the JSON Schema). */
export const CASE_KEYS: ReadonlySet<string> = new Set([
  'name',
  'description',
  'event',
  'file',
  'exactly',
  'at_least',
  'at_most',
  'logsource_map',
]);
const RULE_PATH = /\.ya?ml$/i;

/** What a rule reference is compared with: the rule's id, if any, and its file. */
export interface ReferencedRule {
  readonly id?: string;
  readonly file: string;
}

/**
 * The rule a fixture's `rule:` value names: a value ending in `.yml` or
 * `.yaml` is a path to the rule file, relative to the fixture file `file`;
 * any other value is the rule's id.
 */
export function ruleReference(value: string, file: string): RuleReference {
  return RULE_PATH.test(value)
    ? { kind: 'path', path: resolve(dirname(file), value) }
    : { kind: 'id', id: value };
}

/** True when `reference` names `rule`: the same id, or the same file. */
export function referencesRule(reference: RuleReference, rule: ReferencedRule): boolean {
  return reference.kind === 'id'
    ? rule.id === reference.id
    : resolve(rule.file) === reference.path;
}

/**
 * The rule the fixture file at `path` names, reading only its `rule:`, so
 * a file with other problems still names its rule; undefined when the file
 * cannot be read or has no valid `rule:`.
 */
export async function readRuleReference(
  path: string,
): Promise<RuleReference | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseYamlDocuments(text, path);
  const root = parsed.documents.length === 1 ? parsed.documents[0]?.root : undefined;
  const node = root?.kind === 'map' ? valueOf(root, 'rule') : undefined;
  const value = node === undefined ? undefined : nonEmptyString(node);
  return value === undefined ? undefined : ruleReference(value, path);
}

/** Reads and validates the fixture file at `path`. */
export async function loadFixtureFile(path: string): Promise<FixtureLoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const message = `cannot read fixture file: ${(error as Error).message}`;
    const at = { file: path, line: 1, column: 1 };
    return {
      ok: false,
      diagnostics: [{ ...at, code: 'SH604', severity: 'error', message }],
    };
  }
  return loadFixtureText(text, path);
}

/** Validates fixture `text` read from `file` (paths resolve beside `file`). */
export function loadFixtureText(text: string, file: string): FixtureLoadResult {
  const parsed = parseYamlDocuments(text, file);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) {
    return { ok: false, diagnostics: parsed.diagnostics };
  }
  const root = parsed.documents[0]?.root;
  const reader = new FixtureReader(parsed.source, file);
  if (parsed.documents.length !== 1 || root === undefined) {
    reader.error(
      'SH601',
      { file, line: 1, column: 1 },
      'a fixture file holds one YAML document',
    );
    return { ok: false, diagnostics: reader.diagnostics };
  }
  const fixture = reader.fixture(root);
  if (fixture === undefined || reader.diagnostics.length > 0) {
    return { ok: false, diagnostics: reader.diagnostics };
  }
  return { ok: true, fixture };
}

/** Walks one fixture document, collecting diagnostics. */
class FixtureReader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly folder: string;

  constructor(
    private readonly source: SourceText,
    private readonly file: string,
  ) {
    this.folder = dirname(file);
  }

  error(code: FixtureCode, at: SourceLocation, message: string): void {
    this.diagnostics.push(this.source.diagnostic(at, code, 'error', message));
  }

  fixture(root: YamlNode): Fixture | undefined {
    if (root.kind !== 'map') {
      this.error('SH601', root.location, 'a fixture is a map with `rule`, `tp` and `fp`');
      return undefined;
    }
    this.unknownKeys(root, FIXTURE_KEYS, 'fixture');
    const rule = this.rule(root);
    const defaultMap = this.mapReference(root, 'logsource_map');
    const cases = [
      ...this.cases(root, 'tp', defaultMap),
      ...this.cases(root, 'fp', defaultMap),
    ];
    if (cases.length === 0 && this.diagnostics.length === 0) {
      this.error('SH604', root.location, 'the fixture has no `tp` or `fp` case');
    }
    if (rule === undefined) return undefined;
    const ruleLocation = valueOf(root, 'rule')?.location ?? root.location;
    return {
      format: 'fixture',
      file: this.file,
      rule,
      ruleLocation,
      cases,
      location: root.location,
    };
  }

  private rule(root: YamlMap): RuleReference | undefined {
    const node = valueOf(root, 'rule');
    if (node === undefined) {
      this.error('SH602', root.location, 'the fixture does not name its rule (`rule:`)');
      return undefined;
    }
    const text = this.stringOf(node, '`rule` (a rule id, or a path to a .yml file)');
    return text === undefined ? undefined : ruleReference(text, this.file);
  }

  private cases(root: YamlMap, polarity: Polarity, defaultMap?: string): FixtureCase[] {
    const node = valueOf(root, polarity);
    if (node === undefined) return [];
    if (node.kind !== 'seq') {
      this.error('SH601', node.location, `\`${polarity}\` is a list of cases`);
      return [];
    }
    return node.items.flatMap((item) => {
      const one = this.case(item, polarity, defaultMap);
      return one === undefined ? [] : [one];
    });
  }

  private case(node: YamlNode, polarity: Polarity, defaultMap?: string) {
    if (node.kind !== 'map') {
      this.error(
        'SH601',
        node.location,
        'a case is a map with `name` and `event` or `file`',
      );
      return undefined;
    }
    this.unknownKeys(node, CASE_KEYS, 'case');
    const nameNode = valueOf(node, 'name');
    if (nameNode === undefined)
      this.error('SH602', node.location, 'the case has no `name`');
    const name = nameNode === undefined ? undefined : this.stringOf(nameNode, '`name`');
    const source = this.eventSource(node);
    const expect = this.expectation(node, polarity);
    const map = this.mapReference(node, 'logsource_map') ?? defaultMap;
    if (name === undefined || source === undefined || expect === undefined)
      return undefined;
    const base = { name, polarity, source, expect, location: node.location };
    return map === undefined ? base : { ...base, logsourceMap: map };
  }

  private eventSource(node: YamlMap): EventSource | undefined {
    const inline = valueOf(node, 'event');
    const file = valueOf(node, 'file');
    if ((inline === undefined) === (file === undefined)) {
      const message = 'a case has either `event` (inline) or `file` (an event file)';
      this.error('SH602', node.location, message);
      return undefined;
    }
    if (file !== undefined) {
      const path = this.stringOf(file, '`file` (a path relative to the fixture)');
      return path === undefined
        ? undefined
        : { kind: 'file', path: resolve(this.folder, path) };
    }
    const events = this.inlineEvents(inline as YamlNode);
    return events === undefined ? undefined : { kind: 'inline', events };
  }

  private inlineEvents(node: YamlNode): LogEvent[] | undefined {
    const items = node.kind === 'seq' ? node.items : [node];
    if (items.length === 0) {
      this.error('SH607', node.location, 'the case has an empty `event` list');
      return undefined;
    }
    const events: LogEvent[] = [];
    for (const item of items) {
      if (item.kind !== 'map') {
        this.error('SH601', item.location, 'an event is a map of field names to values');
        return undefined;
      }
      events.push(toPlain(item) as JsonObject);
    }
    return events;
  }

  private expectation(node: YamlMap, polarity: Polarity): CountExpectation | undefined {
    const exactly = this.count(node, 'exactly');
    const atLeast = this.count(node, 'at_least');
    const atMost = this.count(node, 'at_most');
    if (exactly === null || atLeast === null || atMost === null) return undefined;
    if (exactly !== undefined && (atLeast !== undefined || atMost !== undefined)) {
      this.error(
        'SH603',
        node.location,
        '`exactly` cannot be combined with other counts',
      );
      return undefined;
    }
    if (exactly !== undefined) return { kind: 'range', min: exactly, max: exactly };
    if (atLeast === undefined && atMost === undefined) {
      return { kind: polarity === 'tp' ? 'all' : 'none' };
    }
    const min = atLeast ?? 0;
    if (atMost !== undefined && atMost < min) {
      this.error('SH603', node.location, '`at_most` is below `at_least`');
      return undefined;
    }
    return atMost === undefined
      ? { kind: 'range', min }
      : { kind: 'range', min, max: atMost };
  }

  /** The count under `key`; undefined when absent, null when invalid. */
  private count(node: YamlMap, key: string): number | undefined | null {
    const value = valueOf(node, key);
    if (value === undefined) return undefined;
    if (
      value.kind === 'scalar' &&
      Number.isSafeInteger(value.value) &&
      Number(value.value) >= 0
    ) {
      return Number(value.value);
    }
    this.error('SH603', value.location, `\`${key}\` is a whole number, 0 or more`);
    return null;
  }

  /** `logsource_map`: the bundled `windows`, or a file beside the fixture. */
  private mapReference(node: YamlMap, key: string): string | undefined {
    const value = valueOf(node, key);
    if (value === undefined) return undefined;
    const text = this.stringOf(value, `\`${key}\``);
    if (text === undefined || text === 'windows') return text;
    return resolve(this.folder, text);
  }

  private stringOf(node: YamlNode, what: string): string | undefined {
    const text = nonEmptyString(node);
    if (text !== undefined) return text;
    this.error('SH601', node.location, `${what} must be a non-empty string`);
    return undefined;
  }

  private unknownKeys(map: YamlMap, allowed: ReadonlySet<string>, what: string): void {
    for (const pair of map.pairs) {
      const key = keyName(pair);
      if (!allowed.has(key)) {
        this.error('SH601', pair.key.location, `unknown ${what} key '${key}'`);
      }
    }
  }
}

/** The text of a scalar that is a non-empty string. */
function nonEmptyString(node: YamlNode): string | undefined {
  return node.kind === 'scalar' && typeof node.value === 'string' && node.value !== ''
    ? node.value
    : undefined;
}
