/**
 * Requirements: for a rule, a set of (field, literal) needles of which any
 * match must contain at least one, the field's string value containing the
 * literal after case folding (`foldCase`). A needle without a field (a
 * keyword's) may be found in any string or number of the event. The
 * cross-rule prefilter indexes rules by these needles.
 *
 * Soundness (the prefilter's contract rests on it): whenever the rule
 * matches an event, some needle's field holds a leaf whose comparable string
 * (`comparableString`), folded, contains the needle's folded literal. So a
 * requirement may be weaker than the rule, never stronger. How it is built:
 *
 * - `contains`, `startswith`, `endswith`, plain values, wildcards and
 *   keywords give the longest literal run of each final value (a match
 *   contains it, and a case-sensitive match contains it after folding too);
 *   `windash`, `base64`, `base64offset` and `utf16*` alternatives are each
 *   a needle of an OR.
 * - `re` (with its flags) gives the required literals of the pattern
 *   (`regex-literals.ts`).
 * - Values OR-link their needles; with `all` the values are AND-linked, so
 *   the most selective value is kept and values without a literal are
 *   simply not used.
 * - `cidr`, `neq`, `exists`, `fieldref`, numeric comparisons, date parts,
 *   `expand`, `null` values, values without any literal (`*`, `''`) and
 *   regexes without a required literal give nothing: `always`.
 * - In a condition, `and` and `all of` keep the best operand, `or` and
 *   `1 of` join their operands, and `not` is `always`, since an identifier
 *   under negation cannot index a rule (in an `and` it is simply not used).
 */

import type { ConditionNode } from '../engine/condition.js';
import { parseCondition } from '../engine/condition.js';
import type { Form } from '../engine/modifiers.js';
import { applyFlag, applyModifier, finalForm, REGEX_FLAGS } from '../engine/modifiers.js';
import { foldCase } from '../matchers/case-fold.js';
import type { WildcardToken } from '../matchers/pattern.js';
import type {
  Detection,
  DetectionItem,
  DetectionNode,
  SigmaRule,
} from '../rule/model.js';
import { requiredRegexLiterals } from './regex-literals.js';
import { literalScore } from './selectivity.js';

/**
 * A literal that a field of a matching event must contain, folded; a
 * `null` field (keywords) means any string or number of the event.
 */
export interface Needle {
  readonly field: string | null;
  readonly literal: string;
}

/**
 * What every match of a rule needs: `always` (nothing known) or at least one
 * of `needles` (an empty list: the rule can never match).
 */
export type Requirement =
  | { readonly kind: 'always' }
  | { readonly kind: 'any-of'; readonly needles: readonly Needle[] };

const ALWAYS: Requirement = { kind: 'always' };

/** Value modifiers after which the longest literal run is still required. */
const INDEXABLE_MODIFIERS: ReadonlySet<string> = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  'cased',
  'windash',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
]);

/** The requirement of a rule's own detection (its filters only narrow it). */
export function ruleRequirement(rule: SigmaRule): Requirement {
  return detectionRequirement(rule.detection);
}

/** The requirement of a detection: the OR of its conditions. */
export function detectionRequirement(detection: Detection): Requirement {
  const names = detection.searchIdentifiers.map((search) => search.name);
  const searches = new Map<string, Requirement>();
  for (const search of detection.searchIdentifiers) {
    searches.set(search.name, nodeRequirement(search.definition));
  }
  const parts: Requirement[] = [];
  for (const source of detection.conditions) {
    const parsed = parseCondition(source, names);
    if (!parsed.ok) return ALWAYS;
    parts.push(conditionRequirement(parsed.node, searches));
  }
  return parts.length === 0 ? ALWAYS : anyOf(parts);
}

function conditionRequirement(
  node: ConditionNode,
  searches: ReadonlyMap<string, Requirement>,
): Requirement {
  const of = (name: string): Requirement => searches.get(name) ?? ALWAYS;
  switch (node.type) {
    case 'and':
      return bestOf(node.operands.map((n) => conditionRequirement(n, searches)));
    case 'or':
      return anyOf(node.operands.map((n) => conditionRequirement(n, searches)));
    case 'not':
      return ALWAYS;
    case 'identifier':
      return of(node.name);
    case 'of':
      return node.quantifier === 'all'
        ? bestOf(node.names.map(of))
        : anyOf(node.names.map(of));
  }
}

