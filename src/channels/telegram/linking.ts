import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/errors';
import type { Models } from '../../db/models';
import type { Logger } from '../../log';

export type LinkOutcome = 'linked' | 'already_linked' | 'no_participant' | 'held_by_another';

/** What linking needs of the participants, mentors and staff collections alike. */
interface Registry {
  findOne(
    filter: object,
    projection: object,
  ): {
    lean(): PromiseLike<{ _id: Types.ObjectId; channels?: { telegramUserId?: string | null } | null } | null>;
  };
  exists(filter: object): PromiseLike<unknown>;
  updateOne(filter: object, update: object): PromiseLike<unknown>;
}

/**
 * Links a Telegram account to the person registered with `phone` (a participant, else a mentor, else
 * Puskesos staff), the account's own number as Telegram confirmed it. From then on they are recognised
 * in this chat, and staff in their Puskesos's group. An account that already belongs to someone else
 * is left as it is: staff settle that, not a chat message. An earlier Telegram account of the same
 * person is replaced: a number belongs to one account at a time.
 */
export async function linkTelegramAccount(
  models: Models,
  telegramUserId: string,
  phone: string,
  logger: Logger,
): Promise<LinkOutcome> {
  const registries: [string, Registry][] = [
    ['participant', models.participants as unknown as Registry],
    ['mentor', models.mentors as unknown as Registry],
    ['staff', models.staff as unknown as Registry],
  ];
  for (const [kind, registry] of registries) {
    const person = await registry.findOne({ phone }, { channels: 1 }).lean();
    if (!person) continue;
    if (person.channels?.telegramUserId === telegramUserId) return 'already_linked';
    if (await registry.exists({ 'channels.telegramUserId': telegramUserId })) return 'held_by_another';
    try {
      await registry.updateOne({ _id: person._id }, { $set: { 'channels.telegramUserId': telegramUserId } });
    } catch (error) {
      // The unique index on the Telegram id: someone linked it to another person just now.
      if (isDuplicateKey(error)) return 'held_by_another';
      throw error;
    }
    // The record's id only: neither the number nor the Telegram account goes to the log.
    logger.info({ [`${kind}Id`]: String(person._id) }, `Telegram account linked to a ${kind}`);
    return 'linked';
  }
  return 'no_participant';
}
