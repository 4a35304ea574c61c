/**
 * Builds the detection tree of a rule or filter from its YAML map, following
 * the specification (v2.1) and pySigma's reading of it:
 *
 * - a map is `all-of` its entries; each entry `field|mod1|mod2: values` is a
 *   detection item (an empty field name, as in `'|all':`, is a keyword item);
 * - a list of plain values is ONE keyword item holding those values;
 * - a list of maps (or mixed items) is `any-of` its elements;
 * - a plain value is a keyword item with that one value (v2.2).
 *
 * `field: []` keeps an empty value list (meaning null); `field: null` holds
 * the single value null. Structures the specification forbids (a map or a
 * list as a field's value) are errors; loading of the document goes on.
 */

import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import type {
  ConditionSource,
  Detection,
  DetectionItem,
  DetectionNode,
  DetectionValue,
  SearchIdentifier,
} from './model.js';
import type { RuleCode } from './codes.js';
import { ruleDiagnostic } from './codes.js';
import type { SourceText } from './source-text.js';
import { keyName } from './yaml-access.js';
import type { YamlMap, YamlNode, YamlPair, YamlScalar, YamlSeq } from './yaml11.js';

/** Names a condition can refer to: letters, digits, `_` and `-`. */
const IDENTIFIER_NAME = /^[A-Za-z0-9_-]+$/;

/** A built detection with the problems found while building it. */
export interface DetectionResult {
  readonly detection: Detection;
  readonly diagnostics: Diagnostic[];
}

/**
 * Builds a `Detection` from a detection (or filter) map. Keys in `skip` are
 * neither identifiers nor reserved keys (a filter's `rules`).
 */
export function buildDetection(
  map: YamlMap,
  source: SourceText,
  skip: ReadonlySet<string> = new Set(),
): DetectionResult {
  const builder = new DetectionBuilder(source);
  const searchIdentifiers: SearchIdentifier[] = [];
  let conditions: ConditionSource[] = [];
  let timeframe: string | undefined;
  for (const pair of map.pairs) {
    const name = keyName(pair);
    if (skip.has(name)) continue;
    if (name === 'condition') conditions = builder.conditions(pair);
    else if (name === 'timeframe') timeframe = builder.timeframe(pair);
    else searchIdentifiers.push(builder.searchIdentifier(name, pair));
  }
  if (!map.pairs.some((pair) => keyName(pair) === 'condition')) {
    builder.report(map.location, 'SH205', 'the detection has no condition');
  }
  const base = { searchIdentifiers, conditions, location: map.location };
  const detection = timeframe === undefined ? base : { ...base, timeframe };
  return { detection, diagnostics: builder.diagnostics };
}

/** Collects diagnostics while turning YAML nodes into detection nodes. */
class DetectionBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly source: SourceText) {}

  report(location: SourceLocation, code: RuleCode, message: string): void {
    this.diagnostics.push(ruleDiagnostic(this.source, location, code, message));
  }

  conditions(pair: YamlPair): ConditionSource[] {
    const { value } = pair;
    if (value.kind === 'scalar' && typeof value.value === 'string') {
      return [{ text: value.value, location: value.location }];
    }
    if (value.kind === 'seq' && value.items.length > 0) {
      const texts = value.items.filter(isStringScalar);
      if (texts.length === value.items.length) {
        return texts.map((item) => ({ text: item.value, location: item.location }));
      }
    }
    const message = 'condition must be a string or a non-empty list of strings';
    this.report(value.location, 'SH206', message);
    return [];
  }

  timeframe(pair: YamlPair): string | undefined {
    const { value } = pair;
    if (value.kind === 'scalar' && typeof value.value === 'string') return value.value;
    this.report(value.location, 'SH219', 'timeframe must be a string such as 15m');
    return undefined;
  }

  searchIdentifier(name: string, pair: YamlPair): SearchIdentifier {
    if (!IDENTIFIER_NAME.test(name)) {
      const message =
        `search identifier '${name}' has characters a condition cannot name; ` +
        'only a pattern such as 1 of x* can include it';
      this.report(pair.key.location, 'SH207', message);
    }
    const definition = this.definition(pair.value);
    return { name, definition, location: pair.key.location };
  }

  private definition(node: YamlNode): DetectionNode {
    if (node.kind === 'map') return this.allOf(node);
    if (node.kind === 'seq') return this.list(node);
    if (node.value === null) {
      this.report(node.location, 'SH209', 'a search identifier needs a map or a list');
      return { kind: 'any-of', items: [], location: node.location };
    }
    return keywordItem([node], [], node.location);
  }

  private allOf(map: YamlMap): DetectionNode {
    const items = map.pairs.map((pair) => this.item(pair));
    if (items.length === 0) this.report(map.location, 'SH209', 'empty map');
    return { kind: 'all-of', items, location: map.location };
  }

  private list(seq: YamlSeq): DetectionNode {
    if (seq.items.length === 0) this.report(seq.location, 'SH209', 'empty list');
    const scalars = seq.items.filter((item) => item.kind === 'scalar');
    if (scalars.length === seq.items.length) {
      this.checkNullInList(scalars);
      return keywordItem(scalars, [], seq.location);
    }
    const items = seq.items.map((item) => this.definition(item));
    return { kind: 'any-of', items, location: seq.location };
  }

  private item(pair: YamlPair): DetectionItem {
    const [field = '', ...modifiers] = keyName(pair).split('|');
    const values = this.values(pair.value);
    if (field === '') return keywordItem(values, modifiers, pair.key.location);
    return {
      kind: 'item',
      field,
      modifiers,
      values: values.map((v) => v.value),
      location: pair.key.location,
      valueLocations: values.map((v) => v.location),
    };
  }

  private values(node: YamlNode): YamlScalar[] {
    if (node.kind === 'scalar') return [node];
    if (node.kind === 'map') {
      this.report(node.location, 'SH208', 'a field value cannot be a map');
      return [];
    }
    const scalars = node.items.filter((item) => item.kind === 'scalar');
    for (const item of node.items) {
      if (item.kind !== 'scalar') {
        this.report(item.location, 'SH208', 'a value list holds only plain values');
      }
    }
    this.checkNullInList(scalars);
    return scalars;
  }

  private checkNullInList(scalars: readonly YamlScalar[]): void {
    if (scalars.length < 2) return;
    for (const scalar of scalars) {
      if (scalar.value !== null) continue;
      const message = 'null inside a value list; the specification forbids it';
      this.report(scalar.location, 'SH218', message);
    }
  }
}

function isStringScalar(node: YamlNode): node is YamlScalar & { value: string } {
  return node.kind === 'scalar' && typeof node.value === 'string';
}

function keywordItem(
  values: readonly YamlScalar[],
  modifiers: readonly string[],
  location: SourceLocation,
): DetectionItem {
  return {
    kind: 'item',
    field: null,
    modifiers,
    values: values.map((v): DetectionValue => v.value),
    location,
    valueLocations: values.map((v) => v.location),
  };
}