function nodeRequirement(node: DetectionNode): Requirement {
  if (node.kind === 'item') return itemRequirement(node);
  const parts = node.items.map(nodeRequirement);
  return node.kind === 'all-of' ? bestOf(parts) : anyOf(parts);
}

/** The requirement of one detection item, as described in the module doc. */
export function itemRequirement(item: DetectionItem): Requirement {
  if (item.values.length === 0) return ALWAYS;
  if (item.modifiers[0] === 're') return regexRequirement(item);
  if (!item.modifiers.every((name) => INDEXABLE_MODIFIERS.has(name))) return ALWAYS;
  const flags = { all: false, cased: false, negated: false, timePart: undefined };
  const valueModifiers = item.modifiers.filter((name) => !applyFlag(name, flags));
  const perValue = item.values.map((value) => {
    if (value === null) return ALWAYS;
    const literals = finalLiterals(value, valueModifiers);
    return literals === undefined ? ALWAYS : needlesOf(item.field, literals);
  });
  return flags.all ? bestOf(perValue) : anyOf(perValue);
}

/** A `re` item: the OR of each pattern's required literals. */
function regexRequirement(item: DetectionItem): Requirement {
  const flags = { ignoreCase: false, multiline: false, dotAll: false };
  for (const name of item.modifiers.slice(1)) {
    const flag = REGEX_FLAGS[name];
    if (flag === undefined) return ALWAYS;
    flags[flag] = true;
  }
  const perValue = item.values.map((value) => {
    if (typeof value !== 'string') return ALWAYS;
    const literals = requiredRegexLiterals(value, flags);
    return literals === undefined ? ALWAYS : needlesOf(item.field, literals);
  });
  return anyOf(perValue);
}

function needlesOf(field: string | null, literals: readonly string[]): Requirement {
  return needles(literals.map((literal) => ({ field, literal })));
}

/** The longest literal of each final alternative, or undefined if one has none. */
function finalLiterals(
  value: string | number | boolean,
  modifiers: readonly string[],
): string[] | undefined {
  let forms: Form[] = [{ type: 'raw', value }];
  const context = { placeholders: 'defer', keyword: false } as const;
  for (const name of modifiers) {
    const next: Form[] = [];
    for (const form of forms) {
      const step = applyModifier(name, form, context);
      if (!step.ok) return undefined;
      next.push(...step.forms);
    }
    forms = next;
  }
  const literals: string[] = [];
  for (const form of forms) {
    const final = finalForm(form);
    if ('error' in final || final.type !== 'string') return undefined;
    const literal = longestLiteral(final.tokens);
    if (literal === '') return undefined;
    literals.push(literal);
  }
  return literals;
}

function longestLiteral(tokens: readonly WildcardToken[]): string {
  let best = '';
  for (const token of tokens) {
    if (token.type !== 'literal') continue;
    const folded = foldCase(token.value);
    if (folded.length > best.length) best = folded;
  }
  return best;
}

function needles(list: readonly Needle[]): Requirement {
  return { kind: 'any-of', needles: list };
}

/** OR: any part's needles; `always` when any part is. */
function anyOf(parts: readonly Requirement[]): Requirement {
  const all: Needle[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    if (part.kind === 'always') return ALWAYS;
    for (const needle of part.needles) {
      const key = `${needle.field ?? '\u0001'}\u0000${needle.literal}`;
      if (!seen.has(key)) all.push(needle);
      seen.add(key);
    }
  }
  return needles(all);
}

/** AND: every part is necessary, so keep the most selective one. */
function bestOf(parts: readonly Requirement[]): Requirement {
  let best: Requirement = ALWAYS;
  for (const part of parts) {
    if (part.kind === 'always') continue;
    if (best.kind === 'always' || selectivity(part) > selectivity(best)) best = part;
  }
  return best;
}

/** Higher is better (`literalScore`). */
function selectivity(requirement: Requirement): number {
  if (requirement.kind === 'always') return -Infinity;
  return literalScore(requirement.needles.map((needle) => needle.literal));
}
