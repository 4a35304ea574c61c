/**
 * The raw-line prefilter's contract (src/benchmark/raw-prefilter.ts): a line
 * is flagged whenever some string, number or boolean of its JSON value,
 * folded, contains a needle. Checked on generated NDJSON where needles sit
 * behind JSON escapes, in mixed and non-ASCII case, split across values and
 * inside numbers' neighbours, against decoding every line.
 */

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createRawPrefilter } from '../../src/benchmark/raw-prefilter.js';
import { comparableString } from '../../src/engine/fields.js';
import type { JsonValue } from '../../src/events/event.js';
import { foldCase } from '../../src/matchers/case-fold.js';

const NEEDLES = ['tunnel.us.ngrok.com', 'ngrok-agent', 'c:\\windows\\temp', 'a"b/c'];

/** True when some leaf of `value`, folded, contains a needle. */
function decodedHolds(value: JsonValue, needles: readonly string[]): boolean {
  if (Array.isArray(value)) return value.some((v) => decodedHolds(v, needles));
  if (value !== null && typeof value === 'object') {
    return Object.values(value).some((v) => decodedHolds(v, needles));
  }
  const text = comparableString(value);
  return text !== undefined && needles.some((n) => foldCase(text).includes(n));
}

/**
 * JSON text of `value` in which the characters of strings picked by `mask`
 * (cycled) are written as `\uXXXX` escapes, the others as `JSON.stringify`
 * writes them.
 */
function toJson(value: JsonValue, mask: readonly boolean[]): string {
  let i = 0;
  const write = (v: JsonValue): string => {
    if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      return `{${Object.entries(v)
        .map(([k, x]) => `${write(k)}:${write(x)}`)
        .join(',')}}`;
    }
    if (typeof v !== 'string') return JSON.stringify(v);
    let out = '';
    for (let k = 0; k < v.length; k++) {
      const code = v.charCodeAt(k);
      out += mask[i++ % mask.length]
        ? `\\u${code.toString(16).padStart(4, '0')}`
        : JSON.stringify(v[k]).slice(1, -1);
    }
    return `"${out}"`;
  };
  return write(value);
}

const piece = fc.oneof(
  fc.constantFrom(
    ...NEEDLES,
    'TUNNEL.US.NGROK.COM',
    'tunnel.us.ngroK.com',
    'ngroк-agent',
  ),
  fc.constantFrom('\u212a', '\u0130', 'tunnel.', '.ngrok.com', '\\', '"', '/', '\n'),
  fc.string({ maxLength: 6 }),
);
const text = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));
const leaf = fc.oneof(
  text,
  fc.integer(),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map((n) => (Object.is(n, -0) ? 0 : n)),
  fc.boolean(),
);
const event = fc.dictionary(
  fc.constantFrom('Image', 'DestinationHostname', 'x'),
  fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })),
);

/** One NDJSON line of `value` with some string characters `\u`-escaped. */
const line = fc
  .tuple(event, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }))
  .map(([value, mask]) => ({ value: value, text: toJson(value, mask) }));

describe('raw-line prefilter', () => {
  const built = createRawPrefilter(NEEDLES);
  if (built.kind !== 'ready') throw new Error(built.reason);
  const { prefilter } = built;

  test.prop([fc.array(line, { minLength: 1, maxLength: 20 })], { numRuns: 300 })(
    'flags every line whose decoded values hold a needle',
    (lines) => {
      const bytes = Buffer.from(`${lines.map((l) => l.text).join('\n')}\n`);
      const flagged: boolean[] = [];
      prefilter.scanLines(bytes, bytes.length, (_s, _e, hit) => flagged.push(hit));
      expect(flagged).toHaveLength(lines.length);
      lines.forEach((l, i) => {
        expect(JSON.parse(l.text)).toEqual(l.value);
        if (decodedHolds(l.value, NEEDLES)) expect(flagged[i], l.text).toBe(true);
      });
    },
  );

  it('skips lines without any needle', () => {
    const lines = [
      '{"DestinationHostname":"example.com"}',
      '{"Image":"tunnel.us.ngrok"}',
    ];
    const bytes = Buffer.from(lines.join('\n'));
    const flagged: boolean[] = [];
    prefilter.scanLines(bytes, bytes.length, (_s, _e, hit) => flagged.push(hit));
    expect(flagged).toEqual([false, false]);
  });

  it('finds a needle hidden behind escapes', () => {
    const hidden = '{"DestinationHostname":"tunnel.us.ngrok\\u002ecom"}';
    expect(prefilter.lineMayMatch(hidden)).toBe(true);
    expect(prefilter.lineMayMatch('{"Image":"C:\\\\WINDOWS\\\\Temp\\\\x"}')).toBe(true);
  });

  it('declines needles it cannot search exactly', () => {
    expect(createRawPrefilter(['abc']).kind).toBe('declined');
    expect(createRawPrefilter(['1e10']).kind).toBe('declined');
    expect(createRawPrefilter(['ngrök.com']).kind).toBe('declined');
  });
});
