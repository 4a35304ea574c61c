/**
 * The semantic case table: one small rule, one event, the expected verdict.
 * Every evaluation path (each matcher strategy, `matches`, `explain`, and the
 * rule-set scanner) runs every case. Keep one case per point of behaviour;
 * the `point` names the rule of `docs/semantics.md` it checks.
 */

import type { JsonObject } from '../../src/events/event.js';

/** One case of the table. */
export interface SemanticCase {
  readonly point: string;
  /** The `detection` section, as YAML, without the `detection:` key. */
  readonly detection: string;
  readonly event: JsonObject;
  readonly match: boolean;
  /** Placeholder values for `expand`. */
  readonly placeholders?: Readonly<Record<string, readonly string[]>>;
}

const sel = (body: string, condition = 'sel'): string =>
  `sel:\n${body
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')}\ncondition: ${condition}`;

const yes = (point: string, detection: string, event: JsonObject): SemanticCase => ({
  point,
  detection,
  event,
  match: true,
});
const no = (point: string, detection: string, event: JsonObject): SemanticCase => ({
  point,
  detection,
  event,
  match: false,
});

/** Structure of a detection: maps, lists, keywords. */
const structure: SemanticCase[] = [
  yes('map is AND', sel('a: 1\nb: 2'), { a: 1, b: 2 }),
  no('map is AND', sel('a: 1\nb: 2'), { a: 1, b: 3 }),
  yes('value list is OR', sel('a: [x, y]'), { a: 'y' }),
  no('value list is OR', sel('a: [x, y]'), { a: 'z' }),
  yes('all makes a list AND', sel('a|contains|all: [x, y]'), { a: 'y-x' }),
  no('all makes a list AND', sel('a|contains|all: [x, y]'), { a: 'x here' }),
  no('all needs every value, in any order', sel('a|all: [x, y, z]'), { a: 'x' }),
  no('all needs every value, in any order', sel('a|contains|all: [x, y, z]'), {
    a: 'y x',
  }),
  yes('all needs every value, in any order', sel('a|contains|all: [x, y, z]'), {
    a: 'Z-y-X',
  }),
  no('all with a null value and a field present', sel('a|all: [x, null]'), { a: 'x' }),
  yes('list of maps is OR', 'sel:\n  - a: 1\n  - b: 2\ncondition: sel', { b: 2 }),
  no('list of maps is OR', 'sel:\n  - a: 1\n  - b: 2\ncondition: sel', { a: 2, b: 1 }),
  yes(
    'list of plain values is a keyword search',
    'kw:\n  - evil\n  - bad\ncondition: kw',
    {
      x: 'an EVIL thing',
    },
  ),
  no(
    'list of plain values is a keyword search',
    'kw:\n  - evil\n  - bad\ncondition: kw',
    {
      x: 'good',
    },
  ),
  yes(
    "'|all' makes keywords AND",
    "kw:\n  '|all':\n    - one\n    - two\ncondition: kw",
    {
      a: 'one',
      b: 'xtwox',
    },
  ),
  no("'|all' makes keywords AND", "kw:\n  '|all':\n    - one\n    - two\ncondition: kw", {
    a: 'one',
  }),
  yes('keywords search numbers', 'kw:\n  - 4688\ncondition: kw', { EventID: 4688 }),
  yes('keywords search nested values', 'kw:\n  - needle\ncondition: kw', {
    a: { b: ['hay', 'NEEDLE'] },
  }),
  no('keywords do not search field names', 'kw:\n  - needle\ncondition: kw', {
    needle: 'x',
  }),
  no('keywords do not search booleans', 'kw:\n  - "true"\ncondition: kw', { a: true }),
  yes('keywords take wildcards', 'kw:\n  - "a*c"\ncondition: kw', { a: 'xxabbbcxx' }),
];

