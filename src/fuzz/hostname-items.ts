/**
 * Finding a rule's hostname items: the detection items whose values name
 * hosts of some zone set. Their fields are where the fuzzer puts generated
 * hostnames, their values are the seeds of near misses, and the zone sets
 * they mention are what the oracle judges the rule against.
 */

import type { DetectionItem, DetectionNode, SigmaRule } from '../rule/model.js';
import { parseSigmaString, plainText } from '../engine/sigma-string.js';
import type { ZoneSet } from './zones.js';

/** What a rule says about hostnames. */
export interface HostnameItems {
  /** Fields of the hostname items, in rule order, without repeats. */
  readonly fields: readonly string[];
  /** The hostname texts of their values: lowercase, wildcards and edge dots cut. */
  readonly indicators: readonly string[];
  /** The zone sets whose zones the values mention. */
  readonly zoneSets: readonly ZoneSet[];
}

/** Collects the hostname items of `rule` against the known zone sets. */
export function findHostnameItems(
  rule: SigmaRule,
  zoneSets: readonly ZoneSet[],
): HostnameItems {
  const fields = new Set<string>();
  const indicators = new Set<string>();
  const mentioned = new Set<ZoneSet>();
  for (const item of detectionItems(rule)) {
    if (item.field === null || item.modifiers.includes('re')) continue;
    for (const value of item.values) {
      if (typeof value !== 'string') continue;
      const text = hostnameText(value);
      const sets = zoneSets.filter((set) => mentions(text, set));
      if (sets.length === 0) continue;
      sets.forEach((set) => mentioned.add(set));
      fields.add(item.field);
      indicators.add(text);
    }
  }
  return {
    fields: [...fields],
    indicators: [...indicators],
    zoneSets: zoneSets.filter((set) => mentioned.has(set)),
  };
}

/** Every detection item of a rule, in rule order. */
export function detectionItems(rule: SigmaRule): DetectionItem[] {
  const items: DetectionItem[] = [];
  const visit = (node: DetectionNode): void => {
    if (node.kind === 'item') items.push(node);
    else node.items.forEach(visit);
  };
  rule.detection.searchIdentifiers.forEach((search) => visit(search.definition));
  return items;
}

function hostnameText(value: string): string {
  const pieces = parseSigmaString(value).filter((token) => token.type === 'literal');
  const longest = pieces
    .map((token) => plainText([token]))
    .reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest.toLowerCase().replace(/^\.+|\.+$/g, '');
}

/**
 * True when a hostname text names a host of the set: it holds a zone's
 * registrable part (`ngrok.com` in `tunnel.us.ngrok.com`), or it is a
 * dotted piece of a zone's name (`ngrok.io`).
 */
function mentions(text: string, set: ZoneSet): boolean {
  if (!text.includes('.')) return false;
  return set.zones.some((zone) => {
    const core = zone.name.split('.').slice(-2).join('.');
    return text.includes(core) || zone.name.includes(text);
  });
}
