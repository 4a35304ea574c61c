/**
 * Value modifiers: turning the values of a detection item, as written, into
 * the values the engine compares, by applying each modifier in the order
 * written (specification v2.1, appendix "modifiers").
 *
 * A written value may expand into several alternatives (`windash`,
 * `base64offset`, `expand`); alternatives stay OR-linked whatever the
 * item's linking, so `contains|all|windash` is an AND of ORs. Orders that
 * cannot work are rule errors: `re`, `cidr`, `exists` and `fieldref` read
 * the value as written and so come first; encoders reject wildcards and so
 * come before `contains`; UTF-16 bytes must be base64-encoded.
 */

import type { DetectionValue } from '../rule/model.js';
import type { WildcardToken } from '../matchers/pattern.js';
import type { Network } from './cidr.js';
import { parseNetwork } from './cidr.js';
import * as encode from './encodings.js';
import type { PlaceholderValues } from './placeholders.js';
import { expandPlaceholders } from './placeholders.js';
import * as sigmaString from './sigma-string.js';
import type { TimePart } from './time-part.js';
import { TIME_PARTS } from './time-part.js';

/** Where a field reference must stand in the field's value. */
export type Position = 'equals' | 'contains' | 'startswith' | 'endswith';

/** A numeric comparison operator. */
export type CompareOperator = 'gt' | 'gte' | 'lt' | 'lte' | 'eq';

/** Regular expression flags from the `i`, `m`, `s` modifiers. */
export interface RegexFlags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

/** A value during modifier application. */
export type Form =
  | { readonly type: 'raw'; readonly value: DetectionValue }
  | { readonly type: 'string'; readonly tokens: readonly WildcardToken[] }
  | { readonly type: 'bytes'; readonly bytes: Uint8Array }
  | { readonly type: 'regex'; readonly source: string; readonly flags: RegexFlags }
  | { readonly type: 'cidr'; readonly network: Network }
  | {
      readonly type: 'compare';
      readonly operator: CompareOperator;
      readonly value: number;
    }
  | { readonly type: 'fieldref'; readonly field: string; readonly position: Position }
  | { readonly type: 'exists'; readonly value: boolean };

/** Item-wide settings that modifiers switch on. */
export interface ItemFlags {
  all: boolean;
  cased: boolean;
  negated: boolean;
  timePart: TimePart | undefined;
}

/** What applying one modifier to one form gives. */
type Step =
  | { readonly ok: true; readonly forms: Form[] }
  | { readonly ok: false; readonly message: string };

/** The context modifiers need beyond the value itself. */
export interface ModifierContext {
  readonly placeholders: PlaceholderValues | 'defer';
  readonly keyword: boolean;
}

const ok = (...forms: Form[]): Step => ({ ok: true, forms });
const fail = (message: string): Step => ({ ok: false, message });

const FLAG_MODIFIERS = new Set(['all', 'cased', 'neq', ...TIME_PARTS]);
/** The regex flag modifiers (`i`, `m`, `s` and their long names) and their flag. */
export const REGEX_FLAGS: Readonly<Record<string, keyof RegexFlags>> = {
  i: 'ignoreCase',
  ignorecase: 'ignoreCase',
  m: 'multiline',
  multiline: 'multiline',
  s: 'dotAll',
  dotall: 'dotAll',
};
const COMPARE: ReadonlySet<string> = new Set(['gt', 'gte', 'lt', 'lte']);

/** Every modifier name the engine knows. */
export const MODIFIER_NAMES: ReadonlySet<string> = new Set([
  ...FLAG_MODIFIERS,
  ...Object.keys(REGEX_FLAGS),
  ...COMPARE,
  'contains',
  'startswith',
  'endswith',
  'exists',
  're',
  'cidr',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'windash',
  'fieldref',
  'expand',
]);

/** Sets the item-wide flag of a flag modifier; false if `name` is not one. */
export function applyFlag(name: string, flags: ItemFlags): boolean {
  if (name === 'all') flags.all = true;
  else if (name === 'cased') flags.cased = true;
  else if (name === 'neq') flags.negated = true;
  else if ((TIME_PARTS as readonly string[]).includes(name))
    flags.timePart = name as TimePart;
  else return false;
  return true;
}

/** Applies a value modifier to one form. */
export function applyModifier(name: string, form: Form, context: ModifierContext): Step {
  const flag = REGEX_FLAGS[name];
  if (flag !== undefined) return regexFlag(name, flag, form);
  if (COMPARE.has(name)) return compare(name as CompareOperator, form);
  switch (name) {
    case 'contains':
    case 'startswith':
    case 'endswith':
      return position(name, form);
    case 'exists':
      return exists(form);
    case 're':
      return typeof rawOf(form) === 'string'
        ? ok({ type: 'regex', source: rawOf(form) as string, flags: noFlags() })
        : fail(`'re' needs a string value as written; put it first`);
    case 'cidr':
      return cidr(form);
    case 'fieldref':
      return typeof rawOf(form) === 'string'
        ? ok({ type: 'fieldref', field: rawOf(form) as string, position: 'equals' })
        : fail(`'fieldref' needs a field name as written; put it first`);
    case 'expand':
      return expand(form, context);
    case 'windash':
      return windash(form);
    default:
      return encoder(name, form);
  }
}

/** Turns what is left after all modifiers into a comparable form. */
export function finalForm(form: Form): Form | { readonly error: string } {
  if (form.type === 'bytes') {
    return { error: 'UTF-16 bytes must be encoded with base64 or base64offset' };
  }
  if (form.type !== 'raw') return form;
  if (form.value === null) return form;
  return { type: 'string', tokens: tokensOf(form) ?? [] };
}