/** Wildcards and escapes. */
const strings: SemanticCase[] = [
  yes('* matches any run', sel("a: 'ab*ef'"), { a: 'abcdef' }),
  yes('* matches the empty run', sel("a: 'ab*cd'"), { a: 'abcd' }),
  no('* is anchored at both ends', sel("a: 'ab*'"), { a: 'xabc' }),
  yes('? matches one character', sel("a: 'a?c'"), { a: 'abc' }),
  no('? matches exactly one character', sel("a: 'a?c'"), { a: 'ac' }),
  yes('? matches one astral character', sel("a: 'a?c'"), { a: 'a😀c' }),
  yes('wildcards backtrack', sel("a: '*a?c'"), { a: 'aaXc' }),
  yes('\\* is a plain star', sel("a: 'a\\*c'"), { a: 'a*c' }),
  no('\\* is a plain star', sel("a: 'a\\*c'"), { a: 'abc' }),
  yes('\\? is a plain question mark', sel("a: 'a\\?c'"), { a: 'a?c' }),
  no('\\? is a plain question mark', sel("a: 'a\\?c'"), { a: 'abc' }),
  yes('\\\\ is one backslash', sel("a: 'C:\\\\Windows'"), { a: 'C:\\Windows' }),
  yes('backslash before another character is plain', sel("a: 'C:\\Windows\\x'"), {
    a: 'C:\\Windows\\x',
  }),
  yes('trailing backslash is plain', sel("a: 'dir\\'"), { a: 'dir\\' }),
  yes('\\\\* is a backslash then a wildcard', sel("a: 'x\\\\*'"), { a: 'x\\anything' }),
  yes('* spans newlines', sel("a: 'first*last'"), { a: 'first\nmiddle\nlast' }),
  yes('? matches a newline', sel("a: 'a?b'"), { a: 'a\nb' }),
  yes('brackets are plain', sel("a: '[a]{b}(c)'"), { a: '[A]{B}(C)' }),
  no('brackets are not a class', sel("a: '[ab]'"), { a: 'a' }),
];

/** Case handling. */
const caseRules: SemanticCase[] = [
  yes('equality ignores case', sel('a: HeLLo'), { a: 'hello' }),
  yes('contains ignores case', sel('a|contains: HeLLo'), { a: 'xHELLOx' }),
  yes('startswith ignores case', sel('a|startswith: HeLLo'), { a: 'HELLO world' }),
  yes('endswith ignores case', sel('a|endswith: HeLLo'), { a: 'say HELLO' }),
  yes('wildcards ignore case', sel("a: 'H*O'"), { a: 'hello' }),
  yes('case folding is Unicode-aware', sel('a: ÄÖÜ'), { a: 'äöü' }),
  yes('case folding handles final sigma', sel('a|contains: ΟΔΟΣ'), { a: 'οδοσ δρομοσ' }),
  yes('case folding handles Cyrillic', sel('a|endswith: ПРИВЕТ'), { a: 'да привет' }),
  yes('cased compares exactly', sel('a|cased: Hello'), { a: 'Hello' }),
  no('cased compares exactly', sel('a|cased: Hello'), { a: 'hello' }),
  no('cased contains compares exactly', sel('a|contains|cased: Hello'), { a: 'xhellox' }),
  no('field names are case-sensitive', sel('image: x'), { Image: 'x' }),
  yes('field names are case-sensitive', sel('Image: x'), { Image: 'x' }),
];

/** Field access. */
const fields: SemanticCase[] = [
  yes('nested objects by dotted path', sel('a.b.c: x'), { a: { b: { c: 'x' } } }),
  no('dotted path must exist', sel('a.b.c: x'), { a: { b: 'x' } }),
  yes('a flat key with a dot wins', sel('a.b: flat'), {
    'a.b': 'flat',
    a: { b: 'nested' },
  }),
  no('a flat key with a dot wins', sel('a.b: nested'), {
    'a.b': 'flat',
    a: { b: 'nested' },
  }),
  yes('an array matches when any element matches', sel('a: y'), { a: ['x', 'y'] }),
  no('an array matches when any element matches', sel('a: z'), { a: ['x', 'y'] }),
  yes('arrays of objects along a path', sel('a.b: y'), { a: [{ b: 'x' }, { b: 'y' }] }),
  yes('all over array elements', sel('a|all: [x, y]'), { a: ['x', 'y'] }),
];

