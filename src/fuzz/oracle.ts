/**
 * The domain oracle: does a hostname belong to a zone set? It decides by
 * domain structure, label by label, never by substrings.
 *
 * A hostname is first normalised the way DNS compares names: ASCII letters
 * lowercased, one trailing dot (the root) dropped. It must then be a
 * well-formed name: labels of 1 to 63 characters from `a-z 0-9 - _`, at
 * most 253 characters, not an IP address. Anything else (empty labels,
 * spaces, ports, URLs, non-ASCII look-alikes not in punycode) belongs to no
 * zone: a resolver would not send it to the zone's servers. The Public
 * Suffix List (`tldts`, private section included) gives the registrable
 * domain, so `tunnel.us.ngrok.com.evil.com` is seen as a name under
 * `evil.com`, and a `below` zone must be a public suffix whose children are
 * separate registrable domains (checked by `zoneProblems`).
 */

import { parse } from 'tldts';
import type { Zone, ZoneSet } from './zones.js';

/** The oracle's verdict on one hostname. */
export type OracleVerdict =
  | { readonly member: true; readonly zone: Zone }
  | { readonly member: false; readonly reason: 'malformed' | 'ip' | 'outside' };

const LABEL = /^[a-z0-9_-]{1,63}$/;
const MAX_NAME = 253;

/** Lowercases ASCII letters and drops one trailing dot. */
export function normaliseHostname(hostname: string): string {
  const lower = hostname.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** True when a normalised name is a well-formed DNS hostname. */
export function isWellFormed(name: string): boolean {
  if (name.length === 0 || name.length > MAX_NAME) return false;
  return name.split('.').every((label) => LABEL.test(label));
}

/** Judges hostnames against zone sets. */
export interface DomainOracle {
  /** The verdict on `hostname`: a member of the first zone that covers it. */
  judge(hostname: string): OracleVerdict;
}

/** Builds the oracle of `zoneSets` (a name in any of them is a member). */
export function createOracle(zoneSets: readonly ZoneSet[]): DomainOracle {
  const zones = zoneSets.flatMap((set) =>
    set.zones.map((zone) => ({ zone, domain: parseName(zone.name).domain })),
  );
  return {
    judge(hostname) {
      const name = normaliseHostname(hostname);
      if (!isWellFormed(name)) return { member: false, reason: 'malformed' };
      const parsed = parseName(name);
      if (parsed.isIp) return { member: false, reason: 'ip' };
      const found = zones.find((z) => inZone(name, parsed.domain, z.zone, z.domain));
      return found
        ? { member: true, zone: found.zone }
        : { member: false, reason: 'outside' };
    },
  };
}

/** True when `name`, under registrable domain `domain`, is in `zone`. */
function inZone(
  name: string,
  domain: string | null,
  zone: Zone,
  zoneDomain: string | null,
): boolean {
  const below = name.endsWith(`.${zone.name}`);
  if (zone.match === 'below') return below;
  return domain === zoneDomain && (name === zone.name || below);
}

function parseName(name: string): ReturnType<typeof parse> {
  return parse(name, { allowPrivateDomains: true, extractHostname: false });
}

/**
 * Problems with a zone set's zones: a `below` zone that is not a public
 * suffix (its children would not be separate endpoints), a `host` zone
 * with no registrable domain.
 */
export function zoneProblems(zoneSet: ZoneSet): string[] {
  const problems: string[] = [];
  for (const zone of zoneSet.zones) {
    const parsed = parseName(zone.name);
    if (zone.match === 'below' && parsed.publicSuffix !== zone.name) {
      problems.push(`'${zone.name}' is not on the Public Suffix List`);
    }
    if (zone.match === 'host' && parsed.domain === null) {
      problems.push(`'${zone.name}' has no registrable domain`);
    }
  }
  return problems;
}
