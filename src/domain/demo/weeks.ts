import { dayNumberOf, isoWeekOf } from '../calendar';

export { dayNumberOf, instantAt } from '../calendar';

/**
 * Calendar days as whole numbers (days since 1970-01-01), which makes "the Monday of that week" and
 * "eight weeks back" plain arithmetic.
 */
const DAY_MS = 86_400_000;

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
