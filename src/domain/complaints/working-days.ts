import { dayNumberOf, instantAt, wallClockOf } from '../calendar';

/** When a Puskesos office opens: a complaint that arrives on a day off starts counting then. */
const OFFICE_OPENS_AT = { hour: 8, minute: 0 };

/** The working calendar of a Puskesos: Monday to Friday, minus the public holidays (`2026-12-25`). */
export interface WorkingCalendar {
  timeZone: string;
  holidays: ReadonlySet<string>;
}

/** Whether the day `day` (days since 1970-01-01) is a working day. */
export function isWorkingDay(day: number, calendar: WorkingCalendar): boolean {
  // 1970-01-01 was a Thursday: (day + 3) % 7 gives 0 for Monday ... 6 for Sunday.
  const weekday = (day + 3) % 7;
  return weekday < 5 && !calendar.holidays.has(isoDateOfDay(day));
}

/**
 * The deadline `days` working days after `start`: the same time of day on the `days`-th working day
 * after it. A complaint that arrives on a weekend or holiday counts from the next working morning, so
 * that "1 working day" never means a Saturday evening to a Monday morning.
 */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  const { timeZone } = calendar;
  let day = dayNumberOf(start, timeZone);
  let { hour, minute } = wallClockOf(start, timeZone);
  if (!isWorkingDay(day, calendar)) {
    while (!isWorkingDay(day, calendar)) day++;
    ({ hour, minute } = OFFICE_OPENS_AT);
  }
  for (let left = days; left > 0;) {
    day++;
    if (isWorkingDay(day, calendar)) left--;
  }
  return instantAt(day, hour, minute, timeZone);
}

/** Whole working days from `from` to `to` (0 when `to` is not later), for "overdue by 2 working days". */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const last = dayNumberOf(to, calendar.timeZone);
  let count = 0;
  for (let day = dayNumberOf(from, calendar.timeZone) + 1; day <= last; day++) {
    if (isWorkingDay(day, calendar)) count++;
  }
  return count;
}

function isoDateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Indonesia's national holidays and collective leave (cuti bersama) for 2026, after the joint decree
 * (SKB 3 Menteri). Dates of Islamic holidays follow the government's calendar and may be moved by
 * a later decree: `PUBLIC_HOLIDAYS` replaces this list.
 */
export const INDONESIAN_HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-01-16',
  '2026-02-17',
  '2026-03-19',
  '2026-03-20',
  '2026-03-23',
  '2026-03-24',
  '2026-04-03',
  '2026-05-01',
  '2026-05-14',
  '2026-05-27',
  '2026-05-31',
  '2026-06-01',
  '2026-06-16',
  '2026-08-17',
  '2026-08-25',
  '2026-12-24',
  '2026-12-25',
] as const;
