import type { Types } from 'mongoose';
import { queueAll, type OutboxMessage, type QueueMessage } from '../../db/outbox';
import type { Models } from '../../db/models';
import { ONE_MESSAGE_EXAMPLE, say, text, type Language } from '../../i18n';
import type { IndonesianTimeZone } from '../program';
import { greetingAt } from './greeting';
import { chatTargetOf } from './reach';
import { readWeekSummaries } from '../reports/week-summaries';

export type ReminderRound = 'first' | 'second';

export interface ReminderPlan {
  week: string;
  round: ReminderRound;
  now: Date;
  /** When the reminders may go out (after quiet hours). */
  dueAt: Date;
  /** Remind participants whose three months of mentoring are over too. */
  includeOutsideWindow: boolean;
  fallback?: 'simulator' | undefined;
  /**
   * Whose reminders these are: participants in this time zone, each zone's reminder going out at its
   * own local time; the program's zone also takes everyone whose zone is not recorded.
   */
  zone?: { timeZone: string; isProgramZone: boolean } | undefined;
  /** Only this mentor's participants. */
  mentor?: Types.ObjectId | undefined;
  queue?: QueueMessage | undefined;
}

/**
 * The reminder asks the first question itself: an amount in reply starts the report with it as the
 * sales (five messages in all), `1` opens it from the start, and the one-message example follows.
 */
const TEXTS = { first: 'reminder.weeklyReportFirst', second: 'reminder.weeklyReportSecond' } as const;

const HINT = text('input.oneMessageHint', { example: ONE_MESSAGE_EXAMPLE });

/**
 * Queues the week's report reminder for every active, consenting participant who has not reported
 * that week and has not said STOP. One outbox entry per participant, week and round (dedupe key), so
 * running this twice, or on two instances, reminds nobody twice.
 */
export async function queueWeeklyReportReminders(
  models: Models,
  plan: ReminderPlan,
): Promise<{ queued: number; skipped: number }> {
  const windowFilter = plan.includeOutsideWindow
    ? []
    : [
        {
          $or: [{ 'mentoringWindow.end': { $exists: false } }, { 'mentoringWindow.end': { $gte: plan.now } }],
        },
      ];
  const zone = plan.zone && { ...plan.zone, timeZone: plan.zone.timeZone as IndonesianTimeZone };
  const zoneFilter = !zone
    ? []
    : zone.isProgramZone
      ? [{ $or: [{ timeZone: { $exists: false } }, { timeZone: zone.timeZone }] }]
      : [{ timeZone: zone.timeZone }];
  const conditions = [...windowFilter, ...zoneFilter, ...mentorFilter(plan.mentor)];
  const participants = await models.participants
    .find(
      {
        status: 'active',
        'consent.givenAt': { $exists: true },
        'consent.withdrawnAt': { $exists: false },
        remindersStoppedAt: { $exists: false },
        ...(conditions.length > 0 ? { $and: conditions } : {}),
      },
      { name: 1, phone: 1, language: 1, channels: 1 },
    )
    .lean();
  // Who reported the week, from its summary: one read by key, not a pass over every report.
  const reported = new Set(
    (await readWeekSummaries(models, [plan.week])).map((report) => report.participant),
  );
  // Said for the local time the reminders go out, after quiet hours (WIB when no zone is given).
  const greeting = greetingAt(plan.dueAt, plan.zone?.timeZone ?? 'Asia/Jakarta');
  const entries: OutboxMessage[] = [];
  let skipped = 0;
  for (const participant of participants) {
    const target = chatTargetOf(participant, plan.fallback);
    if (reported.has(String(participant._id)) || !target) {
      skipped++;
      continue;
    }
    const language = participant.language as Language;
    const text = say(TEXTS[plan.round], language, {
      greeting,
      name: firstName(participant.name),
      hint: HINT,
    });
    const dedupeKey = `weekly-report-reminder:${String(participant._id)}:${plan.week}:${plan.round}`;
    entries.push({ dedupeKey, ...target, message: { text }, dueAt: plan.dueAt });
  }
  const queued = await queueAll(models, entries, plan.queue);
  return { queued, skipped: skipped + entries.length - queued };
}

/** `Siti Aminah` → `Siti`: a reminder sounds friendlier with the first name. */
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** The condition that keeps one mentor's participants, or none. */
export const mentorFilter = (mentor: Types.ObjectId | undefined) =>
  mentor ? [{ $or: [{ 'mentors.mibi': mentor }, { 'mentors.tksk': mentor }] }] : [];
