/** Calendar arithmetic in the program's time zones (WIB by default), without a date library. */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A local date with the time of day, as the wall clocks of a time zone show it. */
export interface WallClock extends LocalDate {
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** What the clocks in `timeZone` show at `instant`; one cached formatter per zone serves every caller. */
export function wallClockOf(instant: Date, timeZone: string): WallClock {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(instant).map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

/** The calendar date at `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallClockOf(instant, timeZone);
  return { year, month, day };
}

/** ISO-8601 week (`2026-W48`) that contains `instant` in `timeZone`; weeks start on Monday. */
export function isoWeekOf(instant: Date, timeZone: string): string {
  const { year, month, day } = localDateOf(instant, timeZone);
  return isoWeekOfUtcDay(new Date(Date.UTC(year, month - 1, day)));
}

/** The ISO week of a calendar date given as its UTC midnight (changed in place). */
function isoWeekOfUtcDay(date: Date): string {
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides which year the week belongs to.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const january1 = new Date(date);
  // Not Date.UTC(weekYear, 0, 1), which reads the years 0 to 99 as 1900 to 1999: 1/1/0100 is in 99-W52.
  january1.setUTCMonth(0, 1);
  const week = Math.ceil(((date.getTime() - january1.getTime()) / DAY_MS + 1) / 7);
  return isoWeekName(weekYear, week);
}

/** The ISO week that holds a calendar date (no time of day, so no time zone). */
export const isoWeekOfDate = (date: LocalDate): string => isoWeekOf(utcMidnight(date), 'UTC');

/** `2026-W48` for week 48 of 2026, whether or not that week exists. */
export const isoWeekName = (year: number, week: number): string =>
  `${year}-W${String(week).padStart(2, '0')}`;

/** Whether that year has that week: week 53 exists only in some years. */
export function isoWeekExists(year: number, week: number): boolean {
  if (week < 1 || week > 53) return false;
  const name = isoWeekName(year, week);
  // Otherwise the Monday of week 53 lies in week 1 of the next year.
  return isoWeekOf(mondayOfIsoWeek(name), 'UTC') === name;
}

const utcMidnight = (date: LocalDate) => new Date(Date.UTC(date.year, date.month - 1, date.day));

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(utcMidnight(date).getTime() + days * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

export function isRealDate(date: LocalDate): boolean {
  if (!Number.isInteger(date.month) || date.month < 1 || date.month > 12 || date.day < 1) return false;
  return date.day <= new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
}

/** Adds whole calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}

export const ISO_WEEK_PATTERN = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** The Monday (UTC midnight) of an ISO week `2026-W48`. */
export function mondayOfIsoWeek(isoWeek: string): Date {
  const match = /^(\d{1,4})-W(\d{2})$/.exec(isoWeek);
  if (!match) throw new Error(`not an ISO week: ${isoWeek}`);
  const january4 = new Date(Date.UTC(2000, 0, 4));
  january4.setUTCFullYear(Number(match[1]));
  const monday = new Date(january4);
  monday.setUTCDate(january4.getUTCDate() - ((january4.getUTCDay() || 7) - 1) + (Number(match[2]) - 1) * 7);
  return monday;
}

/** Whole weeks from `earlier` to `later` (negative when `earlier` is in fact later). */
export function weeksBetween(earlier: string, later: string): number {
  return (mondayOfIsoWeek(later).getTime() - mondayOfIsoWeek(earlier).getTime()) / (7 * DAY_MS);
}

/** The ISO week `weeks` weeks after (or before, when negative) `isoWeek`. */
export function shiftIsoWeek(isoWeek: string, weeks: number): string {
  const monday = mondayOfIsoWeek(isoWeek);
  monday.setUTCDate(monday.getUTCDate() + weeks * 7);
  // Already a calendar date: no time zone to look up (digests shift weeks thousands of times).
  return isoWeekOfUtcDay(monday);
}

/** Days since 1970-01-01 of the calendar date at `instant` in `timeZone`. */
export function dayNumberOf(instant: Date, timeZone: string): number {
  const { year, month, day } = localDateOf(instant, timeZone);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The instant when the clocks in `timeZone` show `hour:minute` on that day. */
export function instantAt(day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = day * DAY_MS + (hour * 60 + minute) * 60_000;
  const guess = wall - offsetAt(wall, timeZone);
  // A second look settles days when the offset changes (daylight saving time in other zones).
  return new Date(wall - offsetAt(guess, timeZone));
}

/** How far the wall clocks of `timeZone` are ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const { year, month, day, hour, minute } = wallClockOf(new Date(instant), timeZone);
  return Date.UTC(year, month - 1, day, hour, minute) - (instant - (instant % 60_000));
}

/** When the local time `at` (weekday 0 = Monday) falls in ISO week `week`, in `timeZone`. */
export function instantInWeek(
  week: string,
  at: { weekday: number; hour: number; minute: number },
  timeZone: string,
): Date {
  const monday = dayNumberOf(mondayOfIsoWeek(week), 'UTC');
  return instantAt(monday + at.weekday, at.hour, at.minute, timeZone);
}

/** A Map, not an object: `constructor` or `__proto__` typed in chat must not find anything. */
const MONTHS = new Map<string, number>();
const MONTH_NAMES: string[][] = [
  ['januari', 'jan', 'january'],
  ['februari', 'feb', 'pebruari', 'peb', 'february'],
  ['maret', 'mar', 'march'],
  ['april', 'apr'],
  ['mei', 'may'],
  ['juni', 'jun', 'june'],
  ['juli', 'jul', 'july'],
  ['agustus', 'agu', 'agt', 'ags', 'agst', 'aug', 'august'],
  ['september', 'sep', 'sept'],
  ['oktober', 'okt', 'oct', 'october'],
  ['november', 'nov', 'nopember', 'nop'],
  ['desember', 'des', 'dec', 'december'],
];
MONTH_NAMES.forEach((names, index) => names.forEach((name) => MONTHS.set(name, index + 1)));

/** 1..12 for a month name or its short form (lower case), in Indonesian or English. */
export const monthNumber = (name: string): number | undefined => MONTHS.get(name);
