/**
 * A reference evaluator for generated events: a second, deliberately
 * simple reading of Sigma, independent of the engine's matchers and item
 * evaluator, used to accept generated events and near misses.
 *
 * It shares with the engine only the parsing steps (Sigma strings,
 * modifier expansion into forms, condition parsing, inline regex flags);
 * the comparisons are its own: wildcards become an anchored `RegExp` with
 * the `iu` flags, regexes run on V8's `RegExp`, networks on Node's
 * `BlockList`. Generated events are flat: a field is read by its exact key.
 *
 * Limitations: date-part modifiers (`minute` ... `year`) are not
 * evaluated; a rule using them is reported as not generatable.
 */

import { BlockList } from 'node:net';
import type { JsonValue, LogEvent } from '../events/event.js';
import type { ConditionNode } from '../engine/condition.js';
import { parseCondition } from '../engine/condition.js';
import { extractInlineFlags } from '../engine/regex/inline-flags.js';
import { regExpFlags } from '../engine/regex/index.js';
import type { SigmaRegexFlags } from '../engine/regex/index.js';
import type { Form, ItemFlags } from '../engine/modifiers.js';
import { applyFlag, applyModifier, finalForm } from '../engine/modifiers.js';
import type { PlaceholderValues } from '../engine/placeholders.js';
import { withLeadingAny, withTrailingAny } from '../engine/sigma-string.js';
import type { WildcardToken } from '../matchers/pattern.js';
import type { DetectionItem, DetectionNode, SigmaRule } from '../rule/model.js';

/** A rule read by the reference evaluator, or why it cannot be. */
export type ReferenceBuild =
  | { readonly ok: true; readonly rule: ReferenceRule }
  | { readonly ok: false; readonly reason: string };

/** The reference evaluator of one rule. */
export interface ReferenceRule {
  /** The parsed conditions (a list is OR-linked). */
  readonly conditions: readonly ConditionNode[];
  /** True when the event satisfies the rule. */
  matches(event: LogEvent): boolean;
  /** True when the search identifier `name` holds on the event. */
  search(name: string, event: LogEvent): boolean;
  /** True when the detection item holds on the event. */
  item(item: DetectionItem, event: LogEvent): boolean;
}

type LeafTest = (leaf: JsonValue, event: LogEvent) => boolean;

interface ItemJudge {
  readonly flags: ItemFlags;
  /** One entry per written value: its alternatives (OR-linked). */
  readonly values: readonly (readonly LeafTest[])[];
  readonly exists: boolean | undefined;
  readonly nullValues: number;
}

/** Builds the reference evaluator of `rule`. */
export function buildReference(
  rule: SigmaRule,
  placeholders: PlaceholderValues,
): ReferenceBuild {
  const names = rule.detection.searchIdentifiers.map((s) => s.name);
  const conditions: ConditionNode[] = [];
  for (const source of rule.detection.conditions) {
    const parsed = parseCondition(source, names);
    if (!parsed.ok) return { ok: false, reason: 'condition does not parse' };
    conditions.push(parsed.node);
  }
  const judges = new Map<DetectionItem, ItemJudge>();
  const searches = new Map(rule.detection.searchIdentifiers.map((s) => [s.name, s]));
  for (const search of rule.detection.searchIdentifiers) {
    for (const item of itemsOf(search.definition)) {
      const judge = buildJudge(item, placeholders);
      if (typeof judge === 'string') return { ok: false, reason: judge };
      judges.set(item, judge);
    }
  }
  const item = (node: DetectionItem, event: LogEvent): boolean =>
    judgeItem(node, judges.get(node) as ItemJudge, event);
  const node = (n: DetectionNode, event: LogEvent): boolean => {
    if (n.kind === 'item') return item(n, event);
    if (n.kind === 'all-of') return n.items.every((child) => node(child, event));
    return n.items.some((child) => node(child, event));
  };
  const search = (name: string, event: LogEvent): boolean => {
    const found = searches.get(name);
    return found !== undefined && node(found.definition, event);
  };
  const evaluate = (c: ConditionNode, event: LogEvent): boolean => {
    switch (c.type) {
      case 'and':
        return c.operands.every((o) => evaluate(o, event));
      case 'or':
        return c.operands.some((o) => evaluate(o, event));
      case 'not':
        return !evaluate(c.operand, event);
      case 'identifier':
        return search(c.name, event);
      case 'of': {
        const test = (n: string): boolean => search(n, event);
        return c.quantifier === 'all' ? c.names.every(test) : c.names.some(test);
      }
    }
  };
  const matches = (event: LogEvent): boolean =>
    conditions.some((c) => evaluate(c, event));
  return { ok: true, rule: { conditions, matches, search, item } };
}

