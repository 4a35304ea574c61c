/**
 * Sigma correlation rules: the `correlation` section with `type`, `rules`,
 * `group-by`, `timespan`, `condition`, `aliases` and `generate`. They are
 * read and checked here; evaluating them is not part of this stage.
 */

import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import type { RuleCode } from './codes.js';
import { ruleDiagnostic } from './codes.js';
import { textList, textOf } from './meta.js';
import type { CorrelationType, SigmaCorrelation } from './model.js';
import type { SourceText } from './source-text.js';
import { keyName, valueOf } from './yaml-access.js';
import type { YamlMap, YamlNode } from './yaml11.js';

/** The correlation types of the specification. */
export const CORRELATION_TYPES: readonly CorrelationType[] = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
];

/** Comparison operators of a correlation condition. */
export const CORRELATION_OPERATORS: readonly string[] = [
  'gt',
  'gte',
  'lt',
  'lte',
  'eq',
  'neq',
];

/** The correlation-specific part of a `SigmaCorrelation`. */
export type CorrelationBody = Pick<
  SigmaCorrelation,
  | 'correlationType'
  | 'rules'
  | 'groupBy'
  | 'timespan'
  | 'condition'
  | 'aliases'
  | 'generate'
>;

/** What reading a `correlation` section gave. */
export interface CorrelationResult {
  readonly body?: CorrelationBody;
  readonly diagnostics: Diagnostic[];
}

const TIMESPAN = /^[1-9][0-9]*[smhdwMy]$/;
const UNITS = 's, m, h, d, w, M or y';
const TYPE_LIST = CORRELATION_TYPES.join(', ');
const OPERATOR_LIST = CORRELATION_OPERATORS.join(', ');

/** Reads the `correlation` section of a document whose root is `root`. */
export function readCorrelation(root: YamlMap, source: SourceText): CorrelationResult {
  const section = valueOf(root, 'correlation');
  if (section?.kind !== 'map') {
    const at = section?.location ?? root.location;
    const message = 'correlation must be a map';
    return { diagnostics: [ruleDiagnostic(source, at, 'SH235', message)] };
  }
  const reader = new CorrelationReader(section, source);
  const body = reader.read();
  return body === undefined || reader.failed
    ? { diagnostics: reader.diagnostics }
    : { body, diagnostics: reader.diagnostics };
}

class CorrelationReader {
  readonly diagnostics: Diagnostic[] = [];
  failed = false;

  constructor(
    private readonly section: YamlMap,
    private readonly source: SourceText,
  ) {}

  read(): CorrelationBody | undefined {
    const correlationType = this.type();
    if (correlationType === undefined) return undefined;
    const body = {
      correlationType,
      rules: this.rules(),
      groupBy: this.groupBy(),
      timespan: this.timespan(),
      condition: this.condition(correlationType),
    };
    const aliases = this.aliases();
    const generate = this.generate();
    return {
      ...body,
      ...(aliases === undefined ? {} : { aliases }),
      ...(generate === undefined ? {} : { generate }),
    };
  }

  private type(): CorrelationType | undefined {
    const node = valueOf(this.section, 'type');
    const text = textOf(node);
    const found = CORRELATION_TYPES.find((type) => type === text);
    if (found !== undefined) return found;
    const message = `correlation type '${text ?? ''}' is not one of ${TYPE_LIST}`;
    this.fail(node?.location ?? this.section.location, 'SH230', message);
    return undefined;
  }

  private rules(): string[] {
    const node = valueOf(this.section, 'rules');
    const rules = textList(node);
    const count = node?.kind === 'seq' ? node.items.length : node === undefined ? 0 : 1;
    if (rules.length > 0 && rules.length === count) return rules;
    const message = 'correlation rules must list rule ids or names';
    this.fail(node?.location ?? this.section.location, 'SH231', message);
    return [];
  }

  private groupBy(): string[] {
    const node = valueOf(this.section, 'group-by');
    if (node === undefined) return [];
    const fields = textList(node);
    const count = node.kind === 'seq' ? node.items.length : 1;
    if (fields.length === count && node.kind !== 'map') return fields;
    this.fail(node.location, 'SH234', 'group-by must be a list of field names');
    return [];
  }

  private timespan(): string {
    const node = valueOf(this.section, 'timespan');
    const text = textOf(node);
    if (text !== undefined && TIMESPAN.test(text)) return text;
    const message = `timespan '${text ?? ''}' must be a number and a unit (${UNITS})`;
    this.fail(node?.location ?? this.section.location, 'SH232', message);
    return '';
  }

  private condition(type: CorrelationType): Record<string, string | number> {
    const node = valueOf(this.section, 'condition');
    const temporal = type === 'temporal' || type === 'temporal_ordered';
    if (node === undefined && temporal) return {};
    if (node?.kind !== 'map') {
      this.fail(
        node?.location ?? this.section.location,
        'SH233',
        'condition must be a map',
      );
      return {};
    }
    const condition = this.conditionEntries(node);
    const operators = Object.keys(condition).filter((k) => k !== 'field');
    if (operators.length !== 1) {
      const message = `condition needs exactly one of ${OPERATOR_LIST}`;
      this.fail(node.location, 'SH233', message);
    }
    if (type.startsWith('value_') && condition['field'] === undefined) {
      this.fail(node.location, 'SH233', `a ${type} condition needs a field`);
    }
    return condition;
  }

  private conditionEntries(node: YamlMap): Record<string, string | number> {
    const condition: Record<string, string | number> = {};
    for (const pair of node.pairs) {
      const key = keyName(pair);
      const value = pair.value.kind === 'scalar' ? pair.value.value : undefined;
      if (key === 'field' && typeof value === 'string') condition[key] = value;
      else if (CORRELATION_OPERATORS.includes(key) && typeof value === 'number') {
        condition[key] = value;
      } else this.fail(pair.key.location, 'SH233', `invalid condition entry '${key}'`);
    }
    return condition;
  }

  private aliases(): Record<string, Record<string, string>> | undefined {
    const node = valueOf(this.section, 'aliases');
    if (node === undefined) return undefined;
    const aliases: Record<string, Record<string, string>> = {};
    for (const pair of node.kind === 'map' ? node.pairs : []) {
      const fields = stringMap(pair.value);
      if (fields === undefined) this.fail(pair.value.location, 'SH236', ALIAS_MESSAGE);
      else aliases[keyName(pair)] = fields;
    }
    if (node.kind !== 'map') this.fail(node.location, 'SH236', ALIAS_MESSAGE);
    return aliases;
  }

  private generate(): boolean | undefined {
    const node = valueOf(this.section, 'generate');
    if (node === undefined) return undefined;
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    this.fail(node.location, 'SH236', 'generate must be true or false');
    return undefined;
  }

  private fail(location: SourceLocation, code: RuleCode, message: string): void {
    this.failed = true;
    this.diagnostics.push(ruleDiagnostic(this.source, location, code, message));
  }
}

const ALIAS_MESSAGE = 'aliases map each alias to a map of rule name to field name';

function stringMap(node: YamlNode): Record<string, string> | undefined {
  if (node.kind !== 'map') return undefined;
  const entries = node.pairs.map((pair) => [keyName(pair), textOf(pair.value)] as const);
  if (entries.some(([, value]) => value === undefined)) return undefined;
  return Object.fromEntries(entries) as Record<string, string>;
}
