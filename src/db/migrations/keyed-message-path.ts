import type { Document } from 'mongodb';
import { rebuildReportLedgers } from '../../domain/reports/weekly-report-service';
import type { Models } from '../models';
import { conversationKey } from '../models/conversation';
import { inboundKey } from '../models/inbound-message';
import { weeklyReportKey } from '../models/weekly-report';
import type { Migration } from '.';
import { dropIndexes, rekey } from './rekey';

/**
 * Conversations under their chat's key. The last applied message is named by its key from now on,
 * found through the old message record (read by `_id`), so a message applied just before the
 * upgrade is still not applied twice. Runs before the messages are moved.
 */
export const conversationsByChat: Migration = {
  id: '2026-12-conversations-by-chat',
  description: 'conversations keyed by chat',
  async run(models: Models) {
    const conversations = models.conversations.collection;
    const inbound = models.inboundMessages.collection;
    await dropIndexes(conversations, ['channel_1_chatId_1']);
    return rekey(
      conversations,
      (conversation) => conversationKey(String(conversation.channel), String(conversation.chatId)),
      async (conversation) => {
        const { lastInboundId, ...rest } = conversation;
        const applied: Document | null = lastInboundId
          ? await inbound.findOne(
              { _id: lastInboundId },
              { projection: { channel: 1, platformMessageId: 1 } },
            )
          : null;
        return {
          ...rest,
          ...(applied
            ? { lastInboundId: inboundKey(String(applied.channel), String(applied.platformMessageId)) }
            : {}),
          lastWrittenAt: rest.lastWrittenAt ?? rest.lastActivityAt,
        };
      },
    );
  },
};

/** Message records under their channel and platform id; those not yet handled are queued. */
export const inboundByKey: Migration = {
  id: '2026-12-inbound-by-key',
  description: 'inbound messages keyed by channel and platform id, unfinished ones queued',
  async run(models: Models) {
    const records = models.inboundMessages.collection;
    await dropIndexes(records, [
      'channel_1_platformMessageId_1',
      'channel_1_chatId_1_status_1_receivedAt_1',
      'status_1_receivedAt_1',
    ]);
    let order = Date.now() * 1000;
    const moved = await rekey(records, (record) =>
      inboundKey(String(record.channel), String(record.platformMessageId)),
    );
    // Whatever is still to be handled (moved now, or by an interrupted run) has its place in the queue.
    let queued = 0;
    for await (const record of records.find({ status: { $in: ['received', 'failed'] } })) {
      if (record.status === 'failed' && (record.attempts ?? 0) >= 3) continue;
      try {
        await models.inboundQueue.collection.insertOne({
          _id: record._id,
          channel: record.channel,
          chatId: record.chatId,
          receivedAt: record.receivedAt,
          order: order++,
          payload: record.payload ?? {},
          attempts: record.attempts ?? 0,
        });
        queued++;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 11000) throw error;
      }
    }
    return moved + queued;
  },
};

/** Weekly reports under their participant and week, and every participant's ledger built from them. */
export const reportsByWeek: Migration = {
  id: '2026-12-reports-by-week',
  description: 'weekly reports keyed by participant and week, ledgers built',
  async run(models: Models) {
    const reports = models.weeklyReports.collection;
    await dropIndexes(reports, ['participant_1_week_1']);
    const moved = await rekey(reports, (report) => weeklyReportKey(report.participant, String(report.week)));
    return moved + (await rebuildReportLedgers(models));
  },
};