/** Values: numbers, booleans, null, empty strings, exists. */
const values: SemanticCase[] = [
  yes('rule number equals event number', sel('EventID: 4688'), { EventID: 4688 }),
  yes('rule number equals event string', sel('EventID: 4688'), { EventID: '4688' }),
  yes('rule string equals event number', sel("EventID: '4688'"), { EventID: 4688 }),
  no('numbers compare whole', sel('EventID: 4688'), { EventID: 46880 }),
  yes('YAML 1.1: leading zeros stay a string', sel('a|contains: 00000429'), {
    a: 'x00000429',
  }),
  no('YAML 1.1: leading zeros stay a string', sel('a|contains: 00000429'), { a: 'x429' }),
  yes("'true' matches JSON true", sel("Initiated: 'true'"), { Initiated: true }),
  yes("'true' matches the string true", sel("Initiated: 'true'"), { Initiated: 'true' }),
  no("'true' does not match false", sel("Initiated: 'true'"), { Initiated: false }),
  yes('unquoted true matches JSON true', sel('Initiated: true'), { Initiated: true }),
  yes('null matches a missing field', sel('a: null'), { b: 1 }),
  yes('null matches JSON null', sel('a: null'), { a: null }),
  no('null does not match an empty string', sel('a: null'), { a: '' }),
  no('null does not match a value', sel('a: null'), { a: 'x' }),
  yes("'' matches an existing empty string", sel("a: ''"), { a: '' }),
  no("'' does not match a missing field", sel("a: ''"), { b: 'x' }),
  no("'' does not match JSON null", sel("a: ''"), { a: null }),
  yes('field: [] means null', sel('a: []'), {}),
  no('field: [] means null', sel('a: []'), { a: 'x' }),
  yes('exists true: present', sel('a|exists: true'), { a: '' }),
  yes('exists true: present even if null', sel('a|exists: true'), { a: null }),
  no('exists true: absent', sel('a|exists: true'), { b: 1 }),
  yes('exists false: absent', sel('a|exists: false'), { b: 1 }),
  no('exists false: present', sel('a|exists: false'), { a: 'x' }),
  no('a missing field does not match a value', sel('a: x'), { b: 'x' }),
  yes('not over a missing field is true', sel('a: x', 'not sel'), { b: 'x' }),
];

/** The string-position modifiers. */
const positions: SemanticCase[] = [
  yes('contains finds a substring', sel('a|contains: bc'), { a: 'abcd' }),
  no('contains finds a substring', sel('a|contains: bd'), { a: 'abcd' }),
  yes('startswith', sel('a|startswith: ab'), { a: 'abcd' }),
  no('startswith', sel('a|startswith: bc'), { a: 'abcd' }),
  yes('endswith', sel('a|endswith: cd'), { a: 'abcd' }),
  no('endswith', sel('a|endswith: bc'), { a: 'abcd' }),
  yes('contains keeps inner wildcards', sel("a|contains: 'b*d'"), { a: 'abxxde' }),
  yes('contains with existing stars', sel("a|contains: '*bc*'"), { a: 'abcd' }),
  yes('contains on a number', sel('a|contains: 42'), { a: 'x42y' }),
  yes('endswith on a number field', sel('a|endswith: 88'), { a: 4688 }),
  no('equality is anchored', sel('a: bc'), { a: 'abcd' }),
];

