import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../src/events/event.js';
import { flattenWindowsEvent, isWindowsXmlEvent } from '../../src/events/windows.js';
import { readAll, readText } from './helpers.js';

const CORPUS = join(
  process.cwd(),
  '..',
  'shared',
  'corpus',
  'sigmahq',
  'regression_data',
);
const REGRESSION_FILE = join(
  CORPUS,
  'rules/windows/process_creation/proc_creation_win_findstr_security_keyword_lookup',
  '4fe074b4-b833-4081-8f24-7dcfeca72b42.json',
);
const hasCorpus = existsSync(REGRESSION_FILE);

function xmlEvent(
  system: LogEvent,
  eventData?: LogEvent,
  extra: LogEvent = {},
): LogEvent {
  const event: LogEvent = { '#attributes': { xmlns: 'x' }, System: system };
  if (eventData !== undefined) event.EventData = eventData;
  return { Event: { ...event, ...extra } };
}

const SYSTEM: LogEvent = {
  Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon', Guid: '{5770}' } },
  EventID: 1,
  Level: 4,
  Keywords: '0x8000000000000000',
  TimeCreated: { '#attributes': { SystemTime: '2025-12-25T14:30:27Z' } },
  EventRecordID: 16094,
  Correlation: null,
  Execution: { '#attributes': { ProcessID: 3208, ThreadID: 1724 } },
  Channel: 'Microsoft-Windows-Sysmon/Operational',
  Computer: 'host',
  Security: { '#attributes': { UserID: 'S-1-5-18' } },
};

describe('flattenWindowsEvent', () => {
  it('brings System and EventData fields to the top level', () => {
    const flat = flattenWindowsEvent(
      xmlEvent(SYSTEM, { Image: 'C:\\x.exe', ProcessId: 7 }),
    );
    expect(flat).toEqual({
      Provider_Name: 'Microsoft-Windows-Sysmon',
      Provider_Guid: '{5770}',
      EventID: 1,
      Level: 4,
      Keywords: '0x8000000000000000',
      TimeCreated_SystemTime: '2025-12-25T14:30:27Z',
      EventRecordID: 16094,
      Execution_ProcessID: 3208,
      Execution_ThreadID: 1724,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'host',
      Security_UserID: 'S-1-5-18',
      Image: 'C:\\x.exe',
      ProcessId: 7,
    });
  });

  it('lets System win a collision and keeps the EventData value aside', () => {
    const flat = flattenWindowsEvent(
      xmlEvent(SYSTEM, { Channel: 'spoofed', EventID: 99 }),
    );
    expect(flat.Channel).toBe('Microsoft-Windows-Sysmon/Operational');
    expect(flat.EventID).toBe(1);
    expect(flat.EventData_Channel).toBe('spoofed');
    expect(flat.EventData_EventID).toBe(99);
  });

  it('reads #text elements, digit-string EventIDs and named Data lists', () => {
    const system = { EventID: { '#text': '4688', '#attributes': { Qualifiers: 0 } } };
    const data = {
      Data: [
        { '#attributes': { Name: 'NewProcessName' }, '#text': 'C:\\a.exe' },
        { '#attributes': { Name: 'CommandLine' }, '#text': 'a -x' },
      ],
    };
    const flat = flattenWindowsEvent(xmlEvent(system, data));
    expect(flat).toEqual({
      EventID: 4688,
      EventID_Qualifiers: 0,
      NewProcessName: 'C:\\a.exe',
      CommandLine: 'a -x',
    });
  });

  it('keeps unnamed Data, EventData attributes, UserData and other top-level keys', () => {
    const userData = {
      LogFileCleared: { '#attributes': { xmlns: 'y' }, SubjectUserName: 'bob' },
    };
    const event = xmlEvent(
      { EventID: 104 },
      { '#attributes': { Name: 'T' }, Data: ['a', 'b'] },
      {
        UserData: userData,
      },
    );
    const flat = flattenWindowsEvent({ ...event, source: 'file1' });
    expect(flat).toEqual({
      EventID: 104,
      EventData_Name: 'T',
      Data: ['a', 'b'],
      SubjectUserName: 'bob',
      source: 'file1',
    });
  });

  it('also names data written with spaces without them', () => {
    const data = { 'Threat Name': 'EICAR', 'Process Name': 'a.exe', ProcessName: 'kept' };
    const flat = flattenWindowsEvent(xmlEvent({ EventID: 1116 }, data));
    expect(flat).toEqual({
      EventID: 1116,
      'Threat Name': 'EICAR',
      ThreatName: 'EICAR',
      'Process Name': 'a.exe',
      ProcessName: 'kept',
    });
  });

  it('recognises only the Event.System layout', () => {
    expect(isWindowsXmlEvent(xmlEvent(SYSTEM))).toBe(true);
    expect(isWindowsXmlEvent({ Event: 'x', EventID: 1 })).toBe(false);
    expect(isWindowsXmlEvent({ EventID: 1, Channel: 'Security' })).toBe(false);
  });

  it('keeps a `__proto__` field as plain data', () => {
    const text = '{"Event":{"System":{"EventID":1},"EventData":{"__proto__":"x"}}}';
    const flat = flattenWindowsEvent(JSON.parse(text) as LogEvent);
    expect(Object.getPrototypeOf(flat)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(flat, '__proto__')?.value).toBe('x');
  });
});

describe('readEvents and Windows layout', () => {
  it('flattens by default, not when turned off, and leaves flat events alone', async () => {
    const line = JSON.stringify(xmlEvent(SYSTEM, { Image: 'i' }));
    const flatLine = JSON.stringify({ EventID: 1, Channel: 'c', Event: 'not a layout' });
    const text = `${line}\n${flatLine}\n`;
    const [first, second] = await readText(text);
    expect(first?.kind === 'event' && first.event.Image).toBe('i');
    expect(second?.kind === 'event' && second.event).toEqual(JSON.parse(flatLine));
    const raw = await readAll('-', {
      stdin: (async function* () {
        await Promise.resolve();
        yield Buffer.from(text);
      })(),
      flattenWindows: false,
    });
    expect(raw[0]?.kind === 'event' && raw[0].event).toEqual(JSON.parse(line));
  });

  it.skipIf(!hasCorpus)(
    'flattens a SigmaHQ regression_data file (several objects)',
    async () => {
      const items = await readAll(REGRESSION_FILE);
      expect(items.length).toBeGreaterThan(1);
      for (const item of items) {
        if (item.kind !== 'event')
          throw new Error(`read error ${item.line}:${item.column}`);
        expect(item.event.Event).toBeUndefined();
        expect(item.event.EventID).toBe(1);
        expect(item.event.Channel).toBe('Microsoft-Windows-Sysmon/Operational');
        expect(item.event.Provider_Name).toBe('Microsoft-Windows-Sysmon');
        expect(typeof item.event.Image).toBe('string');
        expect(typeof item.event.CommandLine).toBe('string');
      }
      expect(items.map((item) => item.kind === 'event' && item.index)).toEqual(
        items.map((_, i) => i),
      );
    },
  );

  it.runIf(!hasCorpus)('skips the regression_data check: corpus missing', () => {
    console.warn(
      `corpus missing: ${REGRESSION_FILE} not found; regression check skipped`,
    );
  });
});
