import { describe, expect, it } from 'vitest';
import { compileRule } from '../../src/engine/compile-rule.js';
import { routeRule } from '../../src/engine/routing.js';
import type { LogsourceMap, LogsourceRoute } from '../../src/events/logsource-map.js';
import { loadRuleText } from '../../src/rule/load.js';

const RULE = `title: process
logsource:
  category: process_creation
  product: windows
detection:
  sel:
    Image|endswith: '\\evil.exe'
  condition: sel
`;

const map: LogsourceMap = {
  name: 'test',
  route: (logsource): LogsourceRoute =>
    logsource.category === 'process_creation'
      ? {
          kind: 'mapped',
          variants: [
            { conditions: { EventID: ['1'] }, fields: {} },
            { conditions: { EventID: ['4688'] }, fields: { Image: 'NewProcessName' } },
          ],
        }
      : { kind: 'unmapped' },
};

function compiled(text = RULE) {
  const [rule] = loadRuleText(text, 'r.yml').documents;
  if (rule?.kind !== 'rule') throw new Error('not a rule');
  const result = compileRule(rule);
  if (!result.ok) throw new Error('did not compile');
  return result.compiled;
}

describe('routing through a logsource mapping', () => {
  it('sees every event without a mapping', () => {
    const routed = routeRule(compiled(), undefined);
    expect(routed.matches({ Image: 'C:\\evil.exe', EventID: 7 })).toBe(true);
  });

  it('accepts events of a variant and reads renamed fields', () => {
    const routed = routeRule(compiled(), map);
    expect(routed.matches({ EventID: 1, Image: 'C:\\evil.exe' })).toBe(true);
    expect(routed.matches({ EventID: '4688', NewProcessName: 'C:\\evil.exe' })).toBe(
      true,
    );
    expect(
      routed.explain({ EventID: 4688, NewProcessName: 'C:\\evil.exe' })?.verdict,
    ).toBe('match');
  });

  it('keeps events of other logsources away', () => {
    const routed = routeRule(compiled(), map);
    expect(routed.matches({ EventID: 3, Image: 'C:\\evil.exe' })).toBe(false);
    expect(routed.explain({ EventID: 3, Image: 'C:\\evil.exe' })).toBeUndefined();
  });

  it('marks a logsource the mapping does not cover', () => {
    const linux = RULE.replace('product: windows', 'product: linux').replace(
      'process_creation',
      'network_connection',
    );
    const routed = routeRule(compiled(linux), map);
    expect(routed.unmapped).toBe(true);
    expect(routed.matches({ EventID: 1, Image: 'C:\\evil.exe' })).toBe(false);
  });
});
