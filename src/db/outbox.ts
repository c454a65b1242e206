import { isDuplicateKey } from './errors';
import { deleteGrouped, updateGrouped } from './group-commit';
import { acquireLease, releaseLease } from './leases';
import type { Models } from './models';
import { literalPattern } from './regex';

/**
 * The outbox is two collections, kept in step here and nowhere else: `outbox`, every message ever
 * queued, kept for good under its dedupe key (`_id`), and `outbox_queue`, one small document per
 * message still to be sent, under the same key. The message path reads the queue (which holds only
 * unfinished work) and reads and writes the entries by `_id` alone, so it costs the same however
 * long the history grows.
 */
export interface OutboxMessage {
  /** Says what the message is for whom and when: the same key is queued only once. */
  dedupeKey: string;
  channel: string;
  chatId: string;
  message: { text: string; [key: string]: unknown };
  dueAt: Date;
  /** Where else the person can be reached, should this chat fail for good (see reach.ts). */
  fallbacks?: { channel: string; chatId: string }[] | undefined;
  /** A reply in a complaint's conversation: left out of what a mentor reads of the chat. */
  topic?: 'complaint' | undefined;
}

/** A message waiting in the queue, as a sender's pass sees it. */
export interface QueuedOutboxEntry {
  /** The entry's key (its dedupe key). */
  _id: string;
  chatId: string;
  dueAt: Date;
  retryNotBefore?: Date | null | undefined;
  order: number;
}

let lastOrder = 0;

/**
 * When an entry is queued, as a number that grows with every call in this process: the time in
 * milliseconds times 1000, plus one for each entry queued within the same millisecond. Entries due at
 * the same time go out in this order (a reply's `:0` before its `:1`).
 */
export function nextQueueOrder(): number {
  lastOrder = Math.max(Date.now() * 1000, lastOrder + 1);
  return lastOrder;
}

/** Queues a message once, true when this call queued it: `queueOnce`, or a dry run that only tells. */
export type QueueMessage = (entry: OutboxMessage) => Promise<boolean>;

/**
 * Queues a message unless one with the same dedupe key already is; true when this call queued it.
 * The entry is written first, then its place in the queue. A crash in between leaves an entry that
 * is pending but not queued: queuing the same key again (a job's rerun, a message handled again)
 * puts it in the queue, and still returns false, as the message was queued before.
 */
export async function queueOnce(models: Models, entry: OutboxMessage): Promise<boolean> {
  const order = nextQueueOrder();
  try {
    await models.outbox.create({ ...entry, _id: entry.dedupeKey, order });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const existing = await models.outbox
      .findById(entry.dedupeKey, { channel: 1, chatId: 1, dueAt: 1, retryNotBefore: 1, order: 1, status: 1 })
      .lean();
    if (existing?.status === 'pending') {
      await enqueue(models, {
        _id: existing._id,
        channel: existing.channel,
        chatId: existing.chatId,
        dueAt: existing.dueAt,
        retryNotBefore: existing.retryNotBefore,
        order: existing.order ?? order,
      });
    }
    return false;
  }
  await enqueue(models, {
    _id: entry.dedupeKey,
    channel: entry.channel,
    chatId: entry.chatId,
    dueAt: entry.dueAt,
    order,
  });
  return true;
}

