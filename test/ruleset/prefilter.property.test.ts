/**
 * The prefilter's contract, checked with generated rules and events: the
 * fast path (routing index + prefilter + candidate evaluation) returns
 * exactly the rules that evaluating every rule through `routeRule` returns,
 * with and without a logsource mapping. The seed is fixed (override with
 * FC_SEED); a failure prints seed, path and the shrunk counterexample.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDocuments } from '../../src/engine/rule-set.js';
import { routeRule } from '../../src/engine/routing.js';
import type { LogEvent } from '../../src/events/event.js';
import type { LogsourceMap, LogsourceRoute } from '../../src/events/logsource-map.js';
import { loadRuleText } from '../../src/rule/load.js';
import { CompiledRuleSet } from '../../src/ruleset/compiled-rule-set.js';

const SEED = Number(process.env.FC_SEED ?? 20261203);
const FIELDS = ['Image', 'CommandLine', 'Target', 'Path'] as const;
const WORDS = ['cmd', 'Power', 'shell', '-enc', '/c', 'a.b', 'x\\y', 'ß', 'İz', '42'];
const MODIFIERS = [
  '',
  '|contains',
  '|startswith',
  '|endswith',
  '|contains|all',
  '|contains|windash',
  '|contains|cased',
  '|re',
  '|re|i',
  '|neq',
  '|base64offset|contains',
];

const word = fc.constantFrom(...WORDS);
const text = fc.array(word, { minLength: 0, maxLength: 3 }).map((w) => w.join(''));
const value = fc.oneof(
  { weight: 6, arbitrary: text.filter((t) => t !== '') },
  { weight: 1, arbitrary: fc.constant('*') },
  { weight: 1, arbitrary: fc.constantFrom('c?d', 'p*l', '4?') },
  { weight: 1, arbitrary: fc.constantFrom('(?i)Sh+ell', 'c(md|x)', 'p?ow', 'a\\.b|42') },
);

const item = fc.record({
  field: fc.constantFrom(...FIELDS),
  modifier: fc.constantFrom(...MODIFIERS),
  values: fc.array(value, { minLength: 1, maxLength: 3 }),
  nullValue: fc.boolean(),
});
const selection = fc.array(item, { minLength: 1, maxLength: 3 });
const keywords = fc.record({
  all: fc.boolean(),
  values: fc.array(
    text.filter((t) => t !== ''),
    { minLength: 1, maxLength: 3 },
  ),
});
const condition = fc.constantFrom(
  'sel1',
  'keywords',
  'keywords and sel1',
  'keywords or not sel2',
  'sel1 and sel2',
  'sel1 or sel2',
  'sel1 and not sel2',
  'not sel1',
  '1 of sel*',
  'all of sel*',
);
const category = fc.constantFrom('process_creation', 'file_event', 'other');
const rule = fc.record({
  sel1: selection,
  sel2: selection,
  keywords,
  condition,
  category,
});

const leaf = fc.oneof(text, fc.integer({ min: 0, max: 99 }), fc.constant(null));
const fieldValue = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 2 }) },
);
const event = fc.record(
  {
    Image: fieldValue,
    CommandLine: fieldValue,
    Target: fieldValue,
    Path: fieldValue,
    NewImage: fieldValue,
    Extra: fc.oneof(fieldValue, fc.record({ Nested: fieldValue })),
    EventID: fc.constantFrom(1, '1', 11, 4688),
  },
  { requiredKeys: ['EventID'] },
);

type GeneratedRule = typeof rule extends fc.Arbitrary<infer T> ? T : never;

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function ruleText(generated: GeneratedRule, index: number): string {
  const block = (name: string, items: GeneratedRule['sel1']): string[] => {
    const lines = [`  ${name}:`];
    items.forEach((i, n) => {
      const values = i.values.map(quote);
      if (i.nullValue && !i.modifier.includes('re') && i.modifier === '')
        values.push('null');
      const key = `${i.field}${i.modifier}`;
      lines.push(
        `    - '${key}': [${values.join(', ')}]`.replace('- ', n === 0 ? '- ' : '  '),
      );
    });
    return lines;
  };
  return [
    `title: generated ${index}`,
    `id: 00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    'logsource:',
    `  category: ${generated.category}`,
    '  product: windows',
    'detection:',
    ...block('sel1', generated.sel1),
    ...block('sel2', generated.sel2),
    `  keywords:${generated.keywords.all ? `\n    '|all':` : ''}`,
    ...generated.keywords.values.map(
      (v) => `    ${generated.keywords.all ? '  ' : ''}- ${quote(v)}`,
    ),
    `  condition: ${generated.condition}`,
  ].join('\n');
}

/** A small mapping: two categories, one with a rename, one event id list. */
const MAP: LogsourceMap = {
  name: 'test',
  route(logsource): LogsourceRoute {
    if (logsource.category === 'process_creation') {
      return {
        kind: 'mapped',
        variants: [
          { conditions: { EventID: ['1'] }, fields: {} },
          { conditions: { EventID: ['4688'] }, fields: { Image: 'NewImage' } },
        ],
      };
    }
    if (logsource.category === 'file_event') {
      return {
        kind: 'mapped',
        variants: [{ conditions: { EventID: ['11'] }, fields: {} }],
      };
    }
    return { kind: 'unmapped' };
  },
};

function compile(rules: readonly GeneratedRule[]) {
  const documents = rules.flatMap(
    (r, index) => loadRuleText(ruleText(r, index), `rule-${index}.yml`).documents,
  );
  return compileDocuments(documents, { placeholders: {} }).rules;
}

describe('prefilter contract: fast path equals evaluating every rule', () => {
  for (const map of [undefined, MAP]) {
    it(`agrees with routeRule on every event (${map ? 'with' : 'without'} a mapping)`, () => {
      fc.assert(
        fc.property(
          fc.array(rule, { minLength: 1, maxLength: 6 }),
          fc.array(event, { minLength: 1, maxLength: 8 }),
          (rules, events) => {
            const compiled = compile(rules);
            const set = new CompiledRuleSet(compiled, map);
            const routed = compiled.map((c) => routeRule(c, map));
            for (const e of events as LogEvent[]) {
              const expected = routed.flatMap((r, i) => (r.matches(e) ? [i] : []));
              expect(set.match(e)).toEqual(expected);
              expect(set.matchReference(e)).toEqual(expected);
            }
          },
        ),
        { seed: SEED, numRuns: 150 },
      );
    });
  }

  it('generates rules that compile and sometimes match', () => {
    const samples = fc.sample(fc.tuple(rule, event), { seed: SEED, numRuns: 300 });
    const compiled = samples.map(([r]) => compile([r]).length);
    expect(compiled.filter((n) => n === 1).length).toBeGreaterThan(150);
    const hits = samples.filter(([r, e]) => {
      const [c] = compile([r]);
      return c !== undefined && c.matches(e);
    });
    expect(hits.length).toBeGreaterThan(10);
    const keywordHits = hits.filter(([r]) => r.condition.includes('keywords'));
    expect(keywordHits.length).toBeGreaterThan(0);
  });
});
