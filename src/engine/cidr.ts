/**
 * The `cidr` modifier: IPv4 and IPv6 networks. A network whose address has
 * host bits set (`192.168.1.1/24`) is a rule error, as in pySigma's strict
 * parsing. Addresses are compared as bytes; an IPv4 address never falls in
 * an IPv6 network or the other way round.
 */

import { isIPv4, isIPv6 } from 'node:net';

/** A parsed network. */
export interface Network {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/** The result of parsing a network. */
export type NetworkParse =
  | { readonly ok: true; readonly network: Network }
  | { readonly ok: false; readonly message: string };

/** Parses `address/prefix` (a missing prefix means a single host). */
export function parseNetwork(text: string): NetworkParse {
  const [address = '', prefixText, extra] = text.trim().split('/');
  const bytes = parseAddress(address);
  if (bytes === undefined || extra !== undefined) {
    return { ok: false, message: `'${text}' is not an IPv4 or IPv6 network` };
  }
  const bits = bytes.length * 8;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? String(bits)) || prefix > bits) {
    return { ok: false, message: `'${text}' has an invalid prefix length` };
  }
  if (!hostBitsClear(bytes, prefix)) {
    return { ok: false, message: `'${text}' has host bits set` };
  }
  return { ok: true, network: { bytes, prefix } };
}

/** Parses an IPv4 or IPv6 address into 4 or 16 bytes. */
export function parseAddress(text: string): Uint8Array | undefined {
  if (isIPv4(text)) return new Uint8Array(text.split('.').map(Number));
  if (isIPv6(text)) return parseIPv6(text);
  return undefined;
}

/** True when `address` lies in `network`. */
export function inNetwork(address: Uint8Array, network: Network): boolean {
  if (address.length !== network.bytes.length) return false;
  const full = Math.floor(network.prefix / 8);
  for (let i = 0; i < full; i++) if (address[i] !== network.bytes[i]) return false;
  const rest = network.prefix % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((address[full] as number) & mask) === ((network.bytes[full] as number) & mask);
}

function hostBitsClear(bytes: Uint8Array, prefix: number): boolean {
  for (let bit = prefix; bit < bytes.length * 8; bit++) {
    if (((bytes[bit >> 3] as number) >> (7 - (bit & 7))) & 1) return false;
  }
  return true;
}

function parseIPv6(text: string): Uint8Array {
  const bytes = new Uint8Array(16);
  const zone = text.indexOf('%');
  const plain = zone === -1 ? text : text.slice(0, zone);
  const [head = '', tail] = plain.split('::');
  const headGroups = groups(head);
  const tailGroups = tail === undefined ? [] : groups(tail);
  const words = [
    ...headGroups,
    ...new Array<number>(8 - headGroups.length - tailGroups.length).fill(0),
    ...tailGroups,
  ];
  words.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}

function groups(part: string): number[] {
  if (part === '') return [];
  return part.split(':').flatMap((group) => {
    if (!group.includes('.')) return [parseInt(group, 16)];
    const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
    return [(a << 8) | b, (c << 8) | d];
  });
}
