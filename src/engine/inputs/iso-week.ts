import { isoWeekOf, type LocalDate } from '../../domain/calendar';

/** Week arithmetic on calendar dates (no time of day, so no time zone), built on isoWeekOf. */

const DAY = 86_400_000;

const utc = (date: LocalDate) => new Date(Date.UTC(date.year, date.month - 1, date.day));

export const weekOfDate = (date: LocalDate): string => isoWeekOf(utc(date), 'UTC');

export const isoWeekName = (year: number, week: number): string =>
  `${year}-W${String(week).padStart(2, '0')}`;

export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(utc(date).getTime() + days * DAY);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

export function isRealDate(date: LocalDate): boolean {
  if (!Number.isInteger(date.month) || date.month < 1 || date.month > 12 || date.day < 1) return false;
  return date.day <= new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
}

/** The Monday of an ISO week as whole days since 1970, or `undefined` for `2026-W54`. */
export function mondayOf(year: number, week: number): number | undefined {
  if (week < 1 || week > 53) return undefined;
  const january4 = new Date(Date.UTC(year, 0, 4));
  const monday = january4.getTime() / DAY - ((january4.getUTCDay() || 7) - 1) + (week - 1) * 7;
  // Week 53 exists only in some years: otherwise its Monday lies in week 1 of the next.
  return isoWeekOf(new Date(monday * DAY), 'UTC') === isoWeekName(year, week) ? monday : undefined;
}

/** Whole weeks from `earlier` to `later` (negative when `earlier` is in fact later). */
export function weeksBetween(earlier: string, later: string): number {
  return (mondayOfName(later) - mondayOfName(earlier)) / 7;
}

function mondayOfName(isoWeek: string): number {
  const [year, week] = isoWeek.split('-W').map(Number);
  return mondayOf(year ?? 0, week ?? 0) ?? Number.NaN;
}
