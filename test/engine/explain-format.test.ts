import { describe, expect, it } from 'vitest';
import { compileRule } from '../../src/engine/compile-rule.js';
import { formatExplanation } from '../../src/engine/explain-format.js';
import { loadRuleText } from '../../src/rule/load.js';
import { ruleText } from './semantics-cases.js';

describe('explanation text', () => {
  it('says which item failed, why, where, and what the event had', () => {
    const text = ruleText(
      'sel:\n  Host|endswith:\n    - .ngrok.io\n    - .ngrok.app\n  Initiated: "true"\ncondition: sel',
    );
    const [rule] = loadRuleText(text, 'r.yml').documents;
    if (rule?.kind !== 'rule') throw new Error('not a rule');
    const compiled = compileRule(rule);
    if (!compiled.ok) throw new Error('did not compile');
    const lines = formatExplanation(
      compiled.compiled.explain({ Host: 'x.NGROK.app', Initiated: false }),
    );
    expect(lines[0]).toBe('verdict: no-match');
    expect(lines).toContainEqual(
      expect.stringMatching(/✓ Host\|endswith \(line 7\): matched; matched value #2/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/✗ Initiated \(line 10\): value differs; event has "false"/),
    );
  });
});
