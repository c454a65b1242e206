import { Types } from 'mongoose';
import { OutboxSender, SendRateLimiter } from '../../src/channels/outbox-sender';
import { recordDeliveryStatus } from '../../src/channels/whatsapp-cloud/delivery-status';
import { migrate } from '../../src/db/migrations';
import { outboxKeyedByDedupeKey } from '../../src/db/migrations/outbox-keyed-by-dedupe-key';
import { queueOnce } from '../../src/db/outbox';
import { createLogger } from '../../src/log';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

const HOUR = 3_600_000;
const now = Date.now();

/** An entry as the earlier version stored it: under an ObjectId, found by its dedupe key's own index. */
function oldEntry(dedupeKey: string, fields: Record<string, unknown>) {
  return {
    _id: new Types.ObjectId(),
    dedupeKey,
    channel: 'telegram',
    chatId: '9001',
    message: { text: dedupeKey },
    dueAt: new Date(now - HOUR),
    status: 'pending',
    attempts: 0,
    createdAt: new Date(now - 2 * HOUR),
    updatedAt: new Date(now - 2 * HOUR),
    __v: 0,
    ...fields,
  };
}

describe('the outbox kept under dedupe keys, from the earlier layout', () => {
  it('moves every entry under its key, queues the pending ones, keeps statuses reachable; twice is once', async () => {
    const raw = db.models.outbox.collection;
    await raw.createIndex({ dedupeKey: 1 }, { unique: true, name: 'dedupeKey_1' });
    await raw.createIndex({ channel: 1, status: 1, dueAt: 1 }, { name: 'channel_1_status_1_dueAt_1' });
    const old = [
      oldEntry('reply:aaa:0', { message: { text: 'pertama' } }),
      oldEntry('reply:aaa:1', { message: { text: 'kedua' } }),
      oldEntry('weekly-report-reminder:p1:2026-W49:first', {
        chatId: '9002',
        attempts: 2,
        retryNotBefore: new Date(now - 60_000),
        lastError: '502 Bad Gateway',
        message: { text: 'pengingat' },
        fallbacks: [{ channel: 'whatsapp-web', chatId: '6281200009002@c.us' }],
      }),
      oldEntry('reply:bbb:0', {
        channel: 'whatsapp-cloud',
        chatId: '6281200009003',
        status: 'sent',
        attempts: 1,
        sentAt: new Date(now - HOUR),
        platformMessageId: 'wamid.lama',
        deliveryStatus: 'delivered',
      }),
      oldEntry('digest:m1:2026-W48', { status: 'failed', attempts: 6, lastError: 'blocked' }),
      oldEntry('session:s1:1:day_before:p1', { status: 'cancelled' }),
    ];
    // Weeks of sent messages around them: more than one batch of the conversion.
    const history = Array.from({ length: 1100 }, (_, index) =>
      oldEntry(`reply:history-${index}:0`, {
        chatId: `93${index % 40}`,
        status: 'sent',
        sentAt: new Date(now - HOUR),
      }),
    );
    await raw.insertMany([...history.slice(0, 600), ...old, ...history.slice(600)]);

    const reported: string[] = [];
    await migrate(db.models, (line) => reported.push(line));
    await migrate(db.models, (line) => reported.push(line));
    expect(reported).toEqual([
      expect.stringMatching(
        /^storage converted: outbox entries kept under their dedupe key.*\(1106 documents in \d+ ms\)$/,
      ),
      // The one that failed is listed where the channels page reads failures.
      expect.stringMatching(
        /^storage converted: failed outbox entries listed among the failures \(1 documents/,
      ),
      // Each chat's transcript, kept with it from then on.
      expect.stringMatching(/^storage converted: each chat's latest lines kept with it \(\d+ documents/),
    ]);

    const stored = await raw.find({}).toArray();
    expect(stored.map((entry) => String(entry._id)).sort()).toEqual(
      [...old, ...history].map((entry) => entry.dedupeKey).sort(),
    );
    expect(await db.models.outboxQueue.countDocuments({})).toBe(3);
    for (const entry of old) {
      const { _id, ...fields } = entry;
      expect(stored.find((copy) => String(copy._id) === entry.dedupeKey)).toMatchObject({
        ...fields,
        order: expect.any(Number),
      });
    }
    const indexes = (await raw.indexes()).map((index) => index.name);
    expect(indexes).not.toContain('dedupeKey_1');
    expect(indexes).not.toContain('channel_1_status_1_dueAt_1');

    // A key already there is still queued once, and nothing is lost: the pending ones go, in order.
    expect(await queueOnce(db.models, { ...old[0]!, message: { text: 'pertama' } })).toBe(false);
    const taken: string[] = [];
    const sender = new OutboxSender({
      channel: 'telegram',
      platform: 'stand-in',
      models: db.models,
      send: async ({ message }) => {
        taken.push(message.text);
      },
      classifyFailure: (error) => ({ kind: 'permanent', reason: String(error) }),
      clock: () => new Date(),
      logger,
      limiter: new SendRateLimiter({ perSecond: 1000, perChatIntervalMs: 0 }),
    });
    for (let pass = 0; pass < 3; pass++) await sender.deliverDue();
    expect([...taken].sort()).toEqual(['kedua', 'pengingat', 'pertama']);
    expect(taken.indexOf('pertama')).toBeLessThan(taken.indexOf('kedua'));
    expect(await db.models.outbox.findById('weekly-report-reminder:p1:2026-W49:first').lean()).toMatchObject({
      status: 'sent',
      attempts: 3,
    });

    // WhatsApp's statuses for a message sent before still find it.
    expect(
      await recordDeliveryStatus(db.models, {
        platformMessageId: 'wamid.lama',
        status: 'read',
        at: new Date(),
      }),
    ).toBe(true);
    expect((await db.models.outbox.findById('reply:bbb:0').lean())?.deliveryStatus).toBe('read');
  });

  it('finishes a run that was interrupted after copying an entry, before removing the original', async () => {
    const raw = db.models.outbox.collection;
    const original = oldEntry('reply:ccc:0', { chatId: '9004', message: { text: 'setengah jalan' } });
    // The copy under its key was made (and is newer than the original: a sender took it meanwhile).
    await raw.insertOne({ ...original, _id: 'reply:ccc:0' as unknown as Types.ObjectId, status: 'sent' });
    await raw.insertOne(original);
    const interrupted = oldEntry('reply:ddd:0', { chatId: '9005', message: { text: 'belum disalin' } });
    await raw.insertOne(interrupted);

    expect(await outboxKeyedByDedupeKey.run(db.models)).toBe(2);
    expect(await outboxKeyedByDedupeKey.run(db.models)).toBe(0);

    expect(await raw.countDocuments({ _id: { $type: 'objectId' } })).toBe(0);
    // The copy was kept as it was: sent, so not queued again.
    expect(await db.models.outbox.findById('reply:ccc:0').lean()).toMatchObject({ status: 'sent' });
    expect(await db.models.outboxQueue.findById('reply:ccc:0').lean()).toBeNull();
    expect(await db.models.outboxQueue.findById('reply:ddd:0').lean()).toMatchObject({
      channel: 'telegram',
      chatId: '9005',
    });
  });
});
