/**
 * The routing index gives exactly the groups whose conditions an event
 * satisfies, also when its memo answers (the same condition values seen
 * before) and for values the memo must tell apart (3 and "3" route alike;
 * a differing Channel does not).
 */

import { describe, expect, it } from 'vitest';
import { defaultFieldReader } from '../../src/engine/fields.js';
import type { LogEvent } from '../../src/events/event.js';
import { groupAccepts, type RouteGroup } from '../../src/ruleset/route-groups.js';
import { RoutingIndex } from '../../src/ruleset/routing-index.js';

/** A group of one rule with `conditions`. */
function group(conditions: Record<string, string[]>, rule: number): RouteGroup {
  return {
    variant: { conditions, fields: {} },
    reader: defaultFieldReader,
    rules: [rule],
  };
}

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const groups = [
  group({ EventID: ['1'], Channel: [SYSMON] }, 0),
  group({ EventID: ['4688'], Channel: ['Security'] }, 1),
  group({ Channel: [SYSMON] }, 2),
  group({}, 3),
  group({ EventID: ['1', '3'] }, 4),
];

const events: LogEvent[] = [
  { EventID: 1, Channel: SYSMON, Image: 'a' },
  { EventID: '1', Channel: SYSMON, Image: 'b' },
  { EventID: 1, Channel: 'security' },
  { EventID: 4688, Channel: 'SECURITY' },
  { EventID: [3, 4688], Channel: 'Security' },
  { Channel: SYSMON },
  { EventID: null, Channel: SYSMON },
  {},
];

describe('routing index', () => {
  it('routes each event to exactly the groups that accept it, twice over', () => {
    const index = new RoutingIndex(groups);
    for (const event of [...events, ...events, ...[...events].reverse()]) {
      const expected = groups.flatMap((g, i) => (groupAccepts(g, event) ? [i] : []));
      expect(index.route(event), JSON.stringify(event)).toEqual(expected);
    }
  });
});
