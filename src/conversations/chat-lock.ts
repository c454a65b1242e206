import type { Models } from '../db/models';
import { isDuplicateKey } from '../db/errors';
import { acquireLease, releaseLease } from '../db/leases';

/**
 * Long enough for a batch of steps on a loaded server (latencies of 40 s were measured on FerretDB
 * under load); a crashed holder's chat waits this long before another instance takes it over.
 */
export const LOCK_MILLISECONDS = 120_000;

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
  // An insert, never an upsert: on FerretDB an upsert of an existing document rewrites it from a
  // stale read (mongoose adds `$set: updatedAt`), which lost a state saved at the same moment.
  if (!(await models.conversations.exists({ channel, chatId }))) {
    try {
      await models.conversations.create({ channel, chatId, lastActivityAt: now });
    } catch (error) {
      // Two first messages at once: the other insert created the conversation, which is all we need.
      if (!isDuplicateKey(error)) throw error;
    }
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
