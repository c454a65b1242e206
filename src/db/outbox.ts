import { isDuplicateKey, retryTransient } from './errors';
import { deleteGrouped, updateGrouped } from './group-commit';
import { acquireLease, releaseLease } from './leases';
import type { Models } from './models';
import { literalPattern } from './regex';

/**
 * The outbox is two collections, kept in step here and nowhere else: `outbox`, every message ever
 * queued, kept for good under its dedupe key (`_id`), and `outbox_queue`, one small document per
 * message still to be sent, under the same key. The message path reads the queue (which holds only
 * unfinished work) and reads and writes the entries by `_id` alone, so it costs the same however
 * long the history grows. Entries queued one at a time are also in `outbox_ahead`, the small queue a
 * sender looks at between bulk sends, so that a reply never waits behind a Saturday's reminders.
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
  /**
   * One of the many a job or a broadcast queues at once: sent in due order after whatever was queued
   * one at a time (replies, answers, codes). Not stored; `queueMany` queues every entry so.
   */
  bulk?: true | undefined;
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

/** The outbox key of a turn's `index`th reply to the inbound message `inboundKey`. */
export const turnReplyKey = (inboundKey: string, index: number) => `reply:${inboundKey}:${index}`;

/** Whether an entry is a turn's reply, or its copy queued on the person's other app. */
export const isTurnReply = (key: string) => key.startsWith('reply:');

/** The inbound message a turn's reply answers, from the reply's key; undefined for any other entry. */
export const answeredMessageOf = (key: string) => /^reply:(.+):\d+$/.exec(key)?.[1];

/**
 * Channels whose queue no sender reads: the simulator's chat takes its own replies in its request
 * (src/channels/simulator), so nothing of it goes ahead, which saves the message path two writes.
 */
const READ_BY_ITS_CHAT = new Set(['simulator']);
const goesAhead = (channel: string, bulk: boolean | undefined) => !bulk && !READ_BY_ITS_CHAT.has(channel);

/**
 * Queues a message unless one with the same dedupe key already is; true when this call queued it.
 * The entry is written first, then its place in the queue. A crash in between leaves an entry that
 * is pending but not queued: queuing the same key again (a job's rerun, a message handled again)
 * puts it in the queue, and still returns false, as the message was queued before.
 */
export async function queueOnce(models: Models, message: OutboxMessage): Promise<boolean> {
  const { bulk, ...entry } = message;
  const ahead = goesAhead(entry.channel, bulk);
  const order = nextQueueOrder();
  try {
    await models.outbox.create({ ...entry, _id: entry.dedupeKey, order });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const existing = await models.outbox
      .findById(entry.dedupeKey, { channel: 1, chatId: 1, dueAt: 1, retryNotBefore: 1, order: 1, status: 1 })
      .lean();
    if (existing?.status === 'pending') {
      await enqueue(
        models,
        {
          _id: existing._id,
          channel: existing.channel,
          chatId: existing.chatId,
          dueAt: existing.dueAt,
          retryNotBefore: existing.retryNotBefore,
          order: existing.order ?? order,
        },
        { ahead },
      );
    }
    return false;
  }
  await enqueue(
    models,
    { _id: entry.dedupeKey, channel: entry.channel, chatId: entry.chatId, dueAt: entry.dueAt, order },
    { ahead },
  );
  return true;
}

/** How many entries one bulk write carries: a few megabytes, well below a command's limit. */
const BULK_CHUNK = 2_000;
/** Entries already stored are looked up by `_id`, this many at a time. */
const LOOKUPS_AT_ONCE = 16;

/**
 * `queueOnce` for many messages, as a batch job queues them: each chunk costs one `insertMany` of
 * entries and one of queue places, rather than two writes per message. A key already stored is
 * queued only by the call that stored it, and put back in the queue when still pending (written by a
 * run that died before queuing it), as `queueOnce` does. Returns the keys this call queued.
 */
