import type { Models } from '../db/models';
import { acquireLease, releaseLease } from '../db/leases';

/**
 * Long enough for a batch of steps on a loaded server (latencies of 40 s were measured on FerretDB
 * under load); a crashed holder's chat waits this long before another instance takes it over.
 */
export const LOCK_MILLISECONDS = 120_000;

export const chatLockKey = (channel: string, chatId: string) => `chat:${channel}:${chatId}`;

/**
 * A per-chat lock, so that one chat's messages are handled one at a time, in order, by whichever
 * instance of the service holds it.
 */
export async function acquireChatLock(
  models: Models,
  channel: string,
  chatId: string,
  now: Date,
): Promise<string | undefined> {
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
