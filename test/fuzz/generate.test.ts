import { describe, expect, it } from 'vitest';
import { test as prop, fc } from '@fast-check/vitest';
import { createEventGenerator } from '../../src/fuzz/event-generator.js';
import { Random } from '../../src/fuzz/random.js';
import { checkRule } from '../../src/fuzz/rule-check.js';
import type { SigmaRule } from '../../src/rule/model.js';
import { propertyParameters, ruleWithDetection, targetOf } from './helpers.js';

/** Detections covering each modifier family, by name. */
const DETECTIONS: Readonly<Record<string, string>> = {
  wildcards: `  selection:
    Image: 'C:\\Windows\\*\\cmd?.exe'
  condition: selection`,
  positions: `  selection:
    Image|endswith: ['\\rundll32.exe', '\\regsvr32.exe']
    CommandLine|startswith: 'run '
    ParentImage|contains: 'office'
  condition: selection`,
  containsAll: `  selection:
    CommandLine|contains|all: [' use ', ':*\\\\', '/USER:* *']
  filter:
    CommandLine|endswith: ' '
  condition: selection and not filter`,
  windash: `  selection:
    CommandLine|windash|contains: [' -enc ', ' -nop ']
  condition: selection`,
  base64offset: `  selection:
    CommandLine|base64offset|contains: 'Invoke-Expression'
  condition: selection`,
  wideBase64offset: `  selection:
    CommandLine|wide|base64offset|contains: 'http://'
  condition: selection`,
  base64: `  selection:
    Payload|base64: 'whoami'
  condition: selection`,
  regex: `  selection:
    CommandLine|re: '(?i)^[a-z]{3,8}\\.exe\\s+-(e|enc)\\s+[A-Za-z0-9+/=]{20,}$'
  condition: selection`,
  cidr: `  selection:
    DestinationIp|cidr: ['10.0.0.0/8', '2001:db8::/32']
  condition: selection`,
  compare: `  selection:
    Size|gt: 4096
    Count|lte: 3
  condition: selection`,
  existsAndNull: `  selection:
    User|exists: true
    Hashes: null
  condition: selection`,
  fieldref: `  selection:
    TargetFilename|fieldref|endswith: Image
  condition: selection`,
  keywords: `  keywords:
    - 'mimikatz'
    - 'sekurlsa::'
  condition: keywords`,
  keywordsAll: `  keywords:
    '|all': ['Failed', 'password']
  condition: keywords`,
  notAndOf: `  selection_a:
    EventID: 4688
  selection_b:
    - Image|endswith: '\\powershell.exe'
    - OriginalFileName: 'PowerShell.EXE'
  filter_main:
    ParentImage|startswith: 'C:\\Program Files\\'
  filter_optional:
    User|contains: 'SYSTEM'
  condition: all of selection_* and not 1 of filter_*`,
  cased: `  selection:
    CommandLine|cased|contains: 'FromBase64String'
  condition: selection`,
  neq: `  selection:
    Image|endswith: '\\svchost.exe'
    ParentImage|neq: 'C:\\Windows\\System32\\services.exe'
  condition: selection`,
  conditionList: `  a:
    Image|endswith: '\\a.exe'
  b:
    Image|endswith: '\\b.exe'
  condition:
    - a
    - b`,
};

const rules: readonly [string, SigmaRule][] = Object.entries(DETECTIONS).map(
  ([name, detection]) => [name, ruleWithDetection(detection)],
);

function compiled(rule: SigmaRule) {
  const target = targetOf(rule);
  const build = createEventGenerator(target);
  if (!build.ok) throw new Error(build.reason);
  return { generator: build.generator, rule: target.compiled };
}

describe('events generated from rules', () => {
  describe.each(rules)('%s', (_name, rule) => {
    const { generator, rule: engine } = compiled(rule);

    prop.prop([fc.integer()], { ...propertyParameters, numRuns: 30 })(
      'the engine matches every satisfying event',
      (seed) => {
        const made = generator.satisfying(new Random(seed));
        return made.ok && engine.matches(made.generated.event);
      },
    );

    prop.prop([fc.integer()], { ...propertyParameters, numRuns: 30 })(
      'the engine rejects every near miss',
      (seed) => {
        const made = generator.nearMiss(new Random(seed));
        return made.ok && !engine.matches(made.generated.event);
      },
    );
  });

  it('writes base64offset values the other way: the field holds encoded bytes', () => {
    const rule = rules.find(([name]) => name === 'base64offset')?.[1] as SigmaRule;
    const made = compiled(rule).generator.satisfying(new Random(3));
    if (!made.ok) throw new Error(made.reason);
    const text = JSON.stringify(made.generated.event.CommandLine)
      .slice(1, -1)
      .trim()
      .split(/\s+/);
    const decoded = text.map((t) => Buffer.from(t, 'base64').toString('latin1'));
    expect(decoded.some((d) => d.includes('Invoke-Expression'))).toBe(true);
  });

  it('puts an address inside the network for cidr', () => {
    const rule = rules.find(([name]) => name === 'cidr')?.[1] as SigmaRule;
    const made = compiled(rule).generator.satisfying(new Random(5));
    if (!made.ok) throw new Error(made.reason);
    expect(JSON.stringify(made.generated.event.DestinationIp)).toMatch(
      /^"(10\.|2001:db8:)/,
    );
  });

  it('is deterministic for a seed', () => {
    const { generator } = compiled(rules[1]?.[1] as SigmaRule);
    const a = generator.satisfying(new Random(9));
    const b = generator.satisfying(new Random(9));
    expect(a).toEqual(b);
  });
});

describe('rules events cannot be generated for', () => {
  it('reports a contradictory condition with a reason', () => {
    const rule = ruleWithDetection(
      '  selection:\n    Image: a.exe\n  condition: selection and not selection',
    );
    const result = checkRule(targetOf(rule), { count: 2, seed: 1 });
    expect(result.status).toBe('not-generated');
    expect(result.status !== 'passed' && 'reason' in result && result.reason).toMatch(
      /no generated event satisfied/,
    );
  });

  it('reports date-part modifiers instead of guessing', () => {
    const rule = ruleWithDetection(
      '  selection:\n    UtcTime|hour: 3\n  condition: selection',
    );
    const result = checkRule(targetOf(rule), { count: 2, seed: 1 });
    expect(result).toEqual({
      status: 'not-generated',
      reason: `date-part modifier 'hour'`,
    });
  });

  it('reports a regex whose assertions no generated string satisfies', () => {
    const rule = ruleWithDetection(
      "  selection:\n    A|re: 'a$b'\n  condition: selection",
    );
    const result = checkRule(targetOf(rule), { count: 1, seed: 1 });
    expect(result.status).toBe('not-generated');
  });
});
