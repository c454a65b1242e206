import type { Models } from '../models';
import type { Migration } from '.';

/** The failures the outbox held before they were listed on their own, read from it once. */
export const outboxFailuresListed: Migration = {
  id: '2026-12-outbox-failures',
  description: 'failed outbox entries listed among the failures',
  run: async (models: Models) => {
    const failed = await models.outbox
      .find({ status: 'failed' }, { channel: 1, chatId: 1, lastError: 1, attempts: 1, updatedAt: 1 })
      .lean<
        {
          _id: string;
          channel: string;
          chatId: string;
          lastError?: string | null;
          attempts?: number | null;
          updatedAt?: Date;
        }[]
      >();
    for (let start = 0; start < failed.length; start += 500) {
      await models.outboxFailures.bulkWrite(
        failed.slice(start, start + 500).map((entry) => ({
          updateOne: {
            filter: { _id: entry._id },
            update: {
              $set: {
                channel: entry.channel,
                chatId: entry.chatId,
                ...(entry.lastError ? { lastError: entry.lastError } : {}),
                attempts: entry.attempts ?? 0,
                failedAt: entry.updatedAt ?? new Date(0),
              },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    }
    return failed.length;
  },
};
