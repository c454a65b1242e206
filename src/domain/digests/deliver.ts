import type { Types } from 'mongoose';
import { queueOnce } from '../../db/outbox';
import type { Models } from '../../db/models';
import { instantInWeek, shiftIsoWeek } from '../calendar';
import { chatTargetOf } from '../reminders/reach';
import { gatherProgramFacts } from './gather';
import { formatProgramDigest, summarizeProgram } from './program';

/**
 * Queues a mentor's digest once per week on the app the mentor uses (Telegram first, then WhatsApp).
 * Returns the channel, `duplicate` when that week's digest was already queued, or undefined when the
 * mentor has no chat app recorded.
 */
export async function queueMentorDigest(
  models: Models,
  mentor: {
    _id: Types.ObjectId;
    phone: string;
    channels?: { telegramUserId?: string | null; whatsappId?: string | null } | null;
  },
  week: string,
  text: string,
  now: Date,
): Promise<string | undefined> {
  const target = chatTargetOf(mentor);
  if (!target) return undefined;
  const queued = await queueOnce(models, {
    dedupeKey: `digest:${String(mentor._id)}:${week}`,
    ...target,
    message: { text },
    dueAt: now,
  });
  return queued ? target.channel : 'duplicate';
}

/** The week's program digest for every koordinator and Dinsos admin with a chat app, once per week. */
export async function queueProgramDigest(
  models: Models,
  week: string,
  timeZone: string,
  dueAt: Date,
): Promise<number> {
  const start = instantInWeek(week, { weekday: 0, hour: 0, minute: 0 }, timeZone);
  const end = instantInWeek(shiftIsoWeek(week, 1), { weekday: 0, hour: 0, minute: 0 }, timeZone);
  const text = formatProgramDigest(
    summarizeProgram(await gatherProgramFacts(models, week, start, end)),
    week,
  );
  let queued = 0;
  for (const person of await models.staff
    .find({ role: { $in: ['koordinator', 'admin'] } }, { phone: 1, channels: 1 })
    .lean()) {
    const target = chatTargetOf(person);
    if (
      target &&
      (await queueOnce(models, {
        dedupeKey: `program-digest:${String(person._id)}:${week}`,
        ...target,
        message: { text },
        dueAt,
      }))
    )
      queued++;
  }
  return queued;
}
