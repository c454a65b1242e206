import { isDuplicateKey } from './errors';
import type { Models } from './models';

export interface OutboxMessage {
  /** Says what the message is for whom and when: the same key is queued only once. */
  dedupeKey: string;
  channel: string;
  chatId: string;
  message: { text: string; [key: string]: unknown };
  dueAt: Date;
  /** Where else the person can be reached, should this chat fail for good (see reach.ts). */
  fallbacks?: { channel: string; chatId: string }[] | undefined;
}

/** Queues a message unless one with the same dedupe key already is; true when this call queued it. */
export async function queueOnce(models: Models, entry: OutboxMessage): Promise<boolean> {
  try {
    await models.outbox.create(entry);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
