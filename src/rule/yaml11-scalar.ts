/**
 * YAML 1.1 scalar resolution, as PyYAML's `SafeLoader` does it (the loader
 * pySigma uses). Only plain (unquoted) scalars are resolved; quoted and block
 * scalars are always strings.
 *
 * The resolvers below follow PyYAML's implicit resolvers: a resolver is only
 * tried when the scalar starts with one of its first characters, and the whole
 * scalar must match its pattern. So `00000429`, `09`, `1e3` and `y` stay
 * strings, while `010` is octal 8, `0x17` is 23 and `12:30` is sexagesimal 750.
 *
 * Limitations: timestamps are recognised but kept as the written string (the
 * rule model stores dates as `YYYY-MM-DD` text). Integers beyond JavaScript's
 * safe range are kept as their exact decimal string, with `unsafeInteger` set.
 */

/** A scalar value after YAML 1.1 resolution. */
export type YamlScalarValue = string | number | boolean | null;

/** The YAML 1.1 type a plain scalar resolved to. */
export type YamlScalarType =
  'str' | 'int' | 'float' | 'bool' | 'null' | 'timestamp' | 'merge';

/** Outcome of resolving one scalar. */
export interface ResolvedScalar {
  readonly type: YamlScalarType;
  readonly value: YamlScalarValue;
  /** Set when an integer is too large for a JavaScript number. */
  readonly unsafeInteger?: true;
}

const BOOL =
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const TRUE_WORDS = new Set(['yes', 'true', 'on']);
const NULL = /^(?:~|null|Null|NULL|)$/;
const INT = new RegExp(
  '^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)' +
    '|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$',
);
const FLOAT = new RegExp(
  '^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?' +
    '|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?' +
    '|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*' +
    '|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$',
);
const TIMESTAMP = new RegExp(
  '^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' +
    '|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?' +
    '(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?' +
    '(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$',
);

const NUMBER_START = '-+0123456789';
const DECIMAL = /^[-+]?[0-9][0-9_]*$/;

/**
 * Resolves a plain scalar's text the way PyYAML's implicit resolvers do.
 * `<<` resolves to the merge type (its value is the text). Returns undefined
 * where PyYAML resolves a type but fails to construct the value: `=` (the
 * `value` type) and integer prefixes with no digits such as `0x_`.
 */
export function resolvePlainScalar(text: string): ResolvedScalar | undefined {
  const first = text.charAt(0);
  if (text === '=') return undefined;
  if (text === '<<') return { type: 'merge', value: text };
  if ((first === '' || '~nN'.includes(first)) && NULL.test(text)) {
    return { type: 'null', value: null };
  }
  if ('yYnNtTfFoO'.includes(first) && BOOL.test(text)) {
    return { type: 'bool', value: TRUE_WORDS.has(text.toLowerCase()) };
  }
  if (NUMBER_START.includes(first) && INT.test(text)) return constructInt(text);
  if (`${NUMBER_START}.`.includes(first) && FLOAT.test(text)) {
    return { type: 'float', value: constructFloat(text) };
  }
  if ('0123456789'.includes(first) && TIMESTAMP.test(text)) {
    return { type: 'timestamp', value: text };
  }
  return { type: 'str', value: text };
}

/**
 * Builds an integer as PyYAML's `construct_yaml_int` does; undefined for a
 * prefix with no digits (`0x_`), which PyYAML fails to construct.
 */
export function constructInt(text: string): ResolvedScalar | undefined {
  const { sign, digits } = splitSign(text.replaceAll('_', ''));
  if (digits === '0b' || digits === '0x') return undefined;
  const value = BigInt(sign) * integerMagnitude(digits);
  if (value >= -MAX_SAFE && value <= MAX_SAFE)
    return { type: 'int', value: Number(value) };
  return { type: 'int', value: value.toString(), unsafeInteger: true };
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function integerMagnitude(digits: string): bigint {
  if (digits === '0') return 0n;
  if (digits.startsWith('0b')) return BigInt(`0b${digits.slice(2)}`);
  if (digits.startsWith('0x')) return BigInt(`0x${digits.slice(2)}`);
  if (digits.startsWith('0')) return BigInt(`0o${digits.slice(1)}`);
  if (digits.includes(':')) return sexagesimal(digits.split(':').map((d) => BigInt(d)));
  return BigInt(digits);
}

function sexagesimal(parts: readonly bigint[]): bigint {
  return parts.reduce((total, part) => total * 60n + part, 0n);
}

/** Builds a float as PyYAML's `construct_yaml_float` does. */
export function constructFloat(text: string): number {
  const { sign, digits } = splitSign(text.replaceAll('_', '').toLowerCase());
  if (digits === '.inf') return sign * Infinity;
  if (digits === '.nan') return NaN;
  if (!digits.includes(':')) return sign * Number(digits);
  const parts = digits.split(':').map(Number);
  return sign * parts.reduce((total, part) => total * 60 + part, 0);
}

function splitSign(text: string): { sign: 1 | -1; digits: string } {
  if (text.startsWith('-')) return { sign: -1, digits: text.slice(1) };
  if (text.startsWith('+')) return { sign: 1, digits: text.slice(1) };
  return { sign: 1, digits: text };
}

const CORE_TAG = 'tag:yaml.org,2002:';

/**
 * Builds a scalar carrying an explicit tag (`!!int "3"`), as PyYAML's safe
 * constructors do. Returns undefined when the tag is unknown or the text does
 * not fit it (PyYAML raises a constructor error there).
 */
export function constructTagged(tag: string, text: string): ResolvedScalar | undefined {
  if (tag === '!' || tag === `${CORE_TAG}str`) return { type: 'str', value: text };
  switch (tag.startsWith(CORE_TAG) ? tag.slice(CORE_TAG.length) : '') {
    case 'null':
      return { type: 'null', value: null };
    case 'bool':
      return BOOL.test(text)
        ? { type: 'bool', value: TRUE_WORDS.has(text.toLowerCase()) }
        : undefined;
    case 'int':
      return INT.test(text) ? constructInt(text) : undefined;
    case 'float':
      return taggedFloat(text);
    case 'timestamp':
      return TIMESTAMP.test(text) ? { type: 'timestamp', value: text } : undefined;
    default:
      return undefined;
  }
}

function taggedFloat(text: string): ResolvedScalar | undefined {
  if (FLOAT.test(text)) return { type: 'float', value: constructFloat(text) };
  if (!DECIMAL.test(text)) return undefined;
  return { type: 'float', value: Number(text.replaceAll('_', '')) };
}
