import { instantInWeek, isoWeekOf } from '../domain/calendar';

export { instantInWeek };

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A moment of every week: `saturday 16:00` in the program's time zone. */
export interface WeeklyTime {
  /** 0 = Monday ... 6 = Sunday, as ISO weeks count. */
  weekday: number;
  hour: number;
  minute: number;
}

export function parseWeeklyTime(text: string): WeeklyTime | undefined {
  const match = /^([a-z]+)\s+(\d{1,2}):(\d{2})$/.exec(text.trim().toLowerCase());
  const weekday = WEEKDAYS.indexOf((match?.[1] ?? '') as (typeof WEEKDAYS)[number]);
  const hour = Number(match?.[2]);
  const minute = Number(match?.[3]);
  if (!match || weekday < 0 || hour > 23 || minute > 59) return undefined;
  return { weekday, hour, minute };
}

/** The ISO week whose `at` has passed by `now` (the current week, or undefined before its `at`). */
export function weekDueAt(now: Date, at: WeeklyTime, timeZone: string): string | undefined {
  const week = isoWeekOf(now, timeZone);
  return now >= instantInWeek(week, at, timeZone) ? week : undefined;
}
