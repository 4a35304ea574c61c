/**
 * Seeded hostnames for `DestinationHostname`: real registrable domains with
 * generated subdomains, cloud and internal names, near misses of the pattern
 * values, and planted hits at a chosen rate, some of them in mixed case.
 *
 * The hit rate is a target: a planted hostname always contains a pattern
 * value, and other hostnames very rarely do by chance. Benchmarks count the
 * actual hits with the reference matcher instead of trusting the target.
 */

import { COMMON_PREFIXES, randomLabel } from './pattern-sets.js';
import { createRandom, type Random } from './random.js';

/** What the hostname source draws from. */
export interface HostnameOptions {
  readonly seed: number;
  /** Share of hostnames holding a pattern value, 0..1. */
  readonly hitRate: number;
  /** Share of hostnames written in mixed or upper case, 0..1. */
  readonly mixedCase: number;
  /** Registrable domains (see `domains.ts`). */
  readonly domains: readonly string[];
  /** The pattern values that hits are made of. */
  readonly patterns: readonly string[];
}

/** Produces one hostname per call. */
export type HostnameSource = () => string;

const CLOUD = [
  (r: Random) => `ec2-${ipDashes(r)}.compute-1.amazonaws.com`,
  (r: Random) => `${randomLabel(r)}.blob.core.windows.net`,
  (r: Random) => `d${hex(r, 13)}.cloudfront.net`,
  (r: Random) => `${randomLabel(r)}.s3.amazonaws.com`,
  (r: Random) => `${randomLabel(r)}-${hex(r, 6)}.azurewebsites.net`,
];

const INTERNAL = [
  (r: Random) => `ws-${String(r.int(10_000)).padStart(4, '0')}.corp.local`,
  (r: Random) => `dc${String(r.int(20)).padStart(2, '0')}.ad.internal`,
  (r: Random) => `srv-${randomLabel(r)}-${r.int(50)}.prod.internal`,
];

/** Dashed IPv4 digits as in EC2 names. */
function ipDashes(random: Random): string {
  return [0, 0, 0, 0].map(() => random.int(256)).join('-');
}

/** `length` random hexadecimal digits. */
function hex(random: Random, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += random.int(16).toString(16);
  return text;
}

/** An ordinary hostname under a real registrable domain. */
function webHost(random: Random, domains: readonly string[]): string {
  const domain = random.pick(domains);
  const choice = random.int(4);
  if (choice === 0) return domain;
  if (choice === 1) return `${random.pick(COMMON_PREFIXES)}.${domain}`;
  return `${randomLabel(random)}.${domain}`;
}

/** A hostname sharing a prefix or a suffix with a pattern value. */
function nearMiss(random: Random, value: string): string {
  const labels = value.split('.');
  if (random.int(2) === 0) return [randomLabel(random), ...labels.slice(1)].join('.');
  return [...labels.slice(0, -1), 'example'].join('.');
}

/** Upper-cases the whole name or some of its letters. */
function recase(random: Random, host: string): string {
  if (random.int(3) === 0) return host.toUpperCase();
  let text = '';
  for (const char of host) text += random.int(2) === 0 ? char.toUpperCase() : char;
  return text;
}

/** A source of hostnames, reproducible from `options.seed`. */
export function createHostnameSource(options: HostnameOptions): HostnameSource {
  const random = createRandom(options.seed);
  const { domains, patterns } = options;
  const miss = (): string => {
    const kind = random.int(20);
    if (kind < 12) return webHost(random, domains);
    if (kind < 15) return random.pick(CLOUD)(random);
    if (kind < 18) return random.pick(INTERNAL)(random);
    return patterns.length > 0
      ? nearMiss(random, random.pick(patterns))
      : webHost(random, domains);
  };
  return () => {
    const hit = patterns.length > 0 && random.next() < options.hitRate;
    const value = hit ? random.pick(patterns) : '';
    const host = hit
      ? random.int(2) === 0
        ? value
        : `${randomLabel(random)}.${value}`
      : miss();
    return random.next() < options.mixedCase ? recase(random, host) : host;
  };
}

/** `count` hostnames from a new source. */
export function generateHostnames(count: number, options: HostnameOptions): string[] {
  const next = createHostnameSource(options);
  return Array.from({ length: count }, next);
}