/** The detection items under a node, in order. */
export function itemsOf(node: DetectionNode): DetectionItem[] {
  return node.kind === 'item' ? [node] : node.items.flatMap(itemsOf);
}

function buildJudge(
  item: DetectionItem,
  placeholders: PlaceholderValues,
): ItemJudge | string {
  const flags: ItemFlags = {
    all: false,
    cased: false,
    negated: false,
    timePart: undefined,
  };
  const modifiers = item.modifiers.filter((name) => !applyFlag(name, flags));
  if (flags.timePart !== undefined) return `date-part modifier '${flags.timePart}'`;
  const context = { placeholders, keyword: item.field === null };
  const written = item.values.length === 0 ? [null] : item.values;
  const values: LeafTest[][] = [];
  let exists: boolean | undefined;
  let nullValues = 0;
  for (const value of written) {
    let forms: Form[] = [{ type: 'raw', value }];
    for (const name of modifiers) {
      const next: Form[] = [];
      for (const form of forms) {
        const step = applyModifier(name, form, context);
        if (!step.ok) return `modifier '${name}': ${step.message}`;
        next.push(...step.forms);
      }
      forms = next;
    }
    const tests: LeafTest[] = [];
    for (const form of forms) {
      const final = finalForm(form);
      if ('error' in final) return final.error;
      if (final.type === 'exists') exists = final.value;
      else if (final.type === 'raw') nullValues += 1;
      else {
        const test = leafTest(final, item.field === null, flags.cased);
        if (typeof test === 'string') return test;
        tests.push(test);
      }
    }
    values.push(tests);
  }
  return { flags, values, exists, nullValues };
}

function leafTest(form: Form, keyword: boolean, cased: boolean): LeafTest | string {
  switch (form.type) {
    case 'string': {
      const tokens = keyword ? withTrailingAny(withLeadingAny(form.tokens)) : form.tokens;
      const regExp = wildcardRegExp(tokens, cased);
      return (leaf) => {
        const text = textOf(leaf);
        return text !== undefined && regExp.test(text);
      };
    }
    case 'regex': {
      const regExp = nativeRegExp(form.source, form.flags);
      if (typeof regExp === 'string') return regExp;
      return (leaf) => {
        const text = textOf(leaf);
        return text !== undefined && regExp.test(text);
      };
    }
    case 'cidr':
      return cidrTest(form.network.bytes, form.network.prefix);
    case 'compare':
      return (leaf) => compare(leaf, form.operator, form.value);
    case 'fieldref':
      return (leaf, event) => fieldRef(leaf, event, form.field, form.position, cased);
    default:
      return () => false;
  }
}

/** The V8 `RegExp` of a Sigma regex, or why V8 rejects it. */
function nativeRegExp(source: string, flags: SigmaRegexFlags): RegExp | string {
  const inline = extractInlineFlags(source, flags);
  try {
    return inline.ok
      ? new RegExp(inline.source, regExpFlags(inline.flags))
      : new RegExp(source, regExpFlags(flags));
  } catch (error) {
    return `regex ${JSON.stringify(source)}: ${(error as Error).message}`;
  }
}

