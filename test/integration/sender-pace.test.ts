import { OutboxSender, SendRateLimiter } from '../../src/channels/outbox-sender';
import { queueMany } from '../../src/db/outbox';
import { createLogger } from '../../src/log';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase();

describe('a sender with a backlog of reminders', () => {
  it('keeps to the channel’s rate within one pass instead of reading the queue again for each second', async () => {
    const taken: string[] = [];
    const sender = new OutboxSender({
      channel: 'telegram',
      platform: 'stand-in',
      models: db.models,
      send: async ({ id }) => {
        taken.push(id);
      },
      classifyFailure: (error) => ({ kind: 'permanent', reason: String(error) }),
      clock: () => new Date(),
      logger: createLogger('silent'),
      limiter: new SendRateLimiter({ perSecond: 2, perChatIntervalMs: 1000 }),
      settings: { batchSize: 5 },
    });
    const keys = Array.from({ length: 5 }, (_, index) => `weekly-report-reminder:p${index}:2026-W50:first`);
    await queueMany(
      db.models,
      keys.map((key, index) => ({
        dedupeKey: key,
        channel: 'telegram',
        chatId: `chat-${index}`,
        message: { text: 'Sudah waktunya laporan mingguan.' },
        dueAt: new Date(Date.now() - 1000),
      })),
    );

    await sender.deliverDue();
    // All five in one pass (at two a second), in their order.
    expect(taken).toEqual(keys);
    expect(await db.models.outboxQueue.countDocuments()).toBe(0);
    await sender.stop();
  });
});
