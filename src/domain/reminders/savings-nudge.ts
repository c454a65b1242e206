import type { Types } from 'mongoose';
import { queueAll, type OutboxMessage, type QueueMessage } from '../../db/outbox';
import type { Models } from '../../db/models';
import { shiftIsoWeek } from '../calendar';
import { say, type Language } from '../../i18n';
import { chatTargetOf } from './reach';
import { mentorFilter } from './weekly-report-reminders';

/** Three reported weeks in a row without a deposit is when a gentle word helps the habit. */
export const STALLED_WEEKS = 3;

/**
 * Queues a savings nudge for each active participant whose last three weekly reports, up to `week`,
 * all record no deposit. Once per participant and week (dedupe key); STOP and consent respected.
 */
export async function queueSavingsNudges(
  models: Models,
  plan: {
    week: string;
    dueAt: Date;
    fallback?: 'simulator' | undefined;
    /** Only this mentor's participants. */
    mentor?: Types.ObjectId | undefined;
    queue?: QueueMessage | undefined;
  },
): Promise<{ queued: number }> {
  const recent = await models.weeklyReports
    .find(
      { week: { $gt: shiftIsoWeek(plan.week, -STALLED_WEEKS), $lte: plan.week } },
      { participant: 1, savingsDeposit: 1 },
    )
    .lean();
  const weeksByParticipant = new Map<string, number[]>();
  for (const report of recent) {
    const key = String(report.participant);
    weeksByParticipant.set(key, [...(weeksByParticipant.get(key) ?? []), report.savingsDeposit]);
  }
  const stalled = [...weeksByParticipant].filter(
    ([, deposits]) => deposits.length === STALLED_WEEKS && deposits.every((deposit) => deposit === 0),
  );
  const participants = await models.participants
    .find(
      {
        _id: { $in: stalled.map(([id]) => id) },
        status: 'active',
        'consent.givenAt': { $exists: true },
        'consent.withdrawnAt': { $exists: false },
        remindersStoppedAt: { $exists: false },
        ...(plan.mentor ? { $and: mentorFilter(plan.mentor) } : {}),
      },
      { name: 1, phone: 1, language: 1, channels: 1 },
    )
    .lean();
  const entries: OutboxMessage[] = [];
  for (const participant of participants) {
    const target = chatTargetOf(participant, plan.fallback);
    if (!target) continue;
    const text = say('reminder.savingsNudge', participant.language as Language, {
      name: participant.name.split(/\s+/)[0] ?? participant.name,
    });
    const dedupeKey = `savings-nudge:${String(participant._id)}:${plan.week}`;
    entries.push({ dedupeKey, ...target, message: { text }, dueAt: plan.dueAt });
  }
  return { queued: await queueAll(models, entries, plan.queue) };
}
