import type { Models } from '../db/models';
import { acquireLease, leaseTaken, releaseLease, renewLease } from '../db/leases';

/**
 * How long a chat stays locked by a holder that stopped (killed, crashed) before an instance of
 * another machine takes it over (one of the same machine takes it at once: src/db/leases.ts): with
 * the sweep every 5 s, its messages are answered within about 20 s. A turn takes
 * well under a second (a few seconds at worst under load); one that takes longer than half of this
 * checks that the lock is still its own before it writes anything.
 */
export const LOCK_MILLISECONDS = 15_000;

export const chatLockKey = (channel: string, chatId: string) => `chat:${channel}:${chatId}`;

/**
 * How long a message's own request waits for its chat's lock while another request holds it (the
 * chat's previous message, most often, still being answered). A holder that kept the lock at least
 * half as long looks at the queue again after releasing it, for what a waiter gave up on.
 */
export const CHAT_LOCK_PATIENCE_MS = 10_000;

/**
 * Takes the per-chat lock (one chat's messages are handled one at a time, in order, by whichever
 * instance of the service holds it), waiting up to `patienceMs` (of real time) while someone else holds it;
 * undefined when it is still held then. Waiting reads the lock, so it writes nothing until it is free.
 */
export async function acquireChatLockWithin(
  models: Models,
  channel: string,
  chatId: string,
  clock: () => Date,
  patienceMs: number,
): Promise<string | undefined> {
  const started = performance.now();
  const key = chatLockKey(channel, chatId);
  for (let pause = 20; ; pause = Math.min(pause * 2, 400)) {
    const token = await acquireLease(models, key, clock(), LOCK_MILLISECONDS);
    if (token) return token;
    do {
      if (performance.now() - started >= patienceMs) return undefined;
      await new Promise((resolve) => setTimeout(resolve, pause));
    } while (await leaseTaken(models, key, clock()));
  }
}

export async function releaseChatLock(
  models: Models,
  channel: string,
  chatId: string,
  token: string,
): Promise<void> {
  await releaseLease(models, chatLockKey(channel, chatId), token);
}

/** Extends a chat's lock its holder still has; false when it was lost (it expired and another took it). */
export async function renewChatLock(
  models: Models,
  channel: string,
  chatId: string,
  token: string,
  now: Date,
): Promise<boolean> {
  return renewLease(models, chatLockKey(channel, chatId), token, now, LOCK_MILLISECONDS);
}
