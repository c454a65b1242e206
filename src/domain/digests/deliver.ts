import type { Types } from 'mongoose';
import { queueOnce } from '../../db/outbox';
import type { Models } from '../../db/models';
import { chatTargetOf } from '../reminders/reach';

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
