import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/errors';
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
  try {
    await models.outbox.create({
      dedupeKey: `digest:${String(mentor._id)}:${week}`,
      ...target,
      message: { text },
      dueAt: now,
    });
    return target.channel;
  } catch (error) {
    if (isDuplicateKey(error)) return 'duplicate';
    throw error;
  }
}
