import { dayNumberOf, instantAt, wallClockOf } from '../domain/calendar';
import { isWorkingDay, type WorkingCalendar } from '../domain/complaints/working-days';

/** A time of day, `07:30`. */
export interface DailyTime {
  hour: number;
  minute: number;
}

export function parseDailyTime(text: string): DailyTime | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The local hour `2026-11-30T10`: an hourly job's occurrence. */
export function hourOf(now: Date, timeZone: string): string {
  const { year, month, day, hour } = wallClockOf(now, timeZone);
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}`;
}

/** Today's date `2026-11-30` once `at` has passed on a working day; undefined otherwise. */
export function workingDayDueAt(now: Date, at: DailyTime, calendar: WorkingCalendar): string | undefined {
  const day = dayNumberOf(now, calendar.timeZone);
  if (!isWorkingDay(day, calendar) || now < instantAt(day, at.hour, at.minute, calendar.timeZone))
    return undefined;
  return dayOf(now, calendar.timeZone);
}

/** The local date `2026-11-30`: a daily job's occurrence. */
export function dayOf(now: Date, timeZone: string): string {
  const { year, month, day } = wallClockOf(now, timeZone);
  return `${year}-${pad(month)}-${pad(day)}`;
}
