/**
 * Seeded, streaming `network_connection` events with Sysmon (event ID 3)
 * field names. Hostnames come from `hostnames.ts`; everything else is drawn
 * from small realistic pools. Events are produced one at a time, so any
 * count can be generated in constant memory.
 */

import type { LogEvent } from '../events/event.js';
import { createHostnameSource, type HostnameOptions } from './hostnames.js';
import { createRandom, type Random } from './random.js';

const IMAGES = [
  'C:\\Windows\\System32\\svchost.exe',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
  'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  'C:\\Users\\alice\\AppData\\Local\\Temp\\ngrok.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];
const USERS = [
  'NT AUTHORITY\\SYSTEM',
  'CORP\\alice',
  'CORP\\bob',
  'NT AUTHORITY\\NETWORK SERVICE',
];
const PORTS = [443, 443, 443, 80, 53, 8080, 22, 3389];

/** Options of the event generator. */
export type EventOptions = HostnameOptions;

/** A random IPv4 address. */
function ipv4(random: Random): string {
  return [
    10 + random.int(200),
    random.int(256),
    random.int(256),
    1 + random.int(254),
  ].join('.');
}

/** A GUID-shaped string. */
function guid(random: Random): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => random.int(16).toString(16)).join('');
  return `{${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}}`;
}

/** Yields `count` events; the same options always give the same events. */
export function* generateEvents(
  count: number,
  options: EventOptions,
): Generator<LogEvent> {
  const random = createRandom(options.seed ^ 0x5eed);
  const hostname = createHostnameSource(options);
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const port = random.pick(PORTS);
    yield {
      EventID: 3,
      UtcTime: new Date(start + i * 37).toISOString().replace('T', ' ').slice(0, 23),
      ProcessGuid: guid(random),
      ProcessId: 100 + random.int(20_000),
      Image: random.pick(IMAGES),
      User: random.pick(USERS),
      Protocol: port === 53 ? 'udp' : 'tcp',
      Initiated: 'true',
      SourceIsIpv6: 'false',
      SourceIp: ipv4(random),
      SourcePort: 49152 + random.int(16_000),
      DestinationIsIpv6: 'false',
      DestinationIp: ipv4(random),
      DestinationHostname: hostname(),
      DestinationPort: port,
    };
  }
}
