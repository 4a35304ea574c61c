import { describe, expect, it } from 'vitest';
import { compileRule } from '../../src/engine/compile-rule.js';
import type { StrategyName } from '../../src/matchers/index.js';
import { STRATEGY_NAMES } from '../../src/matchers/index.js';
import type { SigmaRule } from '../../src/rule/model.js';
import { loadRuleText } from '../../src/rule/load.js';
import type { SemanticCase } from './semantics-cases.js';
import { ruleText, SEMANTIC_CASES } from './semantics-cases.js';

function loadCaseRule(testCase: SemanticCase): SigmaRule {
  const loaded = loadRuleText(ruleText(testCase.detection), 'case.yml');
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toEqual([]);
  const [rule] = loaded.documents;
  if (rule?.kind !== 'rule') throw new Error('the case did not load as a rule');
  return rule;
}

const paths: { name: string; strategy: StrategyName; explain: boolean }[] =
  STRATEGY_NAMES.flatMap((strategy) => [
    { name: `${strategy} matches`, strategy, explain: false },
    { name: `${strategy} explain`, strategy, explain: true },
  ]);

describe.each(paths)('semantic cases: $name', ({ strategy, explain }) => {
  it.each(
    SEMANTIC_CASES.map(
      (c) => [`${c.match ? 'match' : 'no match'}: ${c.point}`, c] as const,
    ),
  )('%s', (_, testCase) => {
    const rule = loadCaseRule(testCase);
    const compiled = compileRule(rule, {
      matcher: strategy,
      placeholders: testCase.placeholders ?? {},
    });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    const verdict = explain
      ? compiled.compiled.explain(testCase.event).verdict === 'match'
      : compiled.compiled.matches(testCase.event);
    expect(verdict).toBe(testCase.match);
  });
});
