/**
 * Zones: what a hostname rule means to detect, as a list of DNS names.
 *
 * A zone is a DNS name with a match kind:
 * - `host`: the name itself and every name below it
 *   (`tunnel.eu.ngrok.com`, `a.b.tunnel.eu.ngrok.com`);
 * - `below`: names strictly below the name, not the name itself; meant for
 *   public suffixes whose every child is a customer endpoint (`ngrok.app`).
 *
 * Zones are grouped in zone sets, one per thing a rule may mean to detect
 * (the ngrok agent's hosts, ngrok's managed endpoints). The ngrok zone sets
 * ship in `zones/ngrok.yml`; `--zones FILE` reads another file of the same
 * shape.
 */

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** How a zone's name covers hostnames. */
export type ZoneMatch = 'host' | 'below';

/** One zone: a DNS name and how it covers hostnames. */
export interface Zone {
  /** Lowercase DNS name without a trailing dot. */
  readonly name: string;
  readonly match: ZoneMatch;
}

/** A named group of zones: what one kind of rule means to detect. */
export interface ZoneSet {
  readonly name: string;
  readonly description: string;
  readonly zones: readonly Zone[];
}

/** Zone sets read from a file, or why the file is unusable. */
export type ZonesLoad =
  | { readonly ok: true; readonly zoneSets: readonly ZoneSet[] }
  | { readonly ok: false; readonly message: string };

/**
 * Path of the shipped ngrok zone list: beside this module when run from the
 * sources, under the package's `src/` when run from the build (`dist/`).
 */
export const NGROK_ZONES_FILE = ['./zones/ngrok.yml', '../../../src/fuzz/zones/ngrok.yml']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .reduce((found, path) => (existsSync(found) ? found : path));

const NAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/;

/** Reads and checks a zones file (YAML, see `zones/ngrok.yml`). */
export async function loadZones(path: string = NGROK_ZONES_FILE): Promise<ZonesLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `${path}: cannot read zones file: ${reason}` };
  }
  return parseZones(text, path);
}

/** Parses the text of a zones file read from `path`. */
export function parseZones(text: string, path: string): ZonesLoad {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `${path}: not YAML: ${reason}` };
  }
  const sets = (document as { zone_sets?: unknown } | null)?.zone_sets;
  if (!Array.isArray(sets) || sets.length === 0) {
    return { ok: false, message: `${path}: expected a non-empty 'zone_sets' list` };
  }
  const zoneSets: ZoneSet[] = [];
  for (const [index, raw] of sets.entries()) {
    const set = readZoneSet(raw);
    if (typeof set === 'string') {
      return { ok: false, message: `${path}: zone_sets[${index}]: ${set}` };
    }
    zoneSets.push(set);
  }
  return { ok: true, zoneSets };
}

function readZoneSet(raw: unknown): ZoneSet | string {
  const set = raw as { name?: unknown; description?: unknown; zones?: unknown };
  if (typeof set?.name !== 'string') return `'name' must be a string`;
  if (!Array.isArray(set.zones) || set.zones.length === 0) {
    return `'zones' must be a non-empty list`;
  }
  const zones: Zone[] = [];
  for (const entry of set.zones as unknown[]) {
    const zone = entry as { name?: unknown; match?: unknown };
    const name = typeof zone?.name === 'string' ? zone.name.toLowerCase() : '';
    if (!NAME.test(name)) return `zone '${String(zone?.name)}' is not a DNS name`;
    if (zone.match !== 'host' && zone.match !== 'below') {
      return `zone '${name}': 'match' must be 'host' or 'below'`;
    }
    zones.push({ name, match: zone.match });
  }
  const description = typeof set.description === 'string' ? set.description : '';
  return { name: set.name, description, zones };
}
