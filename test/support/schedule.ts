import type { ScheduleSettings } from '../../src/scheduler';

/**
 * The program's schedule as the service runs it by default (Saturday 16:00 reminders, Monday 07:00
 * digest, Wednesday 10:00 nudge, quiet 21:00-07:00, the staff list at 07:30), in Jakarta time, for
 * the tests that run the scheduler's jobs; `holidays` are the complaint deadlines' days off.
 */
export function defaultSchedule(holidays: string[] = []): ScheduleSettings {
  return {
    timeZone: 'Asia/Jakarta',
    weeklyReminderAt: { weekday: 5, hour: 16, minute: 0 },
    mentorDigestAt: { weekday: 0, hour: 7, minute: 0 },
    savingsNudgeAt: { weekday: 2, hour: 10, minute: 0 },
    quietHours: { start: 21 * 60, end: 7 * 60 },
    remindOutsideMentoringWindow: false,
    complaints: { calendar: { timeZone: 'Asia/Jakarta', holidays: new Set(holidays) } },
    staffDigestAt: { hour: 7, minute: 30 },
  };
}
