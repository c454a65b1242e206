import { isoWeekOf, localDateOf } from '../calendar';

/**
 * Calendar days as whole numbers (days since 1970-01-01), which makes "the Monday of that week" and
 * "eight weeks back" plain arithmetic.
 */
const DAY_MS = 86_400_000;

export function dayNumberOf(instant: Date, timeZone: string): number {
  const { year, month, day } = localDateOf(instant, timeZone);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Midnight UTC of that calendar day: how the project stores a date without a time (grant dates). */
export function calendarDate(day: number): Date {
  return new Date(day * DAY_MS);
}

export function mondayOf(day: number): number {
  const weekday = calendarDate(day).getUTCDay() || 7;
  return day - weekday + 1;
}

export interface ReportingWeek {
  /** `2026-W48` */
  week: string;
  monday: number;
}

/** The last `count` ISO weeks, oldest first, ending with the week that holds `today` in `timeZone`. */
export function reportingWeeks(today: Date, timeZone: string, count: number): ReportingWeek[] {
  const thisMonday = mondayOf(dayNumberOf(today, timeZone));
  return Array.from({ length: count }, (_, index) => {
    const monday = thisMonday - 7 * (count - 1 - index);
    return { week: isoWeekOf(calendarDate(monday), 'UTC'), monday };
  });
}

/** The instant when the clocks in `timeZone` show `hour:minute` on that day. */
export function instantAt(day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = day * DAY_MS + (hour * 60 + minute) * 60_000;
  const guess = wall - offsetAt(wall, timeZone);
  // A second look settles days when the offset changes (daylight saving time in other zones).
  return new Date(wall - offsetAt(guess, timeZone));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far the wall clocks of `timeZone` are ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
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
    formatter.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]),
  );
  const shown = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
  );
  return shown - (instant - (instant % 60_000));
}
