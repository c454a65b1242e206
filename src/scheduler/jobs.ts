import type { Types } from 'mongoose';
import { gridFsMediaStore } from '../db/media-store';
import type { Models } from '../db/models';
import type { QueueMessage } from '../db/outbox';
import { shiftIsoWeek } from '../domain/calendar';
import { queueWeekDigests, type ChartStore } from '../domain/digests';
import { queueSavingsNudges, queueWeeklyReportReminders } from '../domain/reminders';
import { queueSlaAlerts, queueStaffDigests, type ComplaintDeskSettings } from '../domain/complaints';
import { queueHandoverSlaAlerts } from '../domain/handovers';
import { dayOf, hourOf, workingDayDueAt, type DailyTime } from './daily-time';
import { recordAudit } from '../auth/audit';
import { carryOutPrivacyRequests, pruneMessageHistory, retentionCutoff } from '../domain/privacy';
import { INDONESIAN_TIME_ZONES } from '../domain/program';
import type { ScheduledJob } from './job-runner';
import { nextAllowedTime, type QuietHours } from './quiet-hours';
import { weekDueAt, type WeeklyTime } from './weekly-time';

export interface ScheduleSettings {
  timeZone: string;
  weeklyReminderAt: WeeklyTime;
  mentorDigestAt: WeeklyTime;
  savingsNudgeAt: WeeklyTime;
  quietHours: QuietHours;
  remindOutsideMentoringWindow: boolean;
  /** Where reminders go for people with no chat app on record (the simulator, when it is on). */
  fallback?: 'simulator' | undefined;
  /** Complaint deadlines: working calendar; the staff's morning list goes out at `staffDigestAt`. */
  complaints: ComplaintDeskSettings;
  staffDigestAt: DailyTime;
  /** Message history older than this many months is pruned each day; 0 keeps it for good. */
  messageRetentionMonths?: number | undefined;
}

/** How an operator's run (`npm run job`) narrows the jobs: to one mentor's people, or to a dry run. */
export interface JobScope {
  mentor?: Types.ObjectId | undefined;
  /** Instead of queuing (a dry run's, which only tells whether it would). */
  queue?: QueueMessage | undefined;
}

const dayLater = (at: WeeklyTime): WeeklyTime => ({ ...at, weekday: (at.weekday + 1) % 7 });

/**
 * The program's recurring work: the two weekly report reminders, the Monday mentor digest (text and
 * chart, the chart kept in `charts`, by default the database's GridFS bucket `media`), the savings nudge.
 */
export function programJobs(
  models: Models,
  settings: ScheduleSettings,
  charts: ChartStore = gridFsMediaStore(models.outbox.db),
  { mentor, queue }: JobScope = {},
): ScheduledJob[] {
  const { timeZone } = settings;
  // One pair of reminder jobs per time zone, each at its own local time; the program's zone keeps
  // the plain job names.
  const zones = [timeZone, ...INDONESIAN_TIME_ZONES.filter((zone) => zone !== timeZone)];
  const reminderName = (round: 'first' | 'second', zone: string) =>
    `weekly-report-reminder-${round}${zone === timeZone ? '' : `@${zone}`}`;
  const reminder = (round: 'first' | 'second', at: WeeklyTime, zone: string): ScheduledJob => ({
    name: reminderName(round, zone),
    due: (now) => weekDueAt(now, at, zone),
    run: (week, now) =>
      queueWeeklyReportReminders(models, {
        week,
        round,
        now,
        dueAt: nextAllowedTime(now, zone, settings.quietHours),
        includeOutsideWindow: settings.remindOutsideMentoringWindow,
        fallback: settings.fallback,
        zone: { timeZone: zone, isProgramZone: zone === timeZone },
        mentor,
        queue,
      }),
    // The gentle second reminder waits for the first one and comes at least half a day later.
    ...(round === 'second' ? { after: { job: reminderName('first', zone), atLeastMs: 12 * 3_600_000 } } : {}),
  });
  const digest: ScheduledJob = {
    name: 'mentor-digest',
    due: (now) => weekDueAt(now, settings.mentorDigestAt, timeZone),
    // On Monday morning the digest is about the week that has just ended.
    run: (thisWeek, now) =>
      queueWeekDigests(models, {
        week: shiftIsoWeek(thisWeek, -1),
        timeZone,
        now,
        dueAt: nextAllowedTime(now, timeZone, settings.quietHours),
        charts,
        mentor,
        queue,
      }),
  };
  const savingsNudge: ScheduledJob = {
    name: 'savings-nudge',
    due: (now) => weekDueAt(now, settings.savingsNudgeAt, timeZone),
    // About the three weeks that ended before this one, so that the current week may still come in.
    run: (thisWeek, now) =>
      queueSavingsNudges(models, {
        week: shiftIsoWeek(thisWeek, -1),
        dueAt: nextAllowedTime(now, timeZone, settings.quietHours),
        fallback: settings.fallback,
        mentor,
        queue,
      }),
  };
  const complaintDeadlines: ScheduledJob = {
    name: 'complaint-sla',
    due: (now) => hourOf(now, timeZone),
    run: (_hour, now) =>
      queueSlaAlerts(
        models,
        now,
        nextAllowedTime(now, timeZone, settings.quietHours),
        settings.complaints,
        queue,
      ),
  };
  // Requests for a person wait against the same deadlines, checked as often.
  const handoverDeadlines: ScheduledJob = {
    name: 'handover-sla',
    due: (now) => hourOf(now, timeZone),
    run: (_hour, now) =>
      queueHandoverSlaAlerts(
        models,
        now,
        nextAllowedTime(now, timeZone, settings.quietHours),
        settings.complaints,
        queue,
      ),
  };
  const staffDigest: ScheduledJob = {
    name: 'staff-digest',
    due: (now) => workingDayDueAt(now, settings.staffDigestAt, settings.complaints.calendar),
    run: (day, now) =>
      queueStaffDigests(
        models,
        day,
        now,
        nextAllowedTime(now, timeZone, settings.quietHours),
        settings.complaints,
        queue,
      ),
  };
  const months = settings.messageRetentionMonths ?? 0;
  const messageRetention: ScheduledJob = {
    name: 'message-retention',
    due: (now) => dayOf(now, timeZone),
    run: (_day, now) => pruneMessageHistory(models, retentionCutoff(now, months)),
  };
  // A participant's data counted or erased on the dashboard's request, all waiting requests together.
  const privacyRequests: ScheduledJob = {
    name: 'privacy-requests',
    repeats: true,
    due: (now) => dayOf(now, timeZone),
    run: (_day, now) => carryOutPrivacyRequests(models, now, (entry, at) => recordAudit(models, entry, at)),
  };
  return [
    ...zones.flatMap((zone) => [
      reminder('first', settings.weeklyReminderAt, zone),
      reminder('second', dayLater(settings.weeklyReminderAt), zone),
    ]),
    digest,
    savingsNudge,
    complaintDeadlines,
    handoverDeadlines,
    staffDigest,
    // Nothing to prune when messages are kept for good; a dry run (`queue`) sends nothing and so prunes nothing.
    ...(months > 0 && !queue ? [messageRetention] : []),
    // A dry run sends nothing and so erases nothing either.
    ...(queue ? [] : [privacyRequests]),
  ];
}
