import { OutboxSender, SendRateLimiter } from '../../src/channels/outbox-sender';
import { markOutboxSent, queueMany, type OutboxMessage } from '../../src/db/outbox';
import { createLogger } from '../../src/log';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** The service's sender on a stand-in platform that notes each message it takes. */
function standIn(limits = { perSecond: 1000, perChatIntervalMs: 0 }, batchSize = 3) {
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
    logger,
    limiter: new SendRateLimiter(limits),
    settings: { batchSize },
  });
  async function drain() {
    for (let pass = 0; pass < 20 && (await db.models.outboxQueue.countDocuments()) > 0; pass++)
      await sender.deliverDue();
  }
  return { sender, taken, drain };
}

const reminder = (participant: number): OutboxMessage => ({
  dedupeKey: `weekly-report-reminder:p${participant}:2026-W50:first`,
  channel: 'telegram',
  chatId: `chat-${participant}`,
  message: { text: `Bapak/Ibu ${participant}, sudah waktunya laporan mingguan.` },
  dueAt: new Date(Date.now() - 1000),
  ...(participant === 1 ? { fallbacks: [{ channel: 'whatsapp-web', chatId: '62815000001@c.us' }] } : {}),
});

describe('a batch job’s messages, queued in bulk and sent', () => {
  it('queues each message once, and a rerun after a crash sends what was left and nothing twice', async () => {
    const reminders = Array.from({ length: 7 }, (_, index) => reminder(index));
    const keys = reminders.map((entry) => entry.dedupeKey);
    expect([...(await queueMany(db.models, reminders))].sort()).toEqual([...keys].sort());
    expect(await db.models.outbox.findById(keys[1]).lean()).toMatchObject({
      status: 'pending',
      attempts: 0,
      chatId: 'chat-1',
      fallbacks: [{ channel: 'whatsapp-web', chatId: '62815000001@c.us' }],
      createdAt: expect.any(Date),
    });

    // The state a crash leaves: one reminder already sent, one written but not yet in the queue.
    await markOutboxSent(db.models, keys[0] ?? '', { at: new Date(), attempts: 1, channel: 'telegram' });
    await db.models.outboxQueue.deleteOne({ _id: keys[2] });
    // The same messages again, with one more participant: only the new one counts as queued.
    const rerun = [...reminders, reminder(7)];
    expect([...(await queueMany(db.models, rerun))]).toEqual([reminder(7).dedupeKey]);

    const { taken, drain } = standIn();
    await drain();
    expect([...taken].sort()).toEqual([...keys.slice(1), reminder(7).dedupeKey].sort());
    expect(await db.models.outbox.countDocuments({ status: 'sent' })).toBe(8);

    // Once everything went out, another rerun queues nothing and sends nothing.
    expect((await queueMany(db.models, rerun)).size).toBe(0);
    await drain();
    expect(taken).toHaveLength(7);
  });

  it('keeps to the channel’s rate within one pass instead of reading the queue again for each second', async () => {
    const keys = Array.from({ length: 5 }, (_, index) => `weekly-report-reminder:q${index}:2026-W50:first`);
    await queueMany(
      db.models,
      keys.map((key, index) => ({ ...reminder(10 + index), dedupeKey: key })),
    );
    const { sender, taken } = standIn({ perSecond: 2, perChatIntervalMs: 1000 }, 5);
    await sender.deliverDue();
    // All five in one pass (at two a second), in their order.
    expect(taken).toEqual(keys);
    expect(await db.models.outboxQueue.countDocuments()).toBe(0);
    await sender.stop();
  });
});
