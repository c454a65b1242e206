import type { Models } from '../db/models';
import { isDuplicateKey } from '../db/errors';
import { acquireLease, releaseLease } from '../db/leases';

/** Long enough for one step with its database writes; a crashed holder's lock expires after it. */
export const LOCK_MILLISECONDS = 30_000;

export const chatLockKey = (channel: string, chatId: string) => `chat:${channel}:${chatId}`;

/**
 * A per-chat lock, so that one chat's messages are handled one at a time, in order, by whichever
 * instance of the service holds it. Also makes sure the chat's conversation document exists.
 */
export async function acquireChatLock(
  models: Models,
  channel: string,
  chatId: string,
  now: Date,
): Promise<string | undefined> {
  try {
    await models.conversations.updateOne(
      { channel, chatId },
      { $setOnInsert: { channel, chatId, lastActivityAt: now } },
      { upsert: true },
    );
  } catch (error) {
    // Two first messages at once: the other insert created the conversation, which is all we need.
    if (!isDuplicateKey(error)) throw error;
  }
  return acquireLease(models, chatLockKey(channel, chatId), now, LOCK_MILLISECONDS);
}

export async function releaseChatLock(
  models: Models,
  channel: string,
  chatId: string,
  token: string,
): Promise<void> {
  await releaseLease(models, chatLockKey(channel, chatId), token);
}
