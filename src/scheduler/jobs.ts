import { gridFsMediaStore } from '../channels/media';
import type { Models } from '../db/models';
import { shiftIsoWeek } from '../domain/calendar';
import {
  formatMentorDigest,
  gatherMentorFacts,
  mentorDigestChart,
  queueMentorDigest,
  type ChartStore,
  queueProgramDigest,
  rankDigest,
  digestActions,
} from '../domain/digests';
import { queueSavingsNudges, queueWeeklyReportReminders } from '../domain/reminders';
import { queueSlaAlerts, queueStaffDigests, type ComplaintDeskSettings } from '../domain/complaints';
import { hourOf, workingDayDueAt, type DailyTime } from './daily-time';
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
      }),
    // The gentle second reminder waits for the first one and comes at least half a day later.
    ...(round === 'second' ? { after: { job: reminderName('first', zone), atLeastMs: 12 * 3_600_000 } } : {}),
  });
  const digest: ScheduledJob = {
    name: 'mentor-digest',
    due: (now) => weekDueAt(now, settings.mentorDigestAt, timeZone),
    run: async (thisWeek, now) => {
      // On Monday morning the digest is about the week that has just ended.
      const week = shiftIsoWeek(thisWeek, -1);
      const dueAt = nextAllowedTime(now, timeZone, settings.quietHours);
      let queued = 0;
      for (const mentor of await models.mentors.find({}, { phone: 1, channels: 1 }).lean()) {
        const facts = await gatherMentorFacts(models, mentor._id, week, now);
        const rows = rankDigest(facts, week, now);
        if (rows.length === 0) continue;
        const channel = await queueMentorDigest(
          models,
          mentor,
          week,
          formatMentorDigest(rows, week, 'id'),
          dueAt,
          {
            render: () => mentorDigestChart(facts, week, 'id'),
            store: charts,
          },
          digestActions(rows),
        );
        if (channel && channel !== 'duplicate') queued++;
      }
      const programQueued = await queueProgramDigest(models, week, timeZone, dueAt);
      return { week, queued, programQueued };
    },
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
      }),
  };
  const complaintDeadlines: ScheduledJob = {
    name: 'complaint-sla',
    due: (now) => hourOf(now, timeZone),
    run: (_hour, now) =>
      queueSlaAlerts(models, now, nextAllowedTime(now, timeZone, settings.quietHours), settings.complaints),
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
      ),
  };
  return [
    ...zones.flatMap((zone) => [
      reminder('first', settings.weeklyReminderAt, zone),
      reminder('second', dayLater(settings.weeklyReminderAt), zone),
    ]),
    digest,
    savingsNudge,
    complaintDeadlines,
    staffDigest,
  ];
}