function judgeItem(item: DetectionItem, judge: ItemJudge, event: LogEvent): boolean {
  const raw = item.field === null ? keywordLeaves(event) : event[item.field];
  let inner: boolean;
  if (judge.exists !== undefined) inner = (raw !== undefined) === judge.exists;
  else if (raw === undefined) {
    inner = judge.flags.all
      ? judge.nullValues === judge.values.length
      : judge.nullValues > 0;
  } else {
    const leaves = flatten(raw);
    const valueHolds = (tests: readonly LeafTest[], index: number): boolean =>
      leaves.some(
        (leaf) =>
          tests.some((t) => t(leaf, event)) || (leaf === null && isNull(judge, index)),
      );
    inner = judge.flags.all
      ? judge.values.every(valueHolds)
      : judge.values.some(valueHolds);
  }
  return judge.flags.negated ? !inner : inner;
}

function isNull(judge: ItemJudge, index: number): boolean {
  return judge.values[index]?.length === 0 && judge.nullValues > 0;
}

function flatten(value: JsonValue): JsonValue[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

function keywordLeaves(event: LogEvent): JsonValue[] {
  const out: JsonValue[] = [];
  const visit = (v: JsonValue): void => {
    if (typeof v === 'string' || typeof v === 'number') out.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(event);
  return out;
}

function textOf(leaf: JsonValue): string | undefined {
  if (typeof leaf === 'string') return leaf;
  if (typeof leaf === 'number' || typeof leaf === 'boolean') return String(leaf);
  return undefined;
}

const SYNTAX = /[\^$\\.*+?()[\]{}|/]/g;

/** An anchored `RegExp` for Sigma wildcard tokens (`*` spans newlines). */
export function wildcardRegExp(tokens: readonly WildcardToken[], cased: boolean): RegExp {
  const body = tokens
    .map((t) => {
      if (t.type === 'any') return '[^]*';
      if (t.type === 'one') return '[^]';
      return t.value.replace(SYNTAX, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`, cased ? 'u' : 'iu');
}

function cidrTest(bytes: Uint8Array, prefix: number): LeafTest {
  const list = new BlockList();
  const v4 = bytes.length === 4;
  const address = v4 ? [...bytes].join('.') : ipv6Text(bytes);
  list.addSubnet(address, prefix, v4 ? 'ipv4' : 'ipv6');
  return (leaf) => {
    const text = textOf(leaf)?.trim();
    if (text === undefined) return false;
    try {
      return list.check(text, v4 ? 'ipv4' : 'ipv6');
    } catch {
      return false;
    }
  };
}

/** The full (uncompressed) text of a 16-byte IPv6 address. */
export function ipv6Text(bytes: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) {
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  }
  return groups.join(':');
}

function compare(leaf: JsonValue, operator: string, value: number): boolean {
  const text =
    typeof leaf === 'number' ? String(leaf) : typeof leaf === 'string' ? leaf : '';
  if (text.trim() === '') return false;
  const n = Number(text);
  if (Number.isNaN(n)) return false;
  if (operator === 'gt') return n > value;
  if (operator === 'gte') return n >= value;
  if (operator === 'lt') return n < value;
  if (operator === 'lte') return n <= value;
  return n === value;
}

function fieldRef(
  leaf: JsonValue,
  event: LogEvent,
  field: string,
  position: string,
  cased: boolean,
): boolean {
  const other = event[field];
  const text = textOf(leaf);
  if (other === undefined || text === undefined) return false;
  const fold = (s: string): string => (cased ? s : s.toLowerCase());
  return flatten(other).some((value) => {
    const needle = textOf(value);
    if (needle === undefined) return false;
    const [h, n] = [fold(text), fold(needle)];
    if (position === 'contains') return h.includes(n);
    if (position === 'startswith') return h.startsWith(n);
    if (position === 'endswith') return h.endsWith(n);
    return h === n;
  });
}
