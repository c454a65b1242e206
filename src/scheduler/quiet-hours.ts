import { dayNumberOf, instantAt, wallClockOf } from '../domain/calendar';

/** Minutes after local midnight. */
export interface QuietHours {
  start: number;
  end: number;
}

/** `21:00-07:00` → quiet hours; undefined when the text is not two HH:MM times. */
export function parseQuietHours(text: string): QuietHours | undefined {
  const match = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [start, end] = [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])];
  if (start >= 24 * 60 || end >= 24 * 60 || Number(match[2]) > 59 || Number(match[4]) > 59) return undefined;
  return { start, end };
}

/**
 * The first moment at or after `instant` outside the quiet hours of `timeZone`: a reminder due at
 * 22:30 goes out at 07:00 the next morning. Quiet hours may span midnight (21:00-07:00) or not.
 */
export function nextAllowedTime(instant: Date, timeZone: string, quiet: QuietHours): Date {
  if (quiet.start === quiet.end) return instant;
  const minute = minuteOfDay(instant, timeZone);
  const spansMidnight = quiet.start > quiet.end;
  const isQuiet = spansMidnight
    ? minute >= quiet.start || minute < quiet.end
    : minute >= quiet.start && minute < quiet.end;
  if (!isQuiet) return instant;
  const today = dayNumberOf(instant, timeZone);
  const day = spansMidnight && minute >= quiet.start ? today + 1 : today;
  return instantAt(day, Math.floor(quiet.end / 60), quiet.end % 60, timeZone);
}

function minuteOfDay(instant: Date, timeZone: string): number {
  const { hour, minute } = wallClockOf(instant, timeZone);
  return hour * 60 + minute;
}
