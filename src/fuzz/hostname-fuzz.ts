/**
 * Hostname fuzzing of one rule: two fast-check properties compare the
 * rule's verdict with the domain oracle's on generated hostnames, one over
 * zone members, one over near misses. A disagreement is an evasion (the
 * oracle says the name is in the zone set, the rule does not fire) or an
 * over-match (the rule fires on a name outside every zone set). fast-check
 * shrinks each to a minimal hostname; the finding keeps the seed and the
 * replay path of its property.
 */

import fc from 'fast-check';
import type { LogEvent } from '../events/event.js';
import type { CompiledRule } from '../engine/types.js';
import { nearMisses, zoneMembers } from './hostname-arbitraries.js';
import type { DomainOracle } from './oracle.js';
import { createOracle } from './oracle.js';
import type { ZoneSet } from './zones.js';

/** The two hostname properties. */
export type HostnameProperty = 'members' | 'near-misses';

/** One disagreement between the rule and the oracle. */
export interface HostnameFinding {
  readonly kind: 'evasion' | 'over-match';
  /** The shrunk hostname. */
  readonly hostname: string;
  /** The event the rule was run on: the base event with the hostname. */
  readonly example_event: LogEvent;
  readonly property: HostnameProperty;
  /** Seed and path that replay the property run (`--seed`, `--replay`). */
  readonly seed: number;
  readonly path: string;
  /** The zone the oracle placed the name in, for evasions. */
  readonly zone?: string;
}

/** How to fuzz one rule. */
export interface HostnameFuzzOptions {
  /** Runs of each property. */
  readonly runs: number;
  readonly seed: number;
  /** The fields to put the hostname in. */
  readonly fields: readonly string[];
  /** The zone sets the rule is judged against (a name in any is a member). */
  readonly zoneSets: readonly ZoneSet[];
  /** The rule's indicators (hostname texts), seeds of near misses. */
  readonly indicators: readonly string[];
  /** An event satisfying the rule's other items; the hostname goes on top. */
  readonly baseEvent: LogEvent;
  /** Replay one property from a path reported earlier. */
  readonly replay?: { readonly property: HostnameProperty; readonly path: string };
}

/** The findings of both properties on one rule. */
export interface HostnameFuzzResult {
  readonly evasions: readonly HostnameFinding[];
  readonly overmatches: readonly HostnameFinding[];
  /** Generated hostnames judged, over both properties. */
  readonly runs: number;
}

/** Runs both hostname properties on `rule`. */
export function fuzzHostnames(
  rule: CompiledRule,
  options: HostnameFuzzOptions,
): HostnameFuzzResult {
  const eventFor = (hostname: string): LogEvent => {
    const event: LogEvent = { ...options.baseEvent };
    for (const field of options.fields) event[field] = hostname;
    return event;
  };
  const oracle = createOracle(options.zoneSets);
  const disagrees = (hostname: string): boolean =>
    rule.matches(eventFor(hostname)) !== oracle.judge(hostname).member;
  const arbitraries: Record<HostnameProperty, fc.Arbitrary<string>> = {
    members: fc.oneof(...options.zoneSets.map(zoneMembers)),
    'near-misses': fc.oneof(
      ...options.zoneSets.map((set) => nearMisses(set, options.indicators)),
    ),
  };
  const findings: HostnameFinding[] = [];
  let runs = 0;
  for (const property of ['members', 'near-misses'] as const) {
    const replay = options.replay;
    if (replay !== undefined && replay.property !== property) continue;
    const details = fc.check(
      fc.property(arbitraries[property], (h) => !disagrees(h)),
      {
        numRuns: options.runs,
        seed: options.seed,
        ...(replay ? { path: replay.path } : {}),
      },
    );
    runs += details.numRuns;
    const hostname = details.counterexample?.[0];
    if (!details.failed || hostname === undefined) continue;
    const verdict = memberZone(hostname, oracle);
    findings.push({
      kind: verdict === undefined ? 'over-match' : 'evasion',
      hostname,
      example_event: eventFor(hostname),
      property,
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      ...(verdict === undefined ? {} : { zone: verdict }),
    });
  }
  return {
    evasions: findings.filter((f) => f.kind === 'evasion'),
    overmatches: findings.filter((f) => f.kind === 'over-match'),
    runs,
  };
}

function memberZone(hostname: string, oracle: DomainOracle): string | undefined {
  const verdict = oracle.judge(hostname);
  return verdict.member ? verdict.zone.name : undefined;
}