/** Regular expressions. */
const regexes: SemanticCase[] = [
  yes('re searches a substring', sel("a|re: 'b.d'"), { a: 'xxbcdxx' }),
  no('re is case-sensitive', sel("a|re: 'ABC'"), { a: 'abc' }),
  yes('re|i ignores case', sel("a|re|i: 'ABC'"), { a: 'xabcx' }),
  yes('^ anchors', sel("a|re: '^ab'"), { a: 'abc' }),
  no('^ anchors', sel("a|re: '^ab'"), { a: 'cab' }),
  yes('$ anchors', sel("a|re: 'bc$'"), { a: 'abc' }),
  no('$ anchors', sel("a|re: 'bc$'"), { a: 'bcd' }),
  yes('re|m makes ^ per line', sel("a|re|m: '^two'"), { a: 'one\ntwo' }),
  no('without m, ^ is the start', sel("a|re: '^two'"), { a: 'one\ntwo' }),
  yes('re|s makes . match a newline', sel("a|re|s: 'a.b'"), { a: 'a\nb' }),
  no('without s, . stops at a newline', sel("a|re: 'a.b'"), { a: 'a\nb' }),
  yes('leading (?i) becomes a flag', sel("a|re: '(?i)abc'"), { a: 'ABC' }),
  yes('re takes the value raw', sel("a|re: 'a\\*b'"), { a: 'a*b' }),
  no('re takes the value raw', sel("a|re: 'a\\*b'"), { a: 'axxb' }),
  yes('re on a number field', sel("a|re: '^46\\d\\d$'"), { a: 4688 }),
  yes('identity escapes work without u', sel("a|re: '\\\"x'"), { a: '"x' }),
];

/** cidr. */
const cidr: SemanticCase[] = [
  yes('cidr IPv4 inside', sel('ip|cidr: 10.0.0.0/8'), { ip: '10.1.2.3' }),
  no('cidr IPv4 outside', sel('ip|cidr: 10.0.0.0/8'), { ip: '11.1.2.3' }),
  yes('cidr IPv4 /32', sel('ip|cidr: 192.168.1.7/32'), { ip: '192.168.1.7' }),
  yes('cidr IPv6 inside', sel("ip|cidr: 'fe80::/10'"), { ip: 'fe80::1' }),
  no('cidr IPv6 outside', sel("ip|cidr: 'fe80::/10'"), { ip: 'fec0::1' }),
  no('cidr does not mix families', sel("ip|cidr: '::/0'"), { ip: '10.0.0.1' }),
  no('cidr on a non-address', sel('ip|cidr: 10.0.0.0/8'), { ip: 'ten' }),
  yes('cidr list is OR', sel('ip|cidr: [10.0.0.0/8, 172.16.0.0/12]'), {
    ip: '172.20.1.1',
  }),
];

/** Encoding modifiers. */
const encodings: SemanticCase[] = [
  yes('base64 encodes, padded', sel('a|base64: foob'), { a: 'Zm9vYg==' }),
  no('base64 is exact', sel('a|base64: foob'), { a: 'Zm9vYg' }),
  yes('base64 then contains', sel('a|base64|contains: foobar'), { a: 'xxZm9vYmFyxx' }),
  yes('base64offset shift 0', sel('a|base64offset|contains: foobar'), {
    a: 'QUZm9vYmFy',
  }),
  yes('base64offset shift 1', sel('a|base64offset|contains: foobar'), {
    a: Buffer.from('xfoobarx').toString('base64'),
  }),
  yes('base64offset shift 2', sel('a|base64offset|contains: foobar'), {
    a: Buffer.from('xxfoobarxx').toString('base64'),
  }),
  no('base64offset needs the value', sel('a|base64offset|contains: foobar'), {
    a: Buffer.from('xxfoobaRxx').toString('base64'),
  }),
  yes('base64offset works on UTF-8 bytes', sel('a|base64offset|contains: héllo'), {
    a: Buffer.from('zhéllo!').toString('base64'),
  }),
  yes('wide then base64offset', sel('a|wide|base64offset|contains: ping'), {
    a: Buffer.from('cmd /c ping x', 'utf16le').toString('base64'),
  }),
  yes('utf16le then base64', sel('a|utf16le|base64: ab'), {
    a: Buffer.from('ab', 'utf16le').toString('base64'),
  }),
  yes('utf16be then base64', sel('a|utf16be|base64: ab'), {
    a: Buffer.from([0, 0x61, 0, 0x62]).toString('base64'),
  }),
  yes('utf16 adds a BOM', sel('a|utf16|base64: ab'), {
    a: Buffer.from([0xff, 0xfe, 0x61, 0, 0x62, 0]).toString('base64'),
  }),
  no('utf16 adds a BOM', sel('a|utf16|base64: ab'), {
    a: Buffer.from('ab', 'utf16le').toString('base64'),
  }),
];

