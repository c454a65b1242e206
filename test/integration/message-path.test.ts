import mongoose, { type Connection } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { createModels, buildIndexes, type Models } from '../../src/db/models';
import { recordInbound } from '../../src/db/inbound';
import { acquireLease, releaseLease } from '../../src/db/leases';
import { chatLockKey, LOCK_MILLISECONDS } from '../../src/conversations/chat-lock';
import type { InboundMessage } from '../../src/engine/messages';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import { testConversationService } from '../support/conversations';
import { testServerUri } from '../support/database';
import { siti } from '../support/participants';
import { identifyPerson } from '../../src/conversations/identify';
import { deliverOwnReplies } from '../../src/channels/simulator';
import { upsertPerson } from '../../src/imports/upsert';

/**
 * The message path must cost the same on the first day and after a year: every database command it
 * sends reads or writes one document by `_id`, or scans a queue that holds only unfinished work.
 * These tests watch the commands themselves (the driver's command monitoring) on a real server.
 */
let connection: Connection;
let models: Models;
const commands: CommandStartedEvent[] = [];

beforeAll(async () => {
  connection = mongoose.createConnection(testServerUri(), {
    dbName: `test_path_${Date.now().toString(36)}`,
    autoIndex: false,
    autoCreate: false,
    monitorCommands: true,
  });
  await connection.asPromise();
  connection.getClient().on('commandStarted', (event) => commands.push(event));
  models = createModels(connection);
  await buildIndexes(models);
});

afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

let now = new Date('2026-11-28T09:00:00Z');
const clock = () => new Date(now.getTime());
let counter = 0;
const message = (chatId: string, text: string, id = `p${++counter}`): InboundMessage => {
  now = new Date(now.getTime() + 1000);
  return { channel: 'simulator', chatId, platformMessageId: id, receivedAt: clock(), text };
};

/** Work queues: they hold only what is unfinished, so scanning them costs what is in hand. */
const QUEUES = new Set(['inbound_queue', 'outbox_queue', 'leases']);

/** What a command does to which collection, and whether it may run on the message path. */
function describeCommand(event: CommandStartedEvent): { text: string; keyed: boolean } {
  const command = event.command as Record<string, unknown>;
  const name = event.commandName;
  const collection = String(command[name]);
  const filters: unknown[] =
    name === 'find'
      ? [command.filter]
      : name === 'update'
        ? (command.updates as { q: unknown }[]).map((update) => update.q)
        : name === 'delete'
          ? (command.deletes as { q: unknown }[]).map((deletion) => deletion.q)
          : name === 'findAndModify'
            ? [command.query]
            : name === 'aggregate' || name === 'count' || name === 'distinct'
              ? [{ scan: true }]
              : [];
  const byId = (filter: unknown) => {
    const keys = Object.keys((filter ?? {}) as object);
    const id = (filter as { _id?: unknown } | undefined)?._id;
    return keys.length === 1 && keys[0] === '_id' && (typeof id === 'string' || id instanceof Object);
  };
  const plainId = (filter: unknown) =>
    byId(filter) &&
    !Object.keys(((filter as { _id: object })._id ?? {}) as object).some((key) => key.startsWith('$'));
  const keyed = QUEUES.has(collection) || filters.every((filter) => plainId(filter));
  return { text: `${name} ${collection} ${JSON.stringify(filters)}`, keyed };
}

async function commandsOf(work: () => Promise<unknown>): Promise<{ text: string; keyed: boolean }[]> {
  commands.length = 0;
  await work();
  return commands
    .filter((event) => !['hello', 'isMaster', 'ping', 'endSessions'].includes(event.commandName))
    .map(describeCommand);
}

