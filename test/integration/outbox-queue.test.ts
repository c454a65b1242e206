import type { CommandStartedEvent } from 'mongodb';
import { OutboxSender, SendRateLimiter, type SendFailure } from '../../src/channels/outbox-sender';
import { recordDeliveryStatus } from '../../src/channels/whatsapp-cloud/delivery-status';
import { deliverSimulatorReplies } from '../../src/channels/simulator';
import type { Models } from '../../src/db/models';
import { cancelQueuedOutbox, queueOnce, queuedCountsByChannel } from '../../src/db/outbox';
import { createLogger } from '../../src/log';
import { useMonitoredModels, useTestDatabase } from '../support/database';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** What the platform stand-in took: the entry's key and text, in order. */
interface Taken {
  key: string;
  chatId: string;
  text: string;
}

/**
 * The service's own sender on a channel whose platform is a stand-in: it records each message, or
 * throws what `failures` says for a text (a platform refusal), and gives each sent message an id.
 */
function standInSender(models: Models, channel: string, failures: Map<string, SendFailure> = new Map()) {
  const taken: Taken[] = [];
  let ids = 0;
  const sender = new OutboxSender({
    channel,
    platform: 'stand-in',
    models,
    send: async ({ id, chatId, message }) => {
      const failure = failures.get(message.text);
      if (failure) throw failure;
      taken.push({ key: id, chatId, text: message.text });
      return { platformMessageId: `wamid.stand-in-${++ids}` };
    },
    classifyFailure: (error) => error as SendFailure,
    clock: () => new Date(),
    logger,
    limiter: new SendRateLimiter({ perSecond: 1000, perChatIntervalMs: 0 }),
    settings: { maxAttempts: 2, baseRetryDelayMs: 1, maxRetryDelayMs: 1 },
  });
  /** Passes until nothing more goes out (a chat sends one message per pass). */
  async function drain() {
    for (let pass = 0; pass < 50; pass++) {
      const before = taken.length;
      await sender.deliverDue();
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (taken.length === before && (await models.outboxQueue.countDocuments({ channel })) === 0) return;
    }
  }
  return { sender, taken, drain };
}

const message = (key: string, chatId: string, text: string, channel = 'telegram') => ({
  dedupeKey: key,
  channel,
  chatId,
  message: { text },
  dueAt: new Date(Date.now() - 1000),
});

