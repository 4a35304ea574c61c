/**
 * fast-check arbitraries of hostnames around a zone set and a rule's own
 * hostname indicators.
 *
 * - `zoneMembers`: names the oracle should place in the zone set: a zone's
 *   name, with labels prepended (always for `below` zones), case changes
 *   and an optional trailing dot.
 * - `nearMisses`: names one small edit away from a zone name or a rule
 *   indicator: the name inside a longer label, followed by another
 *   registrable domain, a label inserted or deleted, a digit for a letter,
 *   hyphen variants, another top-level domain, a look-alike letter written
 *   in punycode. An edit may land back inside the zone set (a label
 *   prepended to a `host` zone); the oracle, not the arbitrary, decides.
 *
 * Every part is built from small integers, labels and booleans, so
 * fast-check shrinks a failing name towards few, short, lowercase labels.
 */

import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import type { ZoneSet } from './zones.js';

const LABEL_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const OTHER_TLDS = ['net', 'org', 'co', 'io', 'app', 'dev', 'xyz', 'cn', 'com'];
const DIGIT_FOR: Readonly<Record<string, string>> = {
  o: '0',
  l: '1',
  i: '1',
  e: '3',
  a: '4',
  s: '5',
  t: '7',
  g: '9',
  b: '8',
};
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  o: '\u043e',
  p: '\u0440',
  x: '\u0445',
  y: '\u0443',
  i: '\u0456',
  k: '\u03ba',
  n: '\u0578',
};

/** A DNS label of 1 to 8 lowercase letters and digits. */
export const label: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...LABEL_CHARS),
  minLength: 1,
  maxLength: 8,
});

/** Names inside the zone set. */
export function zoneMembers(zoneSet: ZoneSet): fc.Arbitrary<string> {
  const built = fc
    .record({
      zone: fc.constantFrom(...zoneSet.zones),
      labels: fc.array(label, { maxLength: 3 }),
      extra: label,
      dot: fc.boolean(),
    })
    .map(({ zone, labels, extra, dot }) => {
      const prefix = zone.match === 'below' ? [extra, ...labels] : labels;
      return [...prefix, zone.name].join('.') + (dot ? '.' : '');
    });
  return fc.mixedCase(built);
}

/** One small edit of a base name; `n` picks a position, `l` a new label. */
type Edit = (labels: string[], n: number, l: string) => string;

const EDITS: readonly Edit[] = [
  (ls, n, l) => (n % 2 === 0 ? l + ls.join('.') : ls.join('.') + l),
  (ls, n, l) => `${ls.join('.')}.${l}.${pick(OTHER_TLDS, n)}`,
  (ls, n, l) => spliced(ls, 1 + (n % Math.max(1, ls.length - 1)), 0, l).join('.'),
  (ls, n) => spliced(ls, n % ls.length, 1).join('.'),
  (ls, n) => replaceLetter(ls.join('.'), n, DIGIT_FOR),
  (ls, n) => hyphenVariant(ls, n),
  (ls, n) => [...ls.slice(0, -1), pick(OTHER_TLDS, n)].join('.'),
  (ls, n) => domainToASCII(replaceLetter(ls.join('.'), n, LOOK_ALIKES)) || ls.join('.'),
];

/** Names one small edit away from the zones' names and the indicators. */
export function nearMisses(
  zoneSet: ZoneSet,
  indicators: readonly string[],
): fc.Arbitrary<string> {
  const bases = [...new Set([...indicators, ...zoneSet.zones.map((z) => z.name)])];
  const built = fc
    .record({
      base: fc.constantFrom(...bases),
      edit: fc.nat({ max: EDITS.length - 1 }),
      n: fc.nat({ max: 63 }),
      l: label,
      labels: fc.array(label, { maxLength: 2 }),
      dot: fc.boolean(),
    })
    .map(({ base, edit, n, l, labels, dot }) => {
      const edited = (EDITS[edit] as Edit)(base.split('.'), n, l);
      return [...labels, edited].join('.') + (dot ? '.' : '');
    });
  return fc.mixedCase(built);
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

function spliced(list: readonly string[], at: number, remove: number, ...add: string[]) {
  const copy = [...list];
  copy.splice(at, remove, ...add);
  return copy.length > 0 ? copy : [...list];
}

function replaceLetter(text: string, n: number, table: Readonly<Record<string, string>>) {
  const positions = [...text].flatMap((c, i) => (table[c] === undefined ? [] : [i]));
  if (positions.length === 0) return text;
  const at = pick(positions, n);
  return text.slice(0, at) + (table[text[at] as string] as string) + text.slice(at + 1);
}

function hyphenVariant(labels: readonly string[], n: number): string {
  const name = labels.join('.');
  const variant = n % 3;
  if (variant === 0 && name.includes('-')) return name.replace('-', '');
  if (variant === 1 && labels.length > 2) {
    return spliced(labels, 0, 2, `${labels[0]}-${labels[1]}`).join('.');
  }
  const first = labels[0] ?? '';
  const at = 1 + (n % Math.max(1, first.length - 1));
  return [`${first.slice(0, at)}-${first.slice(at)}`, ...labels.slice(1)].join('.');
}