export async function queueMany(models: Models, entries: OutboxMessage[]): Promise<Set<string>> {
  const queued = new Set<string>();
  // The keys waiting in the queue, read once, when a key is first found taken: a taken key that
  // waits needs nothing more, so a run done again before its messages went out looks up none.
  let waiting: Set<string> | undefined;
  for (let start = 0; start < entries.length; start += BULK_CHUNK) {
    const chunk = entries
      .slice(start, start + BULK_CHUNK)
      .map(({ bulk: _bulk, ...entry }) => ({ ...entry, _id: entry.dedupeKey, order: nextQueueOrder() }));
    const taken = await insertAbsent(models, chunk);
    const places: (QueuedOutboxEntry & { channel: string })[] = [];
    for (const entry of chunk)
      if (!taken.has(entry._id))
        places.push({
          _id: entry._id,
          channel: entry.channel,
          chatId: entry.chatId,
          dueAt: entry.dueAt,
          order: entry.order,
        });
    if (taken.size > 0)
      waiting ??= new Set(
        (await models.outboxQueue.find({}, { _id: 1 }).lean<{ _id: string }[]>()).map((place) => place._id),
      );
    const unqueued = [...taken].filter((key) => !waiting?.has(key));
    for (let at = 0; at < unqueued.length; at += LOOKUPS_AT_ONCE) {
      const stored = await Promise.all(
        unqueued
          .slice(at, at + LOOKUPS_AT_ONCE)
          .map((key) =>
            models.outbox
              .findById(key, { channel: 1, chatId: 1, dueAt: 1, retryNotBefore: 1, order: 1, status: 1 })
              .lean(),
          ),
      );
      for (const existing of stored)
        if (existing?.status === 'pending')
          places.push({
            _id: existing._id,
            channel: existing.channel,
            chatId: existing.chatId,
            dueAt: existing.dueAt,
            order: existing.order ?? nextQueueOrder(),
            ...(existing.retryNotBefore ? { retryNotBefore: existing.retryNotBefore } : {}),
          });
    }
    await insertQueuePlaces(models, places);
    // This call's entries are told by their order, which no other call gives: one stored by this
    // call's own retried insert counts as queued by it.
    const orderOf = new Map<string, number>();
    for (const entry of chunk) if (!orderOf.has(entry._id)) orderOf.set(entry._id, entry.order);
    for (const place of places) if (orderOf.get(place._id) === place.order) queued.add(place._id);
  }
  return queued;
}

/**
 * Queues a batch job's messages, each once: in bulk (`queueMany`), or one by one through `queue` when
 * given (a dry run's, which only tells). Returns how many this call queued.
 */
export async function queueAll(
  models: Models,
  entries: OutboxMessage[],
  queue?: QueueMessage,
): Promise<number> {
  if (!queue) return (await queueMany(models, entries)).size;
  let queued = 0;
  for (const entry of entries) if (await queue(entry)) queued++;
  return queued;
}

/**
 * Inserts the entries whose key is free; returns the keys found taken. A refusal for a locked
 * database is retried, and the entries it had already written are then among the taken ones.
 */
async function insertAbsent(
  models: Models,
  entries: (Omit<OutboxMessage, 'bulk'> & { _id: string; order: number })[],
): Promise<Set<string>> {
  const taken = new Set<string>();
  await retryTransient(async () => {
    try {
      // Lean: mongoose's own checks of every document cost ten times the write; the schema's
      // defaults (pending, no attempts) and timestamps are applied to each here instead.
      const documents = entries.map((entry) =>
        models.outbox.applyTimestamps(models.outbox.applyDefaults({ ...entry })),
      );
      await models.outbox.insertMany(documents, { ordered: false, lean: true });
    } catch (error) {
      const refused = writeErrorsOf(error);
      if (!refused || refused.some((write) => write.code !== 11000)) throw error;
      for (const write of refused) {
        const key = entries[write.index]?._id;
        if (key !== undefined) taken.add(key);
      }
    }
  });
  return taken;
}

/** Puts entries in the queue; those already there stay as they are. */
async function insertQueuePlaces(
  models: Models,
  places: (QueuedOutboxEntry & { channel: string })[],
): Promise<void> {
  if (places.length === 0) return;
  await retryTransient(async () => {
    try {
      await models.outboxQueue.insertMany(places, { ordered: false, lean: true });
    } catch (error) {
      const refused = writeErrorsOf(error);
      if (!refused || refused.some((write) => write.code !== 11000)) throw error;
    }
  });
}