/** windash. */
const windash: SemanticCase[] = [
  yes('windash keeps -', sel('a|windash|contains: -enc'), { a: 'ps -enc x' }),
  yes('windash makes /', sel('a|windash|contains: -enc'), { a: 'ps /enc x' }),
  yes('windash makes en dash', sel('a|windash|contains: -enc'), { a: 'ps \u2013enc x' }),
  yes('windash makes em dash', sel('a|windash|contains: -enc'), { a: 'ps \u2014enc x' }),
  yes('windash makes horizontal bar', sel('a|windash|contains: -enc'), {
    a: 'ps \u2015enc',
  }),
  no('windash leaves dashes inside words', sel('a|windash|contains: a-b'), { a: 'a/b' }),
  yes('windash all combinations', sel("a|windash|contains: '-x -y'"), {
    a: '/x \u2014y',
  }),
  yes('windash with all is an AND of ORs', sel('a|windash|contains|all: [-a, -b]'), {
    a: '/a \u2013b',
  }),
  no('windash with all is an AND of ORs', sel('a|windash|contains|all: [-a, -b]'), {
    a: '/a only',
  }),
];

/** Numeric and date comparisons. */
const numbers: SemanticCase[] = [
  yes('gt', sel('n|gt: 10'), { n: 11 }),
  no('gt', sel('n|gt: 10'), { n: 10 }),
  yes('gte', sel('n|gte: 10'), { n: 10 }),
  yes('lt', sel('n|lt: 10'), { n: '9' }),
  no('lt', sel('n|lt: 10'), { n: 10 }),
  yes('lte', sel('n|lte: 10'), { n: 10 }),
  no('gt on a non-number', sel('n|gt: 10'), { n: 'eleven' }),
  yes('neq negates the item', sel('a|neq: x'), { a: 'y' }),
  no('neq negates the item', sel('a|neq: x'), { a: 'X' }),
  yes('neq is true for a missing field', sel('a|neq: x'), { b: 'x' }),
  no('neq negates the whole list', sel('a|neq: [x, y]'), { a: 'y' }),
  yes('hour', sel('t|hour: 22'), { t: '2024-05-01T22:15:00Z' }),
  no('hour', sel('t|hour: 22'), { t: '2024-05-01T21:15:00Z' }),
  yes('minute', sel('t|minute: 15'), { t: '2024-05-01 22:15:00' }),
  yes('day', sel('t|day: 1'), { t: '2024-05-01T22:15:00Z' }),
  yes('month', sel('t|month: 5'), { t: '2024-05-01T22:15:00Z' }),
  yes('year', sel('t|year: 2024'), { t: '2024-05-01T22:15:00Z' }),
  yes('week is the ISO week', sel('t|week: 1'), { t: '2025-01-01' }),
  no('date part on a non-date', sel('t|year: 2024'), { t: 'yesterday' }),
  yes('date part without time zone conversion', sel('t|hour: 23'), {
    t: '2024-05-01T23:30:00+05:00',
  }),
];

/** Field references and placeholders. */
const references: SemanticCase[] = [
  yes('fieldref equals', sel('a|fieldref: b'), { a: 'Same', b: 'same' }),
  no('fieldref equals', sel('a|fieldref: b'), { a: 'one', b: 'two' }),
  no('fieldref to a missing field', sel('a|fieldref: b'), { a: 'x' }),
  yes('fieldref with contains', sel('a|fieldref|contains: b'), {
    a: 'xxonexx',
    b: 'one',
  }),
  yes('fieldref with startswith', sel('a|fieldref|startswith: b'), {
    a: 'onexx',
    b: 'one',
  }),
  no('fieldref with endswith', sel('a|fieldref|endswith: b'), { a: 'onexx', b: 'one' }),
  {
    point: 'expand fills a placeholder',
    detection: sel("a|expand: '%Servers%'"),
    event: { a: 'SRV2' },
    match: true,
    placeholders: { Servers: ['srv1', 'srv2'] },
  },
  {
    point: 'expand fills a placeholder',
    detection: sel("a|expand: '%Servers%'"),
    event: { a: 'srv3' },
    match: false,
    placeholders: { Servers: ['srv1', 'srv2'] },
  },
  {
    point: 'expand keeps the rest of the value',
    detection: sel("a|contains|expand: 'share=%Share%;'"),
    event: { a: 'x share=DATA; y' },
    match: true,
    placeholders: { Share: ['data'] },
  },
  yes('%name% without expand is literal', sel("a: '%COMSPEC%'"), { a: '%comspec%' }),
];

