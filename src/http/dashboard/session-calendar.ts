import { dayNumberOf, instantAt } from '../../domain/calendar';

/** A month in the address of the calendar view: `2026-12`. */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

const DAY_MS = 86_400_000;

export interface CalendarDay<T> {
  /** `2026-12-03`, the program's local date. */
  date: string;
  day: number;
  /** False for the days of the months before and after that fill the first and last weeks. */
  inMonth: boolean;
  today: boolean;
  items: T[];
}

export interface MonthGrid<T> {
  month: string;
  previous: string;
  next: string;
  /** Weeks from Monday to Sunday, as calendars in Indonesia are printed. */
  weeks: CalendarDay<T>[][];
  /** The first instant of the grid's first day and of the day after its last, for the query. */
  from: Date;
  to: Date;
}

const pad = (value: number) => String(value).padStart(2, '0');
const dateOfDayNumber = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The month (`2026-12`) the program's clocks show at `instant`. */
export function monthOf(instant: Date, timeZone: string): string {
  return dateOfDayNumber(dayNumberOf(instant, timeZone)).slice(0, 7);
}

/** The month `months` after (before, when negative) `month`. */
export function shiftMonth(month: string, months: number): string {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`not a month: ${month}`);
  const shifted = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1 + months, 1));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}`;
}

/** Days of a grid (whole weeks, Monday first) that show `month`: its first and last day numbers. */
function gridDays(month: string): { first: number; last: number } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`not a month: ${month}`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  const firstOfMonth = Date.UTC(year, index, 1) / DAY_MS;
  const lastOfMonth = Date.UTC(year, index + 1, 0) / DAY_MS;
  // 1970-01-01 was a Thursday: day number + 3 is 0 on a Monday.
  const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;
  return { first: firstOfMonth - weekday(firstOfMonth), last: lastOfMonth + 6 - weekday(lastOfMonth) };
}

/**
 * A month as a printed calendar: whole weeks from Monday, each day with what happens on it in the
 * program's time zone (a session at 06.00 WIB on the 1st is on the 1st, though it is the 30th in UTC).
 */
export function monthGrid<T extends { startsAt: Date }>(
  month: string,
  items: readonly T[],
  timeZone: string,
  now?: Date,
): MonthGrid<T> {
  const { first, last } = gridDays(month);
  const today = now ? dayNumberOf(now, timeZone) : undefined;
  const byDay = new Map<number, T[]>();
  for (const item of [...items].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const day = dayNumberOf(item.startsAt, timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  const weeks: CalendarDay<T>[][] = [];
  for (let monday = first; monday <= last; monday += 7) {
    weeks.push(
      Array.from({ length: 7 }, (_, offset) => {
        const day = monday + offset;
        const date = dateOfDayNumber(day);
        return {
          date,
          day: Number(date.slice(8)),
          inMonth: date.startsWith(month),
          today: day === today,
          items: byDay.get(day) ?? [],
        };
      }),
    );
  }
  return {
    month,
    previous: shiftMonth(month, -1),
    next: shiftMonth(month, 1),
    weeks,
    from: instantAt(first, 0, 0, timeZone),
    to: instantAt(last + 1, 0, 0, timeZone),
  };
}
