import { describe, expect, it } from 'vitest';
import { compileRule } from '../../src/engine/compile-rule.js';
import { fuzzRules } from '../../src/fuzz/fuzz-rules.js';
import { fuzzHostnames } from '../../src/fuzz/hostname-fuzz.js';
import { findHostnameItems } from '../../src/fuzz/hostname-items.js';
import { loadZones } from '../../src/fuzz/zones.js';
import { ruleFromFile, ruleWithDetection, targetOf } from './helpers.js';

const SEED_RULE = 'rules/windows/net_connection_win_domain_ngrok_tunnel.yml';
const IMPROVED_RULE = 'rules/windows/net_connection_win_ngrok_agent_tunnel.yml';
const MANAGED_RULE = 'rules/windows/net_connection_win_domain_ngrok_managed.yml';
const SEED = 42;
const SHORT = 40;

const zones = await loadZones();
if (!zones.ok) throw new Error(zones.message);
const zoneSets = zones.zoneSets;

describe('hostname fuzzing', () => {
  it('finds an evasion and an over-match of the seed rule, shrunk short', async () => {
    const rule = await ruleFromFile(SEED_RULE);
    const report = fuzzRules([targetOf(rule)], { runs: 10_000, seed: SEED, zoneSets });
    const [result] = report.rules;
    expect(result?.zone_sets).toEqual(['ngrok-agent']);
    expect(result?.evasions.length).toBeGreaterThanOrEqual(1);
    expect(result?.overmatches.length).toBeGreaterThanOrEqual(1);
    for (const finding of [...(result?.evasions ?? []), ...(result?.overmatches ?? [])]) {
      expect(finding.hostname.length).toBeLessThanOrEqual(SHORT);
      expect(finding.example_event.DestinationHostname).toBe(finding.hostname);
      expect(finding.path).not.toBe('');
    }
  });

  it('finds no disagreement on the improved tunnel rule', async () => {
    const rule = await ruleFromFile(IMPROVED_RULE);
    const report = fuzzRules([targetOf(rule)], { runs: 20_000, seed: SEED, zoneSets });
    expect(report.rules[0]?.evasions).toEqual([]);
    expect(report.rules[0]?.overmatches).toEqual([]);
  });

  it('keeps the other items of the rule satisfied in the example event', async () => {
    const rule = await ruleFromFile(MANAGED_RULE);
    const report = fuzzRules([targetOf(rule)], { runs: 2_000, seed: SEED, zoneSets });
    const findings = [
      ...(report.rules[0]?.evasions ?? []),
      ...(report.rules[0]?.overmatches ?? []),
    ];
    for (const f of findings)
      expect(JSON.stringify(f.example_event.Initiated)).toMatch(/^"?true"?$/i);
  });

  it('replays a finding from its seed and path', async () => {
    const rule = await ruleFromFile(SEED_RULE);
    const compiled = compileRule(rule);
    if (!compiled.ok) throw new Error('seed rule does not compile');
    const items = findHostnameItems(rule, zoneSets);
    const options = { runs: 10_000, seed: SEED, ...items, baseEvent: {} };
    const first = fuzzHostnames(compiled.compiled, options).overmatches[0];
    if (first === undefined) throw new Error('no over-match');
    const replay = { property: first.property, path: first.path };
    const again = fuzzHostnames(compiled.compiled, { ...options, replay });
    expect(again.overmatches[0]?.hostname).toBe(first.hostname);
  });

  it('skips a rule that names no zone host', () => {
    const rule = ruleWithDetection(
      '  selection:\n    Image|endswith: \\cmd.exe\n  condition: selection',
    );
    const report = fuzzRules([targetOf(rule)], { runs: 10, seed: SEED, zoneSets });
    expect(report.rules[0]?.skipped).toMatch(/no detection item/);
  });
});
