/**
 * Compiling one detection item (a field, its modifiers and its values) into
 * a test of an event, with an explanation on demand.
 *
 * Semantics (see `docs/semantics.md`): the field's value is read with the
 * field reader; arrays are flattened and match when any element matches.
 * Values are OR-linked, or AND-linked with `all` (each written value must be
 * matched by some element). `null` matches a missing field or JSON null;
 * `''` only an existing empty string. `neq` negates the whole item, so a
 * missing field satisfies it. Keywords (no field) search every string and
 * number in the event for a case-insensitive substring.
 */

import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { JsonValue, LogEvent } from '../events/event.js';
import type { StrategyChoice } from '../matchers/index.js';
import type { Pattern } from '../matchers/pattern.js';
import type { DetectionItem } from '../rule/model.js';
import { fieldValues } from './fields.js';
import type { Form, ItemFlags, ModifierContext } from './modifiers.js';
import { applyFlag, applyModifier, finalForm, MODIFIER_NAMES } from './modifiers.js';
import { compileSigmaRegex } from './regex/index.js';
import { toPattern, withLeadingAny, withTrailingAny } from './sigma-string.js';
import { timePart } from './time-part.js';
import type { FieldReader, ItemExplanation } from './types.js';
import type { ValueTest } from './value-test.js';
import { ItemEvaluator } from './item-evaluator.js';

/** Options for compiling items. */
export interface ItemOptions extends ModifierContext {
  readonly matcher: StrategyChoice;
}

/** A compiled detection item. */
export interface CompiledItem {
  test(event: LogEvent, reader: FieldReader): boolean;
  explain(event: LogEvent, reader: FieldReader): ItemExplanation;
}

/** The result of compiling an item. */
export type ItemCompile =
  | { readonly ok: true; readonly item: CompiledItem; readonly diagnostics: Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** What an item compares, by written value (each a list of alternatives). */
export interface ItemPlan {
  readonly field: string | null;
  readonly flags: Readonly<ItemFlags>;
  /** `exists: true|false`, when the item is a presence check. */
  readonly exists: boolean | undefined;
  readonly patterns: readonly Pattern[];
  /** For each pattern, the index of the written value it came from. */
  readonly patternValues: readonly number[];
  readonly tests: readonly { readonly value: number; readonly test: ValueTest }[];
  readonly valueCount: number;
  /** Maps a leaf to what is compared (the date part for date modifiers). */
  readonly leafOf: (leaf: JsonValue) => JsonValue;
}

/** Compiles a detection item. */
export function compileItem(item: DetectionItem, options: ItemOptions): ItemCompile {
  const diagnostics: Diagnostic[] = [];
  const error = (at: SourceLocation, code: string, message: string): void => {
    diagnostics.push(diagnostic(at, code, 'error', message));
  };
  const flags: ItemFlags = {
    all: false,
    cased: false,
    negated: false,
    timePart: undefined,
  };
  const valueModifiers: string[] = [];
  for (const name of item.modifiers) {
    if (!MODIFIER_NAMES.has(name))
      error(item.location, 'SH301', `unknown modifier '${name}'`);
    else if (!applyFlag(name, flags)) valueModifiers.push(name);
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };

  const written = item.values.length === 0 ? [null] : item.values;
  const finals: Form[][] = written.map((value, index) => {
    const at = item.valueLocations[index] ?? item.location;
    const context = { placeholders: options.placeholders, keyword: item.field === null };
    return formsOf(value, valueModifiers, context, (message) =>
      error(at, 'SH302', message),
    );
  });
  if (diagnostics.length > 0) return { ok: false, diagnostics };

  const plan = buildPlan(item, flags, finals, error);
  if (plan === undefined) return { ok: false, diagnostics };
  if (flags.all && written.length < 2 && item.field !== null) {
    const message = `'all' on a single value changes nothing`;
    diagnostics.push(diagnostic(item.location, 'SH304', 'warning', message));
  }
  const evaluator = new ItemEvaluator(item, plan, options.matcher);
  return { ok: true, item: evaluator, diagnostics };
}

function formsOf(
  value: DetectionItem['values'][number],
  modifiers: readonly string[],
  context: ModifierContext,
  report: (message: string) => void,
): Form[] {
  let forms: Form[] = [{ type: 'raw', value }];
  for (const name of modifiers) {
    const next: Form[] = [];
    for (const form of forms) {
      const step = applyModifier(name, form, context);
      if (!step.ok) {
        report(`modifier '${name}': ${step.message}`);
        return [];
      }
      next.push(...step.forms);
    }
    forms = next;
  }
  const finals: Form[] = [];
  for (const form of forms) {
    const final = finalForm(form);
    if ('error' in final) report(final.error);
    else finals.push(final);
  }
  return finals;
}

function buildPlan(
  item: DetectionItem,
  flags: ItemFlags,
  finals: readonly Form[][],
  error: (at: SourceLocation, code: string, message: string) => void,
): ItemPlan | undefined {
  const patterns: Pattern[] = [];
  const patternValues: number[] = [];
  const tests: { value: number; test: ValueTest }[] = [];
  const existsForms = finals.flat().filter((form) => form.type === 'exists');
  if (existsForms.length > 0 && (finals.length !== 1 || finals[0]?.length !== 1)) {
    error(item.location, 'SH303', `'exists' takes exactly one value, true or false`);
    return undefined;
  }
  let failed = false;
  finals.forEach((forms, value) => {
    for (const form of forms) {
      const problem = addForm(
        form,
        value,
        item.field === null,
        flags,
        patterns,
        patternValues,
        tests,
      );
      if (problem !== undefined) {
        error(item.valueLocations[value] ?? item.location, 'SH302', problem);
        failed = true;
      }
    }
  });
  if (failed) return undefined;
  const part = flags.timePart;
  return {
    field: item.field,
    flags,
    exists: existsForms[0]?.type === 'exists' ? existsForms[0].value : undefined,
    patterns,
    patternValues,
    tests,
    valueCount: finals.length,
    leafOf:
      part === undefined
        ? (leaf) => leaf
        : (leaf) => (typeof leaf === 'string' ? (timePart(leaf, part) ?? null) : null),
  };
}

function addForm(
  form: Form,
  value: number,
  keyword: boolean,
  flags: ItemFlags,
  patterns: Pattern[],
  patternValues: number[],
  tests: { value: number; test: ValueTest }[],
): string | undefined {
  switch (form.type) {
    case 'string': {
      const tokens = keyword ? withTrailingAny(withLeadingAny(form.tokens)) : form.tokens;
      patterns.push(toPattern(tokens, flags.cased));
      patternValues.push(value);
      return undefined;
    }
    case 'raw':
      if (keyword) return 'a keyword cannot be null';
      tests.push({ value, test: { type: 'null' } });
      return undefined;
    case 'regex': {
      const compiled = compileSigmaRegex(form.source, form.flags);
      if (!compiled.ok) return `invalid regular expression: ${compiled.message}`;
      tests.push({ value, test: { type: 'regex', regex: compiled.regex } });
      return undefined;
    }
    case 'cidr':
    case 'compare':
    case 'fieldref':
      tests.push({ value, test: form });
      return undefined;
    case 'exists':
      return keyword ? `'exists' needs a field` : undefined;
    case 'bytes':
      return 'UTF-16 bytes must be encoded with base64 or base64offset';
  }
}

/** Reads the leaves an item compares: flattened field values. */
export function leavesOf(value: JsonValue | undefined): JsonValue[] {
  return value === undefined ? [] : fieldValues(value);
}
