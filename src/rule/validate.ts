/**
 * Schema checks of a Sigma document's metadata (specification v2.1 and its
 * JSON schema). A missing or unusable `title` is an error; format problems
 * of the other metadata (`id`, `status`, `level`, `date`, `tags`,
 * `related`, ...) are warnings, since the rule can still be evaluated.
 *
 * Structural checks of `logsource`, `detection`, filters and correlations
 * happen where those sections are read (`load.ts`, `detection.ts`,
 * `correlation.ts`, `filter.ts`). Whether a condition names existing
 * identifiers is checked by the engine, not here.
 */

import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import type { RuleCode } from './codes.js';
import { ruleDiagnostic } from './codes.js';
import { RULE_LEVELS, RULE_STATUSES, textOf } from './meta.js';
import type { SourceText } from './source-text.js';
import { pairOf, valueOf } from './yaml-access.js';
import type { YamlMap, YamlNode } from './yaml11.js';

/** Longest allowed `title` and `name`. */
export const MAX_TITLE_LENGTH = 256;
/** Longest allowed `description`. */
export const MAX_DESCRIPTION_LENGTH = 65535;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TAG = /^[a-z0-9_-]+\.[a-z0-9._-]+$/;
const RELATED_TYPES = ['derived', 'obsolete', 'merged', 'renamed', 'similar'];
const RELATED_TYPE_LIST = RELATED_TYPES.join(', ');

/** Checks the metadata of a document whose root is `map`. */
export function validateMeta(map: YamlMap, source: SourceText): Diagnostic[] {
  const check = new MetaChecker(map, source);
  check.title();
  check.id();
  check.enumValue('status', RULE_STATUSES, 'SH211');
  check.enumValue('level', RULE_LEVELS, 'SH212');
  check.date('date');
  check.date('modified');
  check.tags();
  check.related();
  check.text('name', MAX_TITLE_LENGTH);
  check.text('description', MAX_DESCRIPTION_LENGTH);
  check.text('author', MAX_DESCRIPTION_LENGTH);
  check.textList('references');
  check.textList('falsepositives');
  return check.diagnostics;
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isSigmaDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether `text` is a UUID (any version, any case). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}

class MetaChecker {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly map: YamlMap,
    private readonly source: SourceText,
  ) {}

  title(): void {
    const pair = pairOf(this.map, 'title');
    if (pair === undefined) {
      this.report(this.map.location, 'SH201', 'the document has no title');
      return;
    }
    const text = stringValue(pair.value);
    if (text === undefined || text.trim() === '') {
      this.report(pair.value.location, 'SH202', 'title must be a non-empty string');
    } else if (text.length > MAX_TITLE_LENGTH) {
      const message = `title has ${text.length} characters; at most ${MAX_TITLE_LENGTH}`;
      this.report(pair.value.location, 'SH202', message);
    }
  }

  id(): void {
    const node = valueOf(this.map, 'id');
    if (node === undefined) return;
    const text = textOf(node);
    if (text === undefined || !isUuid(text)) {
      this.report(node.location, 'SH210', `id '${text ?? ''}' is not a UUID`);
    }
  }

  enumValue(key: string, allowed: readonly string[], code: RuleCode): void {
    const node = valueOf(this.map, key);
    if (node === undefined) return;
    const text = textOf(node);
    if (text !== undefined && allowed.includes(text)) return;
    const message = `${key} '${text ?? ''}' is not one of ${allowed.join(', ')}`;
    this.report(node.location, code, message);
  }

  date(key: string): void {
    const node = valueOf(this.map, key);
    if (node === undefined) return;
    const text = textOf(node);
    if (text !== undefined && isSigmaDate(text)) return;
    const message = `${key} '${text ?? ''}' is not a date written YYYY-MM-DD`;
    this.report(node.location, 'SH213', message);
  }

  tags(): void {
    const node = valueOf(this.map, 'tags');
    if (node === undefined) return;
    for (const item of this.listItems('tags', node)) {
      const text = stringValue(item);
      if (text !== undefined && TAG.test(text)) continue;
      const tag = textOf(item) ?? '';
      const message = `tag '${tag}' does not match namespace.name (${TAG.source})`;
      this.report(item.location, 'SH214', message);
    }
  }

  related(): void {
    const node = valueOf(this.map, 'related');
    if (node === undefined) return;
    for (const item of this.listItems('related', node)) this.relatedItem(item);
  }

  text(key: string, maxLength: number): void {
    const node = valueOf(this.map, key);
    if (node === undefined) return;
    const text = stringValue(node);
    if (text === undefined) {
      this.report(node.location, 'SH216', `${key} must be a string`);
    } else if (text.length > maxLength) {
      const message = `${key} has ${text.length} characters; at most ${maxLength}`;
      this.report(node.location, 'SH217', message);
    }
  }

  textList(key: string): void {
    const node = valueOf(this.map, key);
    if (node === undefined) return;
    for (const item of this.listItems(key, node)) {
      if (item.kind !== 'scalar' || item.value === null) {
        this.report(item.location, 'SH216', `${key} must hold strings`);
      }
    }
  }

  private relatedItem(item: YamlNode): void {
    if (item.kind !== 'map') {
      this.report(item.location, 'SH215', 'a related entry is a map with id and type');
      return;
    }
    const id = textOf(valueOf(item, 'id'));
    if (id === undefined || !isUuid(id)) {
      this.report(item.location, 'SH215', `related id '${id ?? ''}' is not a UUID`);
    }
    const type = textOf(valueOf(item, 'type'));
    if (type === undefined || !RELATED_TYPES.includes(type)) {
      const message = `related type '${type ?? ''}' is not one of ${RELATED_TYPE_LIST}`;
      this.report(item.location, 'SH215', message);
    }
  }

  private listItems(key: string, node: YamlNode): readonly YamlNode[] {
    if (node.kind === 'seq') return node.items;
    this.report(node.location, 'SH216', `${key} must be a list`);
    return [];
  }

  private report(location: SourceLocation, code: RuleCode, message: string): void {
    this.diagnostics.push(ruleDiagnostic(this.source, location, code, message));
  }
}

function stringValue(node: YamlNode): string | undefined {
  return node.kind === 'scalar' && typeof node.value === 'string'
    ? node.value
    : undefined;
}