/** The per-document refusals of an unordered bulk write, or undefined for any other error. */
function writeErrorsOf(error: unknown): { index: number; code: number }[] | undefined {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (!Array.isArray(writeErrors)) return undefined;
  return writeErrors.map((write: { index?: unknown; code?: unknown }) => ({
    index: Number(write.index),
    code: Number(write.code),
  }));
}

/**
 * Puts an entry in the queue, and ahead of bulk sends when `ahead`; one already there stays as it is.
 * Either write may be the one a crash leaves alone: an entry only in the queue goes in due order, one
 * only ahead goes ahead and leaves it when sent.
 */
async function enqueue(
  models: Models,
  queued: QueuedOutboxEntry & { channel: string },
  { ahead }: { ahead: boolean },
): Promise<void> {
  const { retryNotBefore, ...rest } = queued;
  const place = retryNotBefore ? { ...rest, retryNotBefore } : rest;
  await Promise.all(
    [models.outboxQueue, ...(ahead ? [models.outboxAhead] : [])].map(async (queue) => {
      try {
        await queue.create(place);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }),
  );
}

/**
 * The queued entries of a channel (of one chat, when given) due by `now`, in the order they are to
 * go: by due time, then by when they were queued. Of the whole queue, or only of those that go ahead
 * of bulk sends (`ahead`).
 */
export async function dueOutboxEntries(
  models: Models,
  where: { channel: string; chatId?: string; ahead?: true },
  now: Date,
  limit: number,
): Promise<QueuedOutboxEntry[]> {
  return (where.ahead ? models.outboxAhead : models.outboxQueue)
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
  await dequeue(models, key, { ahead: goesAhead(sent.channel, false) });
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
  await Promise.all(
    [models.outboxQueue, models.outboxAhead].map((queue) =>
      queue.updateOne({ _id: key }, { $set: { retryNotBefore } }),
    ),
  );
}

/**
 * Gives the entry up: marked failed with the reason, listed among the failures (what the channels
 * page reads), and out of the queue.
 */
export async function markOutboxFailed(
  models: Models,
  key: string,
  failure: { attempts: number; lastError: string; channel: string; chatId: string; at: Date },
): Promise<void> {
  // Listed first: a crash before the entry is marked leaves a listing of a message still queued,
  // which the page's "send again" finds not failed and takes away, rather than a failure nobody sees.
  await models.outboxFailures.updateOne(
    { _id: key },
    {
      $set: {
        channel: failure.channel,
        chatId: failure.chatId,
        lastError: failure.lastError,
        attempts: failure.attempts,
        failedAt: failure.at,
      },
    },
    { upsert: true },
  );
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
 * The failures since `since`, newest first, and how many there are by channel: one read of the
 * failures, never of the outbox.
 */
export async function recentOutboxFailures(models: Models, since: Date) {
  const failures = await models.outboxFailures.find({ failedAt: { $gte: since } }).lean();
  return failures.sort((a, b) => b.failedAt.getTime() - a.failedAt.getTime());
}

/**
 * Takes an entry out of the queue for whoever asks first: true for the one call that removed it. The
 * server deletes by key in one statement and counts what it removed, so the count decides.
 */
export async function claimQueued(models: Models, key: string): Promise<boolean> {
  const [{ deletedCount }] = await Promise.all([
    models.outboxQueue.deleteOne({ _id: key }),
    models.outboxAhead.deleteOne({ _id: key }),
  ]);
  return deletedCount === 1;
}

/**
 * Takes an entry out of the queue (it was sent, failed, cancelled, or is not pending any more); out of
 * the queue ahead too unless its channel never puts anything there.
 */
export async function dequeue(models: Models, key: string, { ahead = true } = {}): Promise<void> {
  await Promise.all([
    deleteGrouped(models.outboxQueue, { _id: key }),
    ...(ahead ? [deleteGrouped(models.outboxAhead, { _id: key })] : []),
  ]);
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
  // Sent again at a person's request (staff's), so it goes ahead of bulk sends.
  await enqueue(
    models,
    { _id: entry._id, channel: entry.channel, chatId: entry.chatId, dueAt: now, order: nextQueueOrder() },
    { ahead: true },
  );
  await models.outboxFailures.deleteOne({ _id: entry._id });
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
