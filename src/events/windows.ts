/**
 * Flattening Windows events from the XML-shaped JSON layout (as evtx
 * converters write it) into the flat field names Sigma rules use.
 *
 * The layout: `{"Event": {"System": {...}, "EventData": {...}}}`, with XML
 * attributes under `#attributes` and element text under `#text`. The flat
 * event holds, in this order of precedence:
 *
 * 1. `System` fields. An element with a plain value keeps its name
 *    (`EventID`, `Channel`, `Computer`, `Level`, `Task`, `Keywords`,
 *    `EventRecordID`, ...). An element's attributes become
 *    `<element>_<attribute>`: `Provider_Name`, `Provider_Guid`,
 *    `TimeCreated_SystemTime`, `Execution_ProcessID`, `Execution_ThreadID`,
 *    `Security_UserID`, `Correlation_ActivityID`. An element with `#text`
 *    takes the text as its value. Empty (null) elements are left out.
 *    `EventID` becomes a number when it is written as digits.
 * 2. `EventData` children, under their own names (`Image`, `CommandLine`).
 *    The named-`Data` form (`Data: [{"#attributes": {"Name": n}, "#text": v}]`)
 *    gives one field per name; unnamed `Data` stays `Data`. Attributes of
 *    `EventData` itself become `EventData_<attribute>`.
 * 3. `UserData`: the children of its (usually single) child element.
 * 4. Any other top-level key of the input event, unchanged.
 *
 * Some providers (Microsoft Defender) name their data with spaces
 * (`Threat Name`, `Process Name`) where rules write `ThreatName`: such a
 * field is kept under its own name and also under the name without spaces
 * (unless that name is already taken).
 *
 * Collisions are resolved on purpose: `System` wins, because logsource
 * routing trusts `EventID`, `Channel` and `Provider_Name`, and event data
 * must not be able to change which rules an event reaches. A colliding
 * `EventData` field is kept as `EventData_<name>` (and a `UserData` one as
 * `UserData_<name>`), so no value is lost. The nested `Event` object itself
 * is not kept.
 */

import type { JsonObject, JsonValue, LogEvent } from './event.js';

const ATTRIBUTES = '#attributes';
const TEXT = '#text';

/** True when `event` has the `Event.System` layout that needs flattening. */
export function isWindowsXmlEvent(event: LogEvent): boolean {
  const root = event.Event;
  return isObject(root) && isObject(root.System);
}

/** Flattens an event of the `Event.System` layout as described above. */
export function flattenWindowsEvent(event: LogEvent): LogEvent {
  const root = event.Event;
  if (!isObject(root)) return event;
  const flat: JsonObject = {};
  if (isObject(root.System)) addSystem(flat, root.System);
  if (isObject(root.EventData)) addEventData(flat, root.EventData);
  if (isObject(root.UserData)) addUserData(flat, root.UserData);
  addNamesWithoutSpaces(flat);
  for (const [key, value] of Object.entries(event)) {
    if (key !== 'Event' && !Object.hasOwn(flat, key)) setField(flat, key, value);
  }
  return flat;
}

function addSystem(flat: JsonObject, system: JsonObject): void {
  for (const [name, value] of Object.entries(system)) {
    if (value === null) continue;
    if (!isObject(value)) {
      setField(flat, name, systemValue(name, value));
      continue;
    }
    for (const [child, inner] of Object.entries(value)) {
      if (child === TEXT) setField(flat, name, systemValue(name, inner));
      else if (child === ATTRIBUTES) addPrefixed(flat, name, inner);
      else setField(flat, `${name}_${child}`, inner);
    }
  }
}

function systemValue(name: string, value: JsonValue): JsonValue {
  if (name === 'EventID' && typeof value === 'string' && /^\d{1,15}$/.test(value)) {
    return Number(value);
  }
  return value;
}

function addEventData(flat: JsonObject, data: JsonObject): void {
  for (const [name, value] of Object.entries(data)) {
    if (name === ATTRIBUTES) addPrefixed(flat, 'EventData', value);
    else if (name === 'Data' && isNamedDataList(value)) addNamedData(flat, value);
    else addWithoutOverwrite(flat, 'EventData', name, value);
  }
}

function isNamedDataList(value: JsonValue): value is JsonObject[] {
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every((item) => dataName(item) !== undefined);
}

function dataName(item: JsonValue): string | undefined {
  if (!isObject(item)) return undefined;
  const attributes = item[ATTRIBUTES];
  if (!isObject(attributes)) return undefined;
  const name = attributes.Name;
  return typeof name === 'string' ? name : undefined;
}

function addNamedData(flat: JsonObject, list: readonly JsonObject[]): void {
  for (const item of list) {
    const name = dataName(item);
    if (name !== undefined)
      addWithoutOverwrite(flat, 'EventData', name, item[TEXT] ?? null);
  }
}

function addUserData(flat: JsonObject, userData: JsonObject): void {
  for (const [element, content] of Object.entries(userData)) {
    if (!isObject(content)) {
      addWithoutOverwrite(flat, 'UserData', element, content);
      continue;
    }
    for (const [name, value] of Object.entries(content)) {
      if (name !== ATTRIBUTES) addWithoutOverwrite(flat, 'UserData', name, value);
    }
  }
}

function addPrefixed(flat: JsonObject, prefix: string, attributes: JsonValue): void {
  if (!isObject(attributes)) return;
  for (const [name, value] of Object.entries(attributes)) {
    setField(flat, `${prefix}_${name}`, value);
  }
}

/** Sets `name`, or `<section>_<name>` when a higher-precedence field holds it. */
function addWithoutOverwrite(
  flat: JsonObject,
  section: string,
  name: string,
  value: JsonValue,
): void {
  setField(flat, Object.hasOwn(flat, name) ? `${section}_${name}` : name, value);
}

/** Adds `ThreatName` for `Threat Name` and the like, where the name is free. */
function addNamesWithoutSpaces(flat: JsonObject): void {
  for (const [name, value] of Object.entries(flat)) {
    if (!name.includes(' ')) continue;
    const joined = name.replaceAll(' ', '');
    if (!Object.hasOwn(flat, joined)) setField(flat, joined, value);
  }
}

/** Sets an own property, also for the key `__proto__` (as JSON.parse does). */
function setField(flat: JsonObject, name: string, value: JsonValue): void {
  if (name === '__proto__') {
    Object.defineProperty(flat, name, { value, enumerable: true, writable: true });
  } else {
    flat[name] = value;
  }
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