describe('the outbox queue', () => {
  it('sends a message whose entry was written but never queued (a crash in between) once it is queued again, once', async () => {
    const { taken, drain } = standInSender(db.models, 'crash');
    const entry = message('reminder:crash:1', '7001', 'Pengingat laporan', 'crash');
    // What queueOnce had written when the process died: the entry, not yet its place in the queue.
    await db.models.outbox.create(entry);
    await drain();
    expect(taken).toEqual([]);

    // The job's rerun queues the same key: it was queued before (false), and now it goes.
    expect(await queueOnce(db.models, entry)).toBe(false);
    await drain();
    expect(taken.map((sent) => sent.text)).toEqual(['Pengingat laporan']);
    expect(await queueOnce(db.models, entry)).toBe(false);
    await drain();
    expect(taken).toHaveLength(1);
    expect(await db.models.outbox.findById('reminder:crash:1').lean()).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });

  it('takes entries out of the queue once sent, failed for good (retries spent) or cancelled', async () => {
    const failures = new Map<string, SendFailure>([
      ['diblokir', { kind: 'permanent', reason: 'Forbidden: bot was blocked by the user' }],
      ['server sibuk', { kind: 'transient', reason: '502 Bad Gateway' }],
    ]);
    const { taken, drain } = standInSender(db.models, 'leave', failures);
    await queueOnce(db.models, message('leave:sent', '7101', 'terkirim', 'leave'));
    await queueOnce(db.models, {
      ...message('leave:failed', '7102', 'diblokir', 'leave'),
      fallbacks: [{ channel: 'leave-other', chatId: '6281200007102@c.us' }],
    });
    await queueOnce(db.models, message('session:leave:cancelled', '7103', 'dibatalkan', 'leave'));
    await queueOnce(db.models, message('leave:retried', '7104', 'server sibuk', 'leave'));
    expect((await queuedCountsByChannel(db.models)).get('leave')).toBe(4);

    expect(await cancelQueuedOutbox(db.models, 'session:leave:', new Date())).toBe(1);
    await drain();

    expect(taken.map((sent) => sent.text)).toEqual(['terkirim']);
    const statuses = Object.fromEntries(
      (await db.models.outbox.find({ channel: 'leave' }, { status: 1 }).lean()).map((entry) => [
        entry._id,
        entry.status,
      ]),
    );
    expect(statuses).toEqual({
      'leave:sent': 'sent',
      'leave:failed': 'failed',
      'session:leave:cancelled': 'cancelled',
      'leave:retried': 'failed',
    });
    const counts = await queuedCountsByChannel(db.models);
    expect(counts.get('leave')).toBeUndefined();
    // The copy for the person's other app waits in that app's queue.
    expect(counts.get('leave-other')).toBe(1);
    expect(await db.models.outbox.findById('leave:failed>leave-other').lean()).toMatchObject({
      status: 'pending',
      chatId: '6281200007102@c.us',
    });
    // A cancelled message stays cancelled when its key is queued again.
    expect(
      await queueOnce(db.models, message('session:leave:cancelled', '7103', 'dibatalkan', 'leave')),
    ).toBe(false);
    await drain();
    expect(taken).toHaveLength(1);
  });

  it('notes a retry on the entry and in the queue, and holds the chat until then', async () => {
    const failures = new Map<string, SendFailure>([
      ['pelan-pelan', { kind: 'rate_limited', retryAfterMs: 60_000, reason: '429', scope: 'chat' }],
    ]);
    const { sender, taken } = standInSender(db.models, 'wait', failures);
    await queueOnce(db.models, message('wait:1', '7201', 'pelan-pelan', 'wait'));
    await queueOnce(db.models, message('wait:2', '7201', 'sesudahnya', 'wait'));
    await sender.deliverDue();
    await sender.deliverDue();
    expect(taken).toEqual([]);
    const entry = await db.models.outbox.findById('wait:1').lean();
    expect(entry?.retryNotBefore).toBeInstanceOf(Date);
    expect((await db.models.outboxQueue.findById('wait:1').lean())?.retryNotBefore).toEqual(
      entry?.retryNotBefore,
    );
  });

  it('sends the replies to one message in their order, though queued within one millisecond', async () => {
    const { taken, drain } = standInSender(db.models, 'order');
    const dueAt = new Date(Date.now() - 1000);
    const frozen = jest.spyOn(Date, 'now').mockReturnValue(Date.now());
    try {
      // Twelve parts: by key, `:10` and `:11` would come before `:2`.
      for (let index = 0; index < 12; index++) {
        await queueOnce(db.models, {
          dedupeKey: `reply:order-a:${index}`,
          channel: 'order',
          chatId: '7301',
          message: { text: `bagian ${index}` },
          dueAt,
        });
      }
      // The answer to the next message, same millisecond, key first by the alphabet: still after.
      await queueOnce(db.models, {
        dedupeKey: 'reply:order-0:0',
        channel: 'order',
        chatId: '7301',
        message: { text: 'jawaban berikutnya' },
        dueAt,
      });
    } finally {
      frozen.mockRestore();
    }
    await drain();
    expect(taken.map((sent) => sent.text)).toEqual([
      ...Array.from({ length: 12 }, (_, index) => `bagian ${index}`),
      'jawaban berikutnya',
    ]);
  });

  it('gives each simulator reply to one of two requests for the chat at once, every reply to one', async () => {
    const chatId = '+6281200007001';
    for (let index = 0; index < 6; index++)
      await queueOnce(db.models, message(`reply:sim:${index}`, chatId, `Balasan ${index}`, 'simulator'));
    const [first, second] = await Promise.all([
      deliverSimulatorReplies(db.models, chatId, new Date()),
      deliverSimulatorReplies(db.models, chatId, new Date()),
    ]);
    const texts = [...(first ?? []), ...(second ?? [])].map((reply) => reply.text).sort();
    expect(texts).toEqual([0, 1, 2, 3, 4, 5].map((index) => `Balasan ${index}`));
    expect(await db.models.outboxQueue.countDocuments({ chatId })).toBe(0);
    expect(await db.models.outbox.countDocuments({ chatId, status: 'sent' })).toBe(6);
    expect(await deliverSimulatorReplies(db.models, chatId, new Date())).toEqual([]);
  });
});