/** Puts an entry in the queue; one already there stays as it is. */
async function enqueue(models: Models, queued: QueuedOutboxEntry & { channel: string }): Promise<void> {
  const { retryNotBefore, ...rest } = queued;
  try {
    await models.outboxQueue.create(retryNotBefore ? { ...rest, retryNotBefore } : rest);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/**
 * The queued entries of a channel (of one chat, when given) due by `now`, in the order they are to
 * go: by due time, then by when they were queued.
 */
export async function dueOutboxEntries(
  models: Models,
  where: { channel: string; chatId?: string },
  now: Date,
  limit: number,
): Promise<QueuedOutboxEntry[]> {
  return models.outboxQueue
    .find(
      {
        channel: where.channel,
        ...(where.chatId === undefined ? {} : { chatId: where.chatId }),
        dueAt: { $lte: now },
      },
      { chatId: 1, dueAt: 1, retryNotBefore: 1, order: 1 },
    )
    .sort({ dueAt: 1, order: 1 })
    .limit(limit)
    .lean<QueuedOutboxEntry[]>();
}

/** How many entries wait in each channel's queue (due or not). */
export async function queuedCountsByChannel(models: Models): Promise<Map<string, number>> {
  const groups = await models.outboxQueue.aggregate<{ _id: string; count: number }>([
    { $group: { _id: '$channel', count: { $sum: 1 } } },
  ]);
  return new Map(groups.map(({ _id, count }) => [_id, count]));
}

/**
 * Records that the platform confirmed the entry: the entry is marked sent, the platform's id of the
 * message (if any) is noted where its status updates find it, and the entry leaves the queue.
 */
export async function markOutboxSent(models: Models, key: string, sent: SentOutboxEntry): Promise<void> {
  await markClaimedOutboxSent(models, key, sent);
  await dequeue(models, key);
}

/** As `markOutboxSent`, for an entry its sender took out of the queue itself (`claimQueued`). */
export async function markClaimedOutboxSent(
  models: Models,
  key: string,
  sent: SentOutboxEntry,
): Promise<void> {
  await updateGrouped(
    models.outbox,
    { _id: key },
    {
      $set: {
        status: 'sent',
        sentAt: sent.at,
        attempts: sent.attempts,
        ...(sent.platformMessageId ? { platformMessageId: sent.platformMessageId } : {}),
      },
      $unset: { retryNotBefore: 1 },
    },
  );
  if (sent.platformMessageId) {
    try {
      await models.outboxPlatformIds.create({
        _id: platformIdKey(sent.channel, sent.platformMessageId ?? ''),
        outbox: key,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

interface SentOutboxEntry {
  at: Date;
  attempts: number;
  channel: string;
  platformMessageId?: string | undefined;
}

/** The entry will be tried again, not before `retryNotBefore`: noted on the entry and in the queue. */
export async function scheduleOutboxRetry(
  models: Models,
  key: string,
  retry: { retryNotBefore: Date; lastError: string; attempts?: number },
): Promise<void> {
  const { retryNotBefore, lastError, attempts } = retry;
  await models.outbox.updateOne(
    { _id: key },
    { $set: { retryNotBefore, lastError, ...(attempts === undefined ? {} : { attempts }) } },
  );
  await models.outboxQueue.updateOne({ _id: key }, { $set: { retryNotBefore } });
}

/** Gives the entry up: marked failed with the reason, and out of the queue. */
export async function markOutboxFailed(
  models: Models,
  key: string,
  failure: { attempts: number; lastError: string },
): Promise<void> {
  await models.outbox.updateOne(
    { _id: key },
    {
      $set: { status: 'failed', attempts: failure.attempts, lastError: failure.lastError },
      $unset: { retryNotBefore: 1 },
    },
  );
  await dequeue(models, key);
}

/**
 * Takes an entry out of the queue for whoever asks first: true for the one call that removed it. The
 * server deletes by key in one statement and counts what it removed, so the count decides.
 */
export async function claimQueued(models: Models, key: string): Promise<boolean> {
  const { deletedCount } = await models.outboxQueue.deleteOne({ _id: key });
  return deletedCount === 1;
}

/** Takes an entry out of the queue (it was sent, failed, cancelled, or is not pending any more). */
export async function dequeue(models: Models, key: string): Promise<void> {
  await deleteGrouped(models.outboxQueue, { _id: key });
}

/** How long cancelling holds an entry: a few reads and writes. */
const CANCEL_LEASE_MS = 30_000;

/**
 * Cancels the queued entries whose key starts with `keyPrefix`, each under its sender's lease
 * (`outbox:<key>`), so that an entry is either sent or cancelled, never marked one over the other.
 * An entry being sent at this very moment is left to go. Returns how many were cancelled.
 */
export async function cancelQueuedOutbox(models: Models, keyPrefix: string, now: Date): Promise<number> {
  const queued = await models.outboxQueue
    .find({ _id: { $regex: `^${literalPattern(keyPrefix)}` } }, { _id: 1 })
    .lean<{ _id: string }[]>();
  let cancelled = 0;
  for (const { _id: key } of queued) {
    const lease = `outbox:${key}`;
    const token = await acquireLease(models, lease, now, CANCEL_LEASE_MS);
    if (!token) continue;
    try {
      const entry = await models.outbox.findById(key, { status: 1 }).lean();
      if (entry?.status === 'pending') {
        await models.outbox.updateOne({ _id: key }, { $set: { status: 'cancelled' } });
        cancelled++;
      }
      await dequeue(models, key);
    } finally {
      await releaseLease(models, lease, token).catch(() => undefined);
    }
  }
  return cancelled;
}

/**
 * Puts a failed entry back in the queue, due `now`, with a fresh set of attempts. The caller holds
 * the entry's lease (`outbox:<key>`) and has checked that it failed. The queue entry is written
 * first: should the entry not follow, a sender finds it not pending and takes it out again.
 */
export async function requeueFailedOutbox(
  models: Models,
  entry: { _id: string; channel: string; chatId: string },
  now: Date,
): Promise<void> {
  await enqueue(models, {
    _id: entry._id,
    channel: entry.channel,
    chatId: entry.chatId,
    dueAt: now,
    order: nextQueueOrder(),
  });
  await models.outbox.updateOne(
    { _id: entry._id },
    {
      $set: { status: 'pending', dueAt: now, attempts: 0 },
      $unset: {
        retryNotBefore: 1,
        lastError: 1,
        sentAt: 1,
        platformMessageId: 1,
        deliveryStatus: 1,
        deliveryStatusAt: 1,
      },
    },
  );
}

const platformIdKey = (channel: string, platformMessageId: string) => `${channel}:${platformMessageId}`;

/** The key of the entry a platform's message id belongs to, when this service sent that message. */
export async function outboxKeyOfPlatformMessage(
  models: Models,
  channel: string,
  platformMessageId: string,
): Promise<string | undefined> {
  const found = await models.outboxPlatformIds.findById(platformIdKey(channel, platformMessageId)).lean();
  return found?.outbox;
}
