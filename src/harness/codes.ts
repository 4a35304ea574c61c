/**
 * Diagnostic codes of the fixture harness (`SH6xx`), explained with their
 * fixes in `docs/fixtures.md`. Every one is an error: a fixture that cannot
 * be read is never skipped.
 */
export const FIXTURE_CODES = {
  /** A key has the wrong type, or is not part of the fixture format. */
  SH601: 'fixture schema',
  /** A required key is missing (`rule`, `name`, `event` or `file`). */
  SH602: 'missing key',
  /** A count (`exactly`, `at_least`, `at_most`) is not a valid bound. */
  SH603: 'bad count',
  /** A fixture file or folder holds no case at all. */
  SH604: 'no cases',
  /** A fixture names a rule id or path that no loaded rule has. */
  SH605: 'unknown rule',
  /** An event file is missing, unreadable, or holds input that is not an event. */
  SH606: 'bad event file',
  /** A case has no event, so it would pass without testing anything. */
  SH607: 'no events',
  /** A SigmaHQ `info.yml` does not have the expected layout. */
  SH608: 'bad info.yml',
  /** A logsource mapping named by a case or `--logsource-map` did not load. */
  SH609: 'bad logsource map',
  /** The fixtures folder is missing or unreadable. */
  SH610: 'fixtures folder',
} as const;

/** One of the harness codes. */
export type FixtureCode = keyof typeof FIXTURE_CODES;