describe('the sender on an outbox with a long history', () => {
  const monitored = useMonitoredModels(db);
  const { commands } = monitored;

  it('reads and writes the entries by _id only, and finds a delivery status’s entry by _id', async () => {
    const { models } = monitored;
    // Weeks of history: sent messages the message path must never go through.
    const sentAt = new Date(Date.now() - 14 * 86_400_000);
    await db.models.outbox.insertMany(
      Array.from({ length: 300 }, (_, index) => ({
        ...message(`history:${index}`, `80${index % 30}`, `lama ${index}`, 'whatsapp-cloud'),
        status: 'sent',
        sentAt,
      })),
    );
    const failures = new Map<string, SendFailure>([
      ['sekali gagal', { kind: 'transient', reason: '502' }],
      ['diblokir', { kind: 'permanent', reason: 'blocked' }],
    ]);
    const { taken, drain } = standInSender(models, 'whatsapp-cloud', failures);
    commands.length = 0;
    await queueOnce(models, message('keyed:1', '8101', 'halo', 'whatsapp-cloud'));
    await queueOnce(models, message('keyed:2', '8101', 'apa kabar', 'whatsapp-cloud'));
    await queueOnce(models, message('keyed:3', '8102', 'sekali gagal', 'whatsapp-cloud'));
    await queueOnce(models, {
      ...message('keyed:4', '8103', 'diblokir', 'whatsapp-cloud'),
      fallbacks: [{ channel: 'keyed-other', chatId: '8203' }],
    });
    // Queued again: a duplicate, read back by its key.
    await queueOnce(models, message('keyed:1', '8101', 'halo', 'whatsapp-cloud'));
    await drain();
    expect(taken.map((sent) => sent.text)).toEqual(['halo', 'apa kabar']);
    const sent = await models.outbox.findById('keyed:1').lean();
    expect(
      await recordDeliveryStatus(models, {
        platformMessageId: sent?.platformMessageId ?? '',
        status: 'read',
        at: new Date(),
      }),
    ).toBe(true);
    expect((await models.outbox.findById('keyed:1').lean())?.deliveryStatus).toBe('read');

    const onOutbox = commands.filter((event) => targetOf(event) === 'outbox');
    expect(onOutbox.length).toBeGreaterThan(10);
    const unkeyed = onOutbox
      .filter((event) => event.commandName !== 'insert')
      .flatMap((event) => filtersOf(event).map((filter) => ({ command: event.commandName, filter })))
      .filter(({ filter }) => !(Object.keys(filter).join() === '_id' && typeof filter._id === 'string'));
    expect(unkeyed).toEqual([]);
    // The platform id's note is read by its key too.
    for (const event of commands.filter((event) => targetOf(event) === 'outbox_platform_ids')) {
      for (const filter of filtersOf(event)) expect(Object.keys(filter)).toEqual(['_id']);
    }
  });

  it('releases the leases of the entries a pass sent with one delete, and leaves none behind', async () => {
    const { models } = monitored;
    const { sender, taken } = standInSender(models, 'batch');
    for (let index = 0; index < 5; index++)
      await queueOnce(models, message(`batch:${index}`, `85${index}`, `pesan ${index}`, 'batch'));
    commands.length = 0;
    await sender.deliverDue();
    expect(taken.map((sent) => sent.text)).toEqual([0, 1, 2, 3, 4].map((index) => `pesan ${index}`));
    const onLeases = commands.filter((event) => targetOf(event) === 'leases');
    expect(onLeases.filter((event) => event.commandName === 'insert')).toHaveLength(5);
    expect(onLeases.filter((event) => event.commandName === 'delete')).toHaveLength(1);
    expect(await models.leases.countDocuments({ _id: { $regex: '^outbox:batch:' } })).toBe(0);
    expect(await models.outbox.countDocuments({ channel: 'batch', status: 'sent' })).toBe(5);
  });
});

/** The collection a command is about. */
function targetOf(event: CommandStartedEvent): unknown {
  return event.command[event.commandName];
}

/** The filters a command applies (a find's, each update's or delete's); none for an insert. */
function filtersOf(event: CommandStartedEvent): Record<string, unknown>[] {
  const command = event.command as {
    filter?: Record<string, unknown>;
    query?: Record<string, unknown>;
    updates?: { q: Record<string, unknown> }[];
    deletes?: { q: Record<string, unknown> }[];
    pipeline?: unknown[];
  };
  switch (event.commandName) {
    case 'find':
      return [command.filter ?? {}];
    case 'update':
      return (command.updates ?? []).map((update) => update.q);
    case 'delete':
      return (command.deletes ?? []).map((deletion) => deletion.q);
    case 'count':
      return [command.query ?? {}];
    case 'findAndModify':
      return [command.query ?? {}];
    case 'insert':
      return [];
    default:
      // aggregate, distinct...: never on the message path.
      return [{ [event.commandName]: true }];
  }
}