describe('the message path by key', () => {
  it('reports a week with only reads and writes by _id and scans of work queues, history or not', async () => {
    const service = testConversationService(models, clock);
    const phone = '+6281200009001';
    const participant = await models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    // Twelve earlier weeks, so the report's history checks have something to read.
    for (let week = 36; week <= 47; week++) {
      await submitWeeklyReport(models, {
        participant: participant._id,
        week: `2026-W${week}`,
        sales: 500_000,
        spending: 100_000,
        savingsDeposit: 10_000,
        savingsWithdrawal: 0,
        channel: 'simulator',
        submittedAt: clock(),
      });
    }
    // The chat's first message finds who writes (a search, once per chat); after that, keys only.
    await service.receive(message(phone, 'halo'));

    const offending: string[] = [];
    let total = 0;
    const script = ['1', '650rb', '100rb', '20rb', 'tidak', 'ya'];
    for (const text of script) {
      const used = await commandsOf(() => service.receive(message(phone, text)));
      total += used.length;
      offending.push(
        ...used.filter((command) => !command.keyed).map((command) => `${text}: ${command.text}`),
      );
    }
    expect(offending).toEqual([]);

    const report = await models.weeklyReports.findById(`${String(participant._id)}:2026-W48`).lean();
    expect(report).toMatchObject({
      sales: 650_000,
      spending: 100_000,
      savingsDeposit: 20_000,
      savingsBalance: 140_000,
    });
    // Nothing is left in the queue once handled; the records stay, one per message.
    expect(await models.inboundQueue.countDocuments({})).toBe(0);
    expect(await models.inboundMessages.countDocuments({ chatId: phone, status: 'processed' })).toBe(
      script.length + 1,
    );
    expect(total / script.length).toBeLessThan(25);
  });

  it('gives the simulator its replies from the request in hand: marked sent, out of the queue, the outbox not read', async () => {
    const service = testConversationService(models, clock);
    const phone = '+6281200009010';
    await models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    await service.receive(message(phone, 'halo'));
    commands.length = 0;
    const { replies } = await service.converse(message(phone, 'lapor'));
    const delivered = await deliverOwnReplies(models, replies, clock());

    expect(delivered.map((reply) => reply.text).join('\n')).toContain('Berapa omzet');
    const reads = commands
      .filter((event) => event.commandName === 'find')
      .map((event) => String(event.command.find));
    expect(reads.filter((collection) => collection.startsWith('outbox'))).toEqual([]);
    const keys = replies.map((reply) => reply.key);
    expect(await models.outboxQueue.countDocuments({ _id: { $in: keys } })).toBe(0);
    expect(
      (await models.outbox.find({ _id: { $in: keys } }, { status: 1 }).lean()).map((entry) => entry.status),
    ).toEqual(keys.map(() => 'sent'));
  });

  it('answers a message the platform delivers again long after, never twice', async () => {
    const service = testConversationService(models, clock);
    const phone = '+6281200009002';
    await models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    const first = message(phone, 'halo', 'again-1');
    expect(await service.receive(first)).toBe('accepted');
    const replies = await models.outbox.countDocuments({ chatId: phone });
    expect(replies).toBeGreaterThan(0);

    now = new Date(now.getTime() + 6 * 3600_000);
    expect(await service.receive({ ...first, receivedAt: clock() })).toBe('duplicate');
    await service.drain('simulator', phone);
    expect(await models.outbox.countDocuments({ chatId: phone })).toBe(replies);
  });

  it('handles a message whose record was stored but not queued before a crash, when it comes again', async () => {
    const service = testConversationService(models, clock);
    const phone = '+6281200009003';
    await models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    const lost = message(phone, 'halo', 'crash-1');
    // The record alone, as a crash right after its insert leaves it.
    await models.inboundMessages.create({ ...lost, payload: lost });
    expect(await models.inboundQueue.countDocuments({ chatId: phone })).toBe(0);

    expect(await service.receive(lost)).toBe('duplicate');
    await service.drain('simulator', phone);
    expect(await models.outbox.countDocuments({ chatId: phone })).toBeGreaterThan(0);
    expect(await models.inboundMessages.findById(`simulator:crash-1`).lean()).toMatchObject({
      status: 'processed',
    });
    // Twenty deliveries at once still give one record and one effect.
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => recordInbound(models, message(phone, 'storm', 'storm-1'))),
    );
    expect(outcomes.filter((outcome) => outcome === 'accepted')).toHaveLength(1);
  });

  it('recognises a chat by its remembered writer, and no longer once their record names another phone', async () => {
    const service = testConversationService(models, clock);
    const phone = '+6281200009004';
    const participant = await models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    await service.receive(message(phone, 'halo'));
    const conversation = await models.conversations.findById(`simulator:${phone}`).lean();
    expect(conversation?.people).toEqual([
      { userId: phone, kind: 'participant', id: String(participant._id) },
    ]);

    await models.participants.updateOne({ _id: participant._id }, { $set: { phone: '+6281200009099' } });
    await service.receive(message(phone, 'halo'));
    const lastReply = await models.outbox.find({ chatId: phone }).sort({ createdAt: -1 }).limit(1).lean();
    expect(String((lastReply[0]?.message as { text?: string })?.text)).toContain('belum terdaftar');
  });

  it("recognises an imported participant's first message on each app by the keys written at import, never by a search", async () => {
    const phone = '+6281200009011';
    const { phone: _phone, ...fields } = siti(phone, { consentedOn: 'simulator', at: now });
    expect(await upsertPerson(models, 'participant', phone, fields)).toBe('created');
    const participant = await models.participants.findOne({ phone }, { _id: 1 }).lean();
    const digits = phone.slice(1);
    for (const [channel, chatId] of [
      ['simulator', phone],
      ['whatsapp-cloud', digits],
      ['whatsapp-web', `${digits}@c.us`],
    ] as const) {
      let found: Awaited<ReturnType<typeof identifyPerson>> | undefined;
      const used = await commandsOf(async () => {
        found = await identifyPerson(models, channel, chatId, undefined, clock());
      });
      expect(found?.person).toMatchObject({ kind: 'participant', id: String(participant?._id) });
      expect(used.filter((command) => !command.keyed)).toEqual([]);
      expect(used.filter((command) => command.text.startsWith('update'))).toEqual([]);
    }
  });

  it('finds the writer of a new chat by the identity key once they were found, and searches again when it no longer holds', async () => {
    const phone = '+6281200009005';
    const participant = await models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    // First seen: a search of the records, and the identity's key written.
    const first = await commandsOf(() => identifyPerson(models, 'simulator', phone, undefined, clock()));
    expect(first.some((command) => !command.keyed)).toBe(true);
    expect(await models.identities.findById(`simulator:${phone}`).lean()).toMatchObject({
      kind: 'participant',
      person: String(participant._id),
    });

    // A new conversation of the same writer (one forgotten, a conversation erased): keys only.
    const again = await commandsOf(() => identifyPerson(models, 'simulator', phone, undefined, clock()));
    expect(again.filter((command) => !command.keyed)).toEqual([]);
    expect((await identifyPerson(models, 'simulator', phone, undefined, clock())).person).toMatchObject({
      kind: 'participant',
      id: String(participant._id),
    });

    // The record now names another phone: the key no longer holds, so the records are searched again.
    await models.participants.updateOne({ _id: participant._id }, { $set: { phone: '+6281200009098' } });
    const moved = await identifyPerson(models, 'simulator', phone, undefined, clock());
    expect(moved.person.kind).toBe('unknown');
    expect(await models.identities.findById(`simulator:${phone}`).lean()).toBeNull();
  });

  it("names a participant's two mentors with their numbers, each read by _id", async () => {
    const service = testConversationService(models, clock);
    const phone = '+6281200009005';
    const [mibi, tksk] = await models.mentors.create([
      { name: 'Rizky Pratama', phone: '+6281300009001', type: 'MiBi' },
      { name: 'Dedi Kurnia', phone: '+6281300009002', type: 'TKSK' },
    ]);
    await models.participants.create({
      ...siti(phone, { consentedOn: 'simulator', at: now }),
      mentors: { mibi: mibi?._id, tksk: tksk?._id },
    });
    await service.receive(message(phone, 'halo'));
    const used = await commandsOf(() => service.receive(message(phone, '5')));
    expect(used.filter((command) => !command.keyed)).toEqual([]);
    const replies = await models.outbox.find({ chatId: phone }).lean();
    const texts = replies.map((reply) => String((reply.message as { text?: string }).text)).join('\n');
    expect(texts).toContain('MiBi: Rizky Pratama, 081300009001');
    expect(texts).toContain('TKSK: Dedi Kurnia, 081300009002');
  });

  it("answers a message that comes while the chat's previous one is in hand, in its own request", async () => {
    const service = testConversationService(models, clock);
    const phone = '+6281200009006';
    await models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    // Another request (or instance) holds the chat: the previous message is being answered.
    const lock = chatLockKey('simulator', phone);
    const held = await acquireLease(models, lock, clock(), LOCK_MILLISECONDS);
    let answered = false;
    const receiving = service.receive(message(phone, 'halo')).then((status) => {
      answered = true;
      return status;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(answered).toBe(false);
    expect(await models.outbox.countDocuments({ chatId: phone })).toBe(0);

    await releaseLease(models, lock, held as string);
    expect(await receiving).toBe('accepted');
    expect(await models.outbox.countDocuments({ chatId: phone })).toBeGreaterThan(0);
    expect(await models.inboundQueue.countDocuments({ chatId: phone })).toBe(0);
  });

  it('leaves a message queued, not lost, when its chat stays held past the wait', async () => {
    const service = testConversationService(models, clock);
    const phone = '+6281200009007';
    await models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    const lock = chatLockKey('simulator', phone);
    const held = await acquireLease(models, lock, clock(), LOCK_MILLISECONDS);
    const waiting = message(phone, 'halo');
    expect(await service.accept(waiting)).toBe('accepted');
    await service.drain('simulator', phone, 200);
    expect(await models.inboundQueue.countDocuments({ chatId: phone })).toBe(1);

    // The holder, done, hands on; whoever drains next (a holder that looks again, or the sweep) answers.
    await releaseLease(models, lock, held as string);
    await service.drain('simulator', phone, 0);
    expect(await models.inboundQueue.countDocuments({ chatId: phone })).toBe(0);
    expect(await models.outbox.countDocuments({ chatId: phone })).toBeGreaterThan(0);
  });

  it('renews the chat lease while a backlog outlasts half of it, and answers every message in order', async () => {
    const phone = '+6281200009008';
    await models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    const accepting = testConversationService(models, clock);
    for (const text of ['halo', '1', '650rb'])
      expect(await accepting.accept(message(phone, text))).toBe('accepted');
    // Each look at the clock is four seconds later: a slow backlog, as after an outage.
    const slow = testConversationService(models, () => {
      now = new Date(now.getTime() + 4000);
      return clock();
    });
    const used = await commandsOf(() => slow.drain('simulator', phone, 0));
    expect(used.filter((command) => command.text.startsWith('update leases'))).not.toHaveLength(0);
    expect(await models.inboundQueue.countDocuments({ chatId: phone })).toBe(0);
    expect(await models.inboundMessages.countDocuments({ chatId: phone, status: 'processed' })).toBe(3);
    const conversation = await models.conversations.findById(`simulator:${phone}`).lean();
    expect(conversation?.flow?.answers).toMatchObject({ sales: 650_000 });
  });

  it('opens one complaint for a message handled again after a crash, and gives the same number', async () => {
    const phone = '+6281200009009';
    await models.puskesos.create({ name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' });
    await models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    const service = testConversationService(models, clock);
    for (const text of ['halo', '3', '1', 'Bantuan PKH belum cair', '-'])
      await service.receive(message(phone, text));
    const conversationId = `simulator:${phone}`;
    const before = await models.conversations.findById(conversationId).lean();
    const confirm = message(phone, '1', 'confirm-complaint');
    await service.receive(confirm);
    const numberIn = async () => {
      const replies = await models.outbox.find({ chatId: phone }).lean();
      return replies
        .map((reply) => /PGD-\d{4}-\d{6}/.exec(String((reply.message as { text: string }).text))?.[0])
        .filter(Boolean);
    };
    const [number] = await numberIn();
    expect(number).toBeDefined();

    // As if the process stopped after opening it, before the conversation moved on: the message is
    // handled again from the same step (a second delivery, or the sweep).
    const handleAgain = async () => {
      await models.conversations.replaceOne({ _id: conversationId }, before ?? {});
      await models.inboundMessages.deleteOne({ _id: `simulator:${confirm.platformMessageId}` });
      await models.outbox.deleteMany({ _id: { $regex: '^reply:simulator:confirm-complaint:' } });
      await service.receive(confirm);
    };
    await handleAgain();
    expect(await numberIn()).toEqual([number]);
    // And when it stopped during the opening itself (claimed, no result yet): the complaint is found.
    await models.messageEffects.updateOne(
      { _id: 'simulator:confirm-complaint:open-complaint' },
      { $unset: { result: 1 } },
    );
    await handleAgain();
    expect(await numberIn()).toEqual([number]);
    expect(await models.complaints.countDocuments({ complainantPhone: phone })).toBe(1);
  });
});
