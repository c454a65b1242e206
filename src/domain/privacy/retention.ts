import type { Model } from 'mongoose';
import type { Models } from '../../db/models';
import { pruneTranscripts } from '../transcripts/store';
import { deleteByIds } from './delete-by-ids';

/** The day `months` calendar months before `now` (UTC); messages before it are pruned. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Deletes the message history older than `before`: inbound messages received before it and outbox
 * entries due before it that are no longer waiting to go (sent, failed or cancelled), with the
 * platform ids that pointed to them, and the transcripts' lines said before it. Messages still to be handled or sent are left, whatever their
 * age. Each collection is read once (a filter on a date scans it on FerretDB; once a day is fine)
 * and deleted from by `_id` in bounded batches.
 */
export async function pruneMessageHistory(
  models: Models,
  before: Date,
): Promise<{ inboundMessages: number; outbox: number; transcriptLines: number; before: string }> {
  const queuedInbound = new Set(
    (await models.inboundQueue.find({}, { _id: 1 }).lean()).map((entry) => String(entry._id)),
  );
  const queuedOutbox = new Set(
    (await models.outboxQueue.find({}, { _id: 1 }).lean()).map((entry) => String(entry._id)),
  );
  const inbound = (await models.inboundMessages.find({ receivedAt: { $lt: before } }, { _id: 1 }).lean())
    .map((message) => String(message._id))
    .filter((key) => !queuedInbound.has(key));
  const outbox = (
    await models.outbox
      .find(
        { dueAt: { $lt: before }, status: { $ne: 'pending' } },
        { _id: 1, channel: 1, platformMessageId: 1 },
      )
      .lean()
  ).filter((entry) => !queuedOutbox.has(String(entry._id)));
  const inboundMessages = await deleteByIds(models.inboundMessages as unknown as Model<never>, inbound);
  // The platform ids first: a status arriving meanwhile then finds no entry rather than a half-deleted one.
  await deleteByIds(
    models.outboxPlatformIds as unknown as Model<never>,
    outbox.flatMap((entry) =>
      entry.platformMessageId ? [`${entry.channel}:${entry.platformMessageId}`] : [],
    ),
  );
  await deleteByIds(
    models.outboxFailures as unknown as Model<never>,
    outbox.map((entry) => String(entry._id)),
  );
  const deletedOutbox = await deleteByIds(
    models.outbox as unknown as Model<never>,
    outbox.map((entry) => String(entry._id)),
  );
  const transcriptLines = await pruneTranscripts(models, before);
  return { inboundMessages, outbox: deletedOutbox, transcriptLines, before: before.toISOString() };
}
