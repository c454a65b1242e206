import { OutboxSender, SendRateLimiter, type SendLimits } from '../../src/channels/outbox-sender';
import type { Models } from '../../src/db/models';
import { queueMany, queueOnce, type OutboxMessage } from '../../src/db/outbox';
import { createLogger } from '../../src/log';
import { useMonitoredModels, useTestDatabase } from '../support/database';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** The service's sender on a stand-in platform that notes each message it takes, and when. */
function standIn(models: Models, channel: string, limits: SendLimits) {
  const taken: { key: string; at: number }[] = [];
  const sender = new OutboxSender({
    channel,
    platform: 'stand-in',
    models,
    send: async ({ id }) => {
      taken.push({ key: id, at: Date.now() });
    },
    classifyFailure: (error) => ({ kind: 'permanent', reason: String(error) }),
    clock: () => new Date(),
    logger,
    limiter: new SendRateLimiter(limits),
  });
  return { sender, taken };
}

/** A Saturday's reminders of `count` participants, due a minute ago. */
const reminders = (channel: string, count: number): OutboxMessage[] =>
  Array.from({ length: count }, (_, index) => ({
    dedupeKey: `weekly-report-reminder:${channel}${index}:2026-W50:first`,
    channel,
    chatId: `${channel}-${index}`,
    message: { text: `Bapak/Ibu ${index}, sudah waktunya laporan mingguan.` },
    dueAt: new Date(Date.now() - 60_000),
  }));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('sending a big bulk of reminders', () => {
  const monitored = useMonitoredModels(db);
  const { commands } = monitored;

  it('reads the queue once for all it sends, so a message costs the same however long the queue', async () => {
    // More than a pass read before (200), few enough to send one after another on a busy machine.
    const bulk = reminders('once', 250);
    await queueMany(db.models, bulk);
    const { sender, taken } = standIn(monitored.models, 'once', { perSecond: 10_000, perChatIntervalMs: 0 });
    commands.length = 0;
    await sender.deliverDue();
    expect(taken.map((sent) => sent.key)).toEqual(bulk.map((entry) => entry.dedupeKey));
    const queueReads = commands.filter(
      (event) => event.commandName === 'find' && event.command.find === 'outbox_queue',
    );
    expect(queueReads).toHaveLength(1);
    expect(await db.models.outboxQueue.countDocuments({ channel: 'once' })).toBe(0);
  }, 60_000);

  it('sends a reply queued while thousands of reminders go out within a few seconds, ahead of them', async () => {
    const bulk = reminders('ahead', 3000);
    await queueMany(db.models, bulk);
    const { sender, taken } = standIn(db.models, 'ahead', { perSecond: 30, perChatIntervalMs: 1000 });
    sender.start();
    try {
      await until(() => taken.length >= 30, 30_000);
      // Queued by another instance (nothing wakes this sender): found at its next look ahead.
      const reply = {
        dedupeKey: 'reply:ahead-7:msg-41:0',
        channel: 'ahead',
        chatId: 'ahead-7',
        message: { text: 'Terima kasih, laporan Bapak/Ibu sudah kami terima.' },
        dueAt: new Date(),
      };
      // A broadcast queued at the same moment is bulk: it waits its turn behind the reminders.
      const broadcast = {
        ...reply,
        dedupeKey: 'broadcast:b1:ahead-8',
        chatId: 'ahead-8',
        message: { text: 'Pelatihan pemasaran hari Senin.' },
        bulk: true as const,
      };
      const queuedAt = Date.now();
      await queueOnce(db.models, reply);
      await queueOnce(db.models, broadcast);
      await until(() => taken.some((sent) => sent.key === reply.dedupeKey), 5_000);
      const replyAt = taken.find((sent) => sent.key === reply.dedupeKey)?.at ?? 0;
      expect(replyAt - queuedAt).toBeLessThan(5_000);

      // One queued in this process wakes the sender: it goes before the next reminder.
      const second = { ...reply, dedupeKey: 'reply:ahead-9:msg-42:0', chatId: 'ahead-9' };
      const secondQueuedAt = Date.now();
      await queueOnce(db.models, second);
      sender.wake();
      await until(() => taken.some((sent) => sent.key === second.dedupeKey), 5_000);
      expect((taken.find((sent) => sent.key === second.dedupeKey)?.at ?? 0) - secondQueuedAt).toBeLessThan(
        5_000,
      );

      expect(taken.filter((sent) => sent.key.startsWith('weekly-report-reminder:')).length).toBeLessThan(
        bulk.length / 2,
      );
      expect((await db.models.outbox.findById(broadcast.dedupeKey).lean())?.status).toBe('pending');
      // Never more than the channel's rate in any second, the replies included.
      const times = taken.map((sent) => sent.at);
      for (const [index, at] of times.entries())
        expect(
          times.slice(index, index + 31).filter((later) => later < at + 1000).length,
        ).toBeLessThanOrEqual(30);
    } finally {
      await sender.stop();
    }
    const keys = taken.map((sent) => sent.key);
    expect(new Set(keys).size).toBe(keys.length);
  }, 60_000);
});
