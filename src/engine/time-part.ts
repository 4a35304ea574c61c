/**
 * The date-part modifiers `minute`, `hour`, `day`, `week`, `month` and
 * `year`: the event value is read as an ISO 8601 date and time, and the
 * part is taken as written, with no time zone conversion. `week` is the
 * ISO 8601 week number. A value that is not such a date does not match.
 */

/** The date-part modifier names. */
export const TIME_PARTS = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;

/** A date-part modifier name. */
export type TimePart = (typeof TIME_PARTS)[number];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;

/** The part of a date string, or undefined when it is not a date. */
export function timePart(value: string, part: TimePart): number | undefined {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return undefined;
  const [, year = 0, month = 0, day = 0, hour = 0, minute = 0] = match.map(Number);
  switch (part) {
    case 'year':
      return year;
    case 'month':
      return month;
    case 'day':
      return day;
    case 'hour':
      return match[4] === undefined ? undefined : hour;
    case 'minute':
      return match[5] === undefined ? undefined : minute;
    case 'week':
      return isoWeek(year, month, day);
  }
}

function isoWeek(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
}
