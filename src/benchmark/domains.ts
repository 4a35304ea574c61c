/**
 * Registrable domains for realistic hostnames: the domain list shipped by the
 * `email-providers` package (about 8,700 real domains), kept only when the
 * Public Suffix List (through `tldts`) confirms an ICANN suffix and the name
 * is its own registrable domain.
 */

import { createRequire } from 'node:module';
import { parse } from 'tldts';

/** The registrable domains, in the package's order, without duplicates. */
export function loadRegistrableDomains(): string[] {
  const require = createRequire(import.meta.url);
  const list = require('email-providers/all.json') as string[];
  const kept = new Set<string>();
  for (const name of list) {
    const info = parse(name);
    if (info.isIcann === true && info.domain === name && /^[a-z0-9.-]+$/.test(name)) {
      kept.add(name);
    }
  }
  return [...kept];
}
