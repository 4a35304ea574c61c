import { describe, expect, it } from 'vitest';
import { test as prop, fc } from '@fast-check/vitest';
import { nearMisses, zoneMembers } from '../../src/fuzz/hostname-arbitraries.js';
import { createOracle, zoneProblems } from '../../src/fuzz/oracle.js';
import type { ZoneSet } from '../../src/fuzz/zones.js';
import { loadZones, parseZones } from '../../src/fuzz/zones.js';
import { propertyParameters } from './helpers.js';

const loaded = await loadZones();
if (!loaded.ok) throw new Error(loaded.message);
const zoneSets = loaded.zoneSets;
const agent = zoneSets.find((s) => s.name === 'ngrok-agent') as ZoneSet;
const endpoints = zoneSets.find((s) => s.name === 'ngrok-endpoints') as ZoneSet;

const CASES: readonly [string, ZoneSet, boolean][] = [
  ['tunnel.us.ngrok.com', agent, true],
  ['TUNNEL.US.NGROK.COM', agent, true],
  ['tunnel.us-cal-1.ngrok.com', agent, true],
  ['tunnel.eu.ngrok.com.', agent, true],
  ['a.b.tunnel.eu.ngrok.com', agent, true],
  ['connect.ngrok-agent.com', agent, true],
  ['connect.us-cal-1.ngrok-agent.com', agent, true],
  ['xtunnel.us.ngrok.com', agent, false],
  ['tunnel.us.ngrok.com.evil.com', agent, false],
  ['tunnel.us.ngrok.comx', agent, false],
  ['tunnel.ngrok.com', agent, false],
  ['tunnel.us.ngr0k.com', agent, false],
  ['tunnel.us.ngrok.net', agent, false],
  ['tunnel.us.xn--ngrk-tfe.com', agent, false],
  ['tunnel.us.ngrok.com..', agent, false],
  ['tunnel us.ngrok.com', agent, false],
  ['myconnect.ngrok-agent.com', agent, false],
  ['1eb2-181-80-12-3.ngrok.app', endpoints, true],
  ['A.NGROK-FREE.DEV.', endpoints, true],
  ['x.y.ngrok.io', endpoints, true],
  ['ngrok.io', endpoints, false],
  ['xngrok.io', endpoints, false],
  ['ngrok.io.evil.com', endpoints, false],
  ['192.168.1.1', endpoints, false],
];

describe('domain oracle', () => {
  it.each(CASES)('%s is a member: %s', (hostname, set, member) => {
    expect(createOracle([set]).judge(hostname).member).toBe(member);
  });

  it('accepts the shipped zone list', () => {
    expect(zoneSets.map((s) => s.name)).toEqual(['ngrok-agent', 'ngrok-endpoints']);
    expect(zoneSets.flatMap(zoneProblems)).toEqual([]);
  });

  it('reports a below zone that is not a public suffix', () => {
    const text = 'zone_sets: [{name: x, zones: [{name: a.com, match: below}]}]';
    const parsed = parseZones(text, 'z.yml');
    expect(parsed.ok && zoneProblems(parsed.zoneSets[0] as ZoneSet)).toEqual([
      `'a.com' is not on the Public Suffix List`,
    ]);
  });

  it('rejects a zone without a match kind', () => {
    const parsed = parseZones('zone_sets: [{name: x, zones: [{name: a.com}]}]', 'z.yml');
    expect(parsed.ok).toBe(false);
  });
});

describe('hostname arbitraries', () => {
  prop.prop([fc.oneof(...zoneSets.map(zoneMembers))], propertyParameters)(
    'every zone member is a member for the oracle',
    (hostname) => createOracle(zoneSets).judge(hostname).member,
  );

  prop.prop([nearMisses(agent, ['tunnel.us.ngrok.com'])], propertyParameters)(
    'near misses are plain ASCII names (look-alikes in punycode)',
    (hostname) => /^[A-Za-z0-9._-]+$/.test(hostname),
  );
});
