/**
 * Pattern sets for the benchmark: the seed rule's seven ngrok hosts, and
 * IOC-like lists of any size built from the same registrable domains as the
 * traffic, so that many of them share prefixes (`www.`, `mail.`, `api.`) and
 * suffixes (`.googleapis.com`-style parents) with hostnames that do not match.
 * Every pattern is a case-insensitive `contains`, like the seed rule.
 */

import type { Pattern } from '../matchers/pattern.js';
import { createRandom, type Random } from './random.js';

/**
 * The `DestinationHostname|contains` values of the seed rule
 * "Communication To Ngrok Tunneling Service Initiated"
 * (id 1d08ac94-400d-4469-a82f-daee9a908849).
 */
export const SEED_HOSTS: readonly string[] = [
  'tunnel.us.ngrok.com',
  'tunnel.eu.ngrok.com',
  'tunnel.ap.ngrok.com',
  'tunnel.au.ngrok.com',
  'tunnel.sa.ngrok.com',
  'tunnel.jp.ngrok.com',
  'tunnel.in.ngrok.com',
];

/** Prefixes shared by IOC entries and ordinary traffic. */
export const COMMON_PREFIXES: readonly string[] = ['www', 'mail', 'api', 'cdn', 'login'];

const WORDS = [
  'secure',
  'update',
  'account',
  'verify',
  'portal',
  'sync',
  'files',
  'auth',
];
const TLDS = ['com', 'net', 'org', 'top', 'xyz', 'ru', 'info', 'io'];

/** A random DNS label of 4 to 11 lower-case letters and digits. */
export function randomLabel(random: Random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const length = 4 + random.int(8);
  let label = '';
  for (let i = 0; i < length; i++) label += alphabet[random.int(alphabet.length)] ?? 'x';
  return label;
}

/** One IOC-like domain, of one of three shapes. */
function iocDomain(random: Random, domains: readonly string[]): string {
  const shape = random.int(10);
  if (shape < 4) return `${randomLabel(random)}.${random.pick(domains)}`;
  if (shape < 7) {
    const brand = random.pick(domains).split('.')[0] ?? 'brand';
    return `${brand}-${random.pick(WORDS)}.${random.pick(TLDS)}`;
  }
  return `${random.pick(COMMON_PREFIXES)}.${randomLabel(random)}.${random.pick(TLDS)}`;
}

/** `count` distinct IOC-like domains, reproducible from `seed`. */
export function iocDomains(
  count: number,
  seed: number,
  domains: readonly string[],
): string[] {
  const random = createRandom(seed);
  const found = new Set<string>();
  while (found.size < count) found.add(iocDomain(random, domains));
  return [...found];
}

/** The values of the pattern set of a size: the seed hosts for 7, IOCs otherwise. */
export function patternValues(count: number, seed: number, domains: readonly string[]) {
  return count === SEED_HOSTS.length ? [...SEED_HOSTS] : iocDomains(count, seed, domains);
}

/** Case-insensitive `contains` patterns for a list of values. */
export function containsPatterns(values: readonly string[]): Pattern[] {
  return values.map((value) => ({ kind: 'contains', value, cased: false }));
}