/** Conditions. */
const conditions: SemanticCase[] = [
  yes(
    'and binds tighter than or',
    'a: {f: 1}\nb: {f: 2}\nc: {f: 3}\ncondition: a or b and c',
    {
      f: 1,
    },
  ),
  no(
    'and binds tighter than or',
    'a: {f: 1}\nb: {f: 2}\nc: {f: 3}\ncondition: (a or b) and c',
    {
      f: 1,
    },
  ),
  yes('not binds tighter than and', 'a: {f: 1}\nb: {g: 2}\ncondition: not a and b', {
    f: 0,
    g: 2,
  }),
  no('not binds tighter than and', 'a: {f: 1}\nb: {g: 2}\ncondition: not (a and b)', {
    f: 1,
    g: 2,
  }),
  yes('1 of pattern', 'sel_a: {f: 1}\nsel_b: {f: 2}\ncondition: 1 of sel_*', { f: 2 }),
  no('all of pattern', 'sel_a: {f: 1}\nsel_b: {g: 2}\ncondition: all of sel_*', { f: 1 }),
  yes('all of pattern', 'sel_a: {f: 1}\nsel_b: {g: 2}\ncondition: all of sel_*', {
    f: 1,
    g: 2,
  }),
  yes('any of is 1 of', 'sel_a: {f: 1}\nsel_b: {f: 2}\ncondition: any of sel_*', {
    f: 2,
  }),
  yes('* anywhere in a pattern', 'a_sel: {f: 1}\nb_sel: {f: 2}\ncondition: 1 of *_sel', {
    f: 2,
  }),
  yes('* in the middle of a pattern', 'sel_x_end: {f: 1}\ncondition: 1 of sel*end', {
    f: 1,
  }),
  yes('all of them', 'a: {f: 1}\nb: {g: 2}\ncondition: all of them', { f: 1, g: 2 }),
  yes('them skips _ identifiers', 'a: {f: 1}\n_b: {g: 2}\ncondition: all of them', {
    f: 1,
  }),
  yes('patterns skip _ identifiers', 's1: {f: 1}\n_s2: {g: 2}\ncondition: all of *', {
    f: 1,
  }),
  no(
    'a pattern starting with _ takes _ identifiers',
    '_s1: {f: 1}\n_s2: {g: 2}\ncondition: all of _s*',
    {
      f: 1,
    },
  ),
  no('1 of nothing is false', 'a: {f: 1}\ncondition: a and 1 of nomatch*', { f: 1 }),
  yes('all of nothing is true', 'a: {f: 1}\ncondition: a and all of nomatch*', { f: 1 }),
  yes('a condition list is OR', 'a: {f: 1}\nb: {f: 2}\ncondition:\n  - a\n  - b', {
    f: 2,
  }),
  no('a condition list is OR', 'a: {f: 1}\nb: {f: 2}\ncondition:\n  - a\n  - b', {
    f: 3,
  }),
  yes('identifiers may hold -', 'sel-a: {f: 1}\ncondition: sel-a', { f: 1 }),
];

/** Every case of the table. */
export const SEMANTIC_CASES: readonly SemanticCase[] = [
  ...structure,
  ...strings,
  ...caseRules,
  ...fields,
  ...values,
  ...positions,
  ...regexes,
  ...cidr,
  ...encodings,
  ...windash,
  ...numbers,
  ...references,
  ...conditions,
];

/** Wraps a detection into a complete rule document. */
export function ruleText(detection: string): string {
  const body = detection
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `title: semantic case\nid: 5f1b6a3e-1c1d-4d8e-9a57-3f0c2b1a9e01\nlogsource:\n  product: test\ndetection:\n${body}\n`;
}
