import { isDuplicateKey } from '../../db/errors';
import type { Models } from '../../db/models';
import type { Logger } from '../../log';

export type LinkOutcome = 'linked' | 'already_linked' | 'no_participant' | 'held_by_another';

/**
 * Links a Telegram account to the participant registered with `phone`, the account's own number as
 * Telegram confirmed it. From then on the participant is recognised in this chat. An account that
 * already belongs to another participant is left as it is: staff settle that, not a chat message.
 * A participant's earlier Telegram account is replaced: a number belongs to one account at a time.
 */
export async function linkTelegramAccount(
  models: Models,
  telegramUserId: string,
  phone: string,
  logger: Logger,
): Promise<LinkOutcome> {
  const participant = await models.participants.findOne({ phone }, { channels: 1 }).lean();
  if (!participant) return 'no_participant';
  if (participant.channels?.telegramUserId === telegramUserId) return 'already_linked';
  const holder = await models.participants.exists({ 'channels.telegramUserId': telegramUserId });
  if (holder) return 'held_by_another';
  try {
    await models.participants.updateOne(
      { _id: participant._id },
      { $set: { 'channels.telegramUserId': telegramUserId } },
    );
  } catch (error) {
    // The unique index on the Telegram id: someone linked it to another participant just now.
    if (isDuplicateKey(error)) return 'held_by_another';
    throw error;
  }
  // The participant's id only: neither the number nor the Telegram account goes to the log.
  logger.info({ participantId: String(participant._id) }, 'Telegram account linked to a participant');
  return 'linked';
}