function rawOf(form: Form): DetectionValue | undefined {
  return form.type === 'raw' ? form.value : undefined;
}

function noFlags(): RegexFlags {
  return { ignoreCase: false, multiline: false, dotAll: false };
}

/** Tokens of a raw or string form; raw numbers and booleans as their text. */
function tokensOf(form: Form): readonly WildcardToken[] | undefined {
  if (form.type === 'string') return form.tokens;
  if (form.type !== 'raw' || form.value === null) return undefined;
  if (typeof form.value === 'string') return sigmaString.parseSigmaString(form.value);
  return sigmaString.literalTokens(String(form.value));
}

function regexFlag(name: string, flag: keyof RegexFlags, form: Form): Step {
  if (form.type !== 'regex')
    return fail(`'${name}' is a regular expression flag; it follows 're'`);
  return ok({ ...form, flags: { ...form.flags, [flag]: true } });
}

function compare(operator: CompareOperator, form: Form): Step {
  const raw = rawOf(form);
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    return fail(`'${operator}' needs a number`);
  }
  return ok({ type: 'compare', operator, value });
}

function position(name: Position, form: Form): Step {
  if (form.type === 'fieldref') return ok({ ...form, position: name });
  if (form.type === 'regex') return ok(form);
  const tokens = tokensOf(form);
  if (tokens === undefined) return fail(`'${name}' cannot apply to a ${describe(form)}`);
  if (name === 'startswith')
    return ok({ type: 'string', tokens: sigmaString.withTrailingAny(tokens) });
  if (name === 'endswith')
    return ok({ type: 'string', tokens: sigmaString.withLeadingAny(tokens) });
  const both = sigmaString.withTrailingAny(sigmaString.withLeadingAny(tokens));
  return ok({ type: 'string', tokens: both });
}

function exists(form: Form): Step {
  const raw = rawOf(form);
  const value =
    typeof raw === 'string' ? { true: true, false: false }[raw.toLowerCase()] : raw;
  if (typeof value !== 'boolean') return fail(`'exists' needs true or false`);
  return ok({ type: 'exists', value });
}

function cidr(form: Form): Step {
  const raw = rawOf(form);
  if (typeof raw !== 'string')
    return fail(`'cidr' needs a network as written; put it first`);
  const parsed = parseNetwork(raw);
  return parsed.ok ? ok({ type: 'cidr', network: parsed.network }) : fail(parsed.message);
}

function expand(form: Form, context: ModifierContext): Step {
  const tokens = tokensOf(form);
  if (tokens === undefined) return fail(`'expand' cannot apply to a ${describe(form)}`);
  if (context.placeholders === 'defer') return ok({ type: 'string', tokens });
  const expanded = expandPlaceholders(tokens, context.placeholders);
  if (!expanded.ok) return fail(`placeholder '%${expanded.missing}%' has no values`);
  return ok(...expanded.alternatives.map((t): Form => ({ type: 'string', tokens: t })));
}

function windash(form: Form): Step {
  const tokens = tokensOf(form);
  if (tokens === undefined) return fail(`'windash' cannot apply to a ${describe(form)}`);
  let alternatives: WildcardToken[][] = [[]];
  for (const token of tokens) {
    const pieces =
      token.type === 'literal'
        ? encode
            .windashVariants(token.value, encode.windashPositions(token.value))
            .map((text): WildcardToken[] => sigmaString.literalTokens(text))
        : [[token]];
    alternatives = alternatives.flatMap((soFar) =>
      pieces.map((piece) => [...soFar, ...piece]),
    );
    if (alternatives.length > encode.WINDASH_LIMIT) {
      return fail(`'windash' would expand to more than ${encode.WINDASH_LIMIT} values`);
    }
  }
  return ok(...alternatives.map((t): Form => ({ type: 'string', tokens: t })));
}

function encoder(name: string, form: Form): Step {
  const bytes = plainBytes(form);
  if (typeof bytes === 'string') return fail(`'${name}' ${bytes}`);
  const text = (): string => Buffer.from(bytes).toString('utf8');
  switch (name) {
    case 'base64':
      return ok(stringForm(encode.base64(bytes)));
    case 'base64offset':
      return ok(...encode.base64Offsets(bytes).map(stringForm));
    case 'utf16le':
    case 'wide':
      return ok({ type: 'bytes', bytes: encode.utf16le(text()) });
    case 'utf16be':
      return ok({ type: 'bytes', bytes: encode.utf16be(text()) });
    case 'utf16':
      return ok({ type: 'bytes', bytes: encode.utf16WithBom(text()) });
    default:
      return fail(`unknown modifier`);
  }
}

function plainBytes(form: Form): Uint8Array | string {
  if (form.type === 'bytes') return form.bytes;
  const tokens = tokensOf(form);
  if (tokens === undefined) return `cannot encode a ${describe(form)}`;
  if (sigmaString.hasWildcard(tokens)) {
    return 'cannot encode a wildcard; put it before contains, startswith or endswith';
  }
  return encode.utf8(sigmaString.plainText(tokens));
}

function stringForm(text: string): Form {
  return { type: 'string', tokens: sigmaString.literalTokens(text) };
}

function describe(form: Form): string {
  if (form.type === 'raw')
    return form.value === null ? 'null value' : `${typeof form.value}`;
  return `${form.type} value`;
}
