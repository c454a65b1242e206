import type { Config } from '../config';
import { complaintDeskSettingsOf } from '../conversations';
import type { ScheduleSettings } from './jobs';

/** The program's schedule as configured, for the service's scheduler and `npm run job` alike. */
export function scheduleSettingsOf(config: Config): ScheduleSettings {
  return {
    timeZone: config.DEFAULT_TIMEZONE,
    weeklyReminderAt: config.WEEKLY_REMINDER_AT,
    mentorDigestAt: config.MENTOR_DIGEST_AT,
    savingsNudgeAt: config.SAVINGS_NUDGE_AT,
    quietHours: config.QUIET_HOURS,
    remindOutsideMentoringWindow: config.REMIND_OUTSIDE_MENTORING_WINDOW,
    fallback: config.SIMULATOR_ENABLED ? 'simulator' : undefined,
    complaints: complaintDeskSettingsOf(config),
    staffDigestAt: config.STAFF_DIGEST_AT,
    messageRetentionMonths: config.MESSAGE_RETENTION_MONTHS,
  };
}
