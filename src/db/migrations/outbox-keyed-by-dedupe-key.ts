import { Types } from 'mongoose';
import { retryTransient } from '../errors';
import type { Models } from '../models';
import type { Migration } from './index';
import { dropIndexes } from './rekey';

/** Indexes of the earlier layout: the first would refuse the copies, the others serve no query now. */
const OLD_INDEXES = ['dedupeKey_1', 'channel_1_status_1_dueAt_1', 'platformMessageId_1'];

interface OldEntry {
  _id: Types.ObjectId;
  dedupeKey: string;
  channel: string;
  chatId: string;
  dueAt: Date;
  status: string;
  retryNotBefore?: Date | null;
  platformMessageId?: string | null;
  createdAt?: Date | null;
  [field: string]: unknown;
}

/** Entries copied per round trip. */
const BATCH = 500;

/**
 * Outbox entries were kept under an ObjectId, found by queries over every entry ever sent. Now each
 * is kept under its dedupe key, the ones still to send are listed in `outbox_queue`, and a sent
 * message's platform id leads to its entry (`outbox_platform_ids`). The old entries are copied under
 * their keys, a batch at a time (a copy already there was made by an interrupted run: it is kept as it
 * is), the pending ones queued and the platform ids noted; once all are copied, the originals are
 * removed in one go (one pass over the collection rather than one per batch).
 */
export const outboxKeyedByDedupeKey: Migration = {
  id: 'outbox-keyed-by-dedupe-key',
  description: 'outbox entries kept under their dedupe key, with a queue of those still to send',
  async run(models: Models): Promise<number> {
    const collection = models.outbox.collection;
    await dropIndexes(collection, OLD_INDEXES);
    const oldOnes = { _id: { $type: 'objectId' as const } };
    const cursor = collection.find<OldEntry>(oldOnes).batchSize(BATCH);
    let converted = 0;
    let batch: OldEntry[] = [];
    for await (const entry of cursor) {
      batch.push(entry);
      if (batch.length < BATCH) continue;
      converted += await copyBatch(models, batch);
      batch = [];
    }
    converted += await copyBatch(models, batch);
    await collection.deleteMany(oldOnes);
    return converted;
  },
};

async function copyBatch(models: Models, batch: OldEntry[]): Promise<number> {
  if (batch.length === 0) return 0;
  const copies = batch.map(({ _id: oldId, ...fields }) => ({
    ...fields,
    _id: fields.dedupeKey as unknown as Types.ObjectId,
    // Queued in the order the ObjectIds were made: when, then the process's counter.
    order:
      (fields.createdAt instanceof Date ? fields.createdAt.getTime() : oldId.getTimestamp().getTime()) *
        1000 +
      (parseInt(oldId.toHexString().slice(18), 16) % 1000),
  }));
  const copiedBefore = await insertAllNew(models.outbox.collection, copies);
  const queue: Record<string, unknown>[] = [];
  const platformIds: Record<string, unknown>[] = [];
  for (const [index, copy] of copies.entries()) {
    const key = copy.dedupeKey;
    let { status, channel, chatId, dueAt, retryNotBefore, order } = copy;
    if (copiedBefore.has(index) && status === 'pending') {
      // The copy may have been sent (or given up) since: it says whether it still waits.
      const current = await models.outbox.findById(key).lean();
      if (!current) throw new Error(`outbox entry ${key} was not copied`);
      ({ status, channel, chatId, dueAt } = current);
      retryNotBefore = current.retryNotBefore;
      order = current.order ?? order;
    }
    if (status === 'pending') {
      queue.push({ _id: key, channel, chatId, dueAt, order, ...(retryNotBefore ? { retryNotBefore } : {}) });
    }
    if (copy.platformMessageId)
      platformIds.push({ _id: `${channel}:${copy.platformMessageId}`, outbox: key });
  }
  await insertAllNew(models.outboxQueue.collection, queue);
  await insertAllNew(models.outboxPlatformIds.collection, platformIds);
  return batch.length;
}

/**
 * Inserts the documents, those whose `_id` is taken left as they are; returns the indexes of the
 * latter.
 */
async function insertAllNew(
  collection: Models['outbox']['collection'],
  documents: Record<string, unknown>[],
): Promise<Set<number>> {
  if (documents.length === 0) return new Set();
  try {
    // Retried here, not by the collection: a refused insertMany may have written some documents,
    // which the rerun finds taken and reports as copied before, as they now are.
    await retryTransient(() => collection.insertMany(documents, { ordered: false }));
    return new Set();
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
    const failures = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as {
      index: number;
      code?: number;
    }[];
    if (writeErrors === undefined || failures.some((failure) => failure.code !== 11000)) throw error;
    return new Set(failures.map((failure) => failure.index));
  }
}
