import { recordInbound } from '../../src/db/inbound';
import { acquireLease, releaseLease } from '../../src/db/leases';
import { chatLockKey, LOCK_MILLISECONDS } from '../../src/conversations/chat-lock';
import type { InboundMessage, OutboundMessage } from '../../src/engine/messages';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import type { QueuedReply } from '../../src/conversations/conversation-service';
import { testConversationService } from '../support/conversations';
import { useWatchedDatabase } from '../support/watched-database';
import { siti } from '../support/participants';
import { identifyPerson } from '../../src/conversations/identify';
import { deliverOwnReplies } from '../../src/channels/simulator';
import { upsertPerson } from '../../src/imports/upsert';

/**
 * The message path must cost the same on the first day and after a year: every database command it
 * sends reads or writes one document by `_id`, or scans a queue that holds only unfinished work.
 * These tests watch the commands themselves (the driver's command monitoring) on a real server.
 */
const db = useWatchedDatabase();

let now = new Date('2026-11-28T09:00:00Z');
const clock = () => new Date(now.getTime());
let counter = 0;
const message = (chatId: string, text: string, id = `p${++counter}`): InboundMessage => {
  now = new Date(now.getTime() + 1000);
  return { channel: 'simulator', chatId, platformMessageId: id, receivedAt: clock(), text };
};

const { commandsOf } = db;

describe('the message path by key', () => {
  it('reports a week with only reads and writes by _id and scans of work queues, history or not', async () => {
    const service = testConversationService(db.models, clock);
    const phone = '+6281200009001';
    const participant = await db.models.participants.create(
      siti(phone, { consentedOn: 'simulator', at: now }),
    );
    // Twelve earlier weeks, so the report's history checks have something to read.
    for (let week = 36; week <= 47; week++) {
      await submitWeeklyReport(db.models, {
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

    const report = await db.models.weeklyReports.findById(`${String(participant._id)}:2026-W48`).lean();
    expect(report).toMatchObject({
      sales: 650_000,
      spending: 100_000,
      savingsDeposit: 20_000,
      savingsBalance: 140_000,
    });
    // Nothing is left in the queue once handled; the records stay, one per message.
    expect(await db.models.inboundQueue.countDocuments({})).toBe(0);
    expect(await db.models.inboundMessages.countDocuments({ chatId: phone, status: 'processed' })).toBe(
      script.length + 1,
    );
    expect(total / script.length).toBeLessThan(25);
  });

  it('gives the simulator its replies from the request in hand: marked sent, out of the queue, the outbox not read', async () => {
    const service = testConversationService(db.models, clock);
    const phone = '+6281200009010';
    await db.models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    await service.receive(message(phone, 'halo'));
    let replies: QueuedReply[] = [];
    let delivered: OutboundMessage[] = [];
    const used = await commandsOf(async () => {
      ({ replies } = await service.converse(message(phone, 'lapor')));
      delivered = await deliverOwnReplies(db.models, replies, clock());
    });

    expect(delivered.map((reply) => reply.text).join('\n')).toContain('Berapa omzet');
    const reads = used.filter((command) => command.name === 'find').map((command) => command.collection);
    expect(reads.filter((collection) => collection.startsWith('outbox'))).toEqual([]);
    // No sender reads the simulator's queue, so nothing of it waits ahead of bulk sends.
    expect(used.map((command) => command.collection)).not.toContain('outbox_ahead');
    const keys = replies.map((reply) => reply.key);
    expect(await db.models.outboxQueue.countDocuments({ _id: { $in: keys } })).toBe(0);
    expect(
      (await db.models.outbox.find({ _id: { $in: keys } }, { status: 1 }).lean()).map(
        (entry) => entry.status,
      ),
    ).toEqual(keys.map(() => 'sent'));
  });

  it('answers a message the platform delivers again long after, never twice', async () => {
    const service = testConversationService(db.models, clock);
    const phone = '+6281200009002';
    await db.models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    const first = message(phone, 'halo', 'again-1');
    expect(await service.receive(first)).toBe('accepted');
    const replies = await db.models.outbox.countDocuments({ chatId: phone });
    expect(replies).toBeGreaterThan(0);

    now = new Date(now.getTime() + 6 * 3600_000);
    expect(await service.receive({ ...first, receivedAt: clock() })).toBe('duplicate');
    await service.drain('simulator', phone);
    expect(await db.models.outbox.countDocuments({ chatId: phone })).toBe(replies);
  });

  it('handles a message whose record was stored but not queued before a crash, when it comes again', async () => {
    const service = testConversationService(db.models, clock);
    const phone = '+6281200009003';
    await db.models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    const lost = message(phone, 'halo', 'crash-1');
    // The record alone, as a crash right after its insert leaves it.
    await db.models.inboundMessages.create({ ...lost, payload: lost });
    expect(await db.models.inboundQueue.countDocuments({ chatId: phone })).toBe(0);

    expect(await service.receive(lost)).toBe('duplicate');
    await service.drain('simulator', phone);
    expect(await db.models.outbox.countDocuments({ chatId: phone })).toBeGreaterThan(0);
    expect(await db.models.inboundMessages.findById(`simulator:crash-1`).lean()).toMatchObject({
      status: 'processed',
    });
    // Twenty deliveries at once still give one record and one effect.
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => recordInbound(db.models, message(phone, 'storm', 'storm-1'))),
    );
    expect(outcomes.filter((outcome) => outcome === 'accepted')).toHaveLength(1);
  });

  it('recognises a chat by its remembered writer, and no longer once their record names another phone', async () => {
    const service = testConversationService(db.models, clock);
    const phone = '+6281200009004';
    const participant = await db.models.participants.create(
      siti(phone, { consentedOn: 'simulator', at: now }),
    );
    await service.receive(message(phone, 'halo'));
    const conversation = await db.models.conversations.findById(`simulator:${phone}`).lean();
    expect(conversation?.people).toEqual([
      { userId: phone, kind: 'participant', id: String(participant._id) },
    ]);

    await db.models.participants.updateOne({ _id: participant._id }, { $set: { phone: '+6281200009099' } });
    await service.receive(message(phone, 'halo'));
    const lastReply = await db.models.outbox.find({ chatId: phone }).sort({ createdAt: -1 }).limit(1).lean();
    expect(String((lastReply[0]?.message as { text?: string })?.text)).toContain('belum terdaftar');
  });

  it("recognises an imported participant's first message on each app by the keys written at import, never by a search", async () => {
    const phone = '+6281200009011';
    const { phone: _phone, ...fields } = siti(phone, { consentedOn: 'simulator', at: now });
    expect(await upsertPerson(db.models, 'participant', phone, fields)).toBe('created');
    const participant = await db.models.participants.findOne({ phone }, { _id: 1 }).lean();
    const digits = phone.slice(1);
    for (const [channel, chatId] of [
      ['simulator', phone],
      ['whatsapp-cloud', digits],
      ['whatsapp-web', `${digits}@c.us`],
    ] as const) {
      let found: Awaited<ReturnType<typeof identifyPerson>> | undefined;
      const used = await commandsOf(async () => {
        found = await identifyPerson(db.models, channel, chatId, undefined, clock());
      });
      expect(found?.person).toMatchObject({ kind: 'participant', id: String(participant?._id) });
      expect(used.filter((command) => !command.keyed)).toEqual([]);
      expect(used.filter((command) => command.text.startsWith('update'))).toEqual([]);
    }
  });

  it('finds the writer of a new chat by the identity key once they were found, and searches again when it no longer holds', async () => {
    const phone = '+6281200009005';
    const participant = await db.models.participants.create(
      siti(phone, { consentedOn: 'simulator', at: now }),
    );
    // First seen: a search of the records, and the identity's key written.
    const first = await commandsOf(() => identifyPerson(db.models, 'simulator', phone, undefined, clock()));
    expect(first.some((command) => !command.keyed)).toBe(true);
    expect(await db.models.identities.findById(`simulator:${phone}`).lean()).toMatchObject({
      kind: 'participant',
      person: String(participant._id),
    });

    // A new conversation of the same writer (one forgotten, a conversation erased): keys only.
    const again = await commandsOf(() => identifyPerson(db.models, 'simulator', phone, undefined, clock()));
    expect(again.filter((command) => !command.keyed)).toEqual([]);
    expect((await identifyPerson(db.models, 'simulator', phone, undefined, clock())).person).toMatchObject({
      kind: 'participant',
      id: String(participant._id),
    });

    // The record now names another phone: the key no longer holds, so the records are searched again.
    await db.models.participants.updateOne({ _id: participant._id }, { $set: { phone: '+6281200009098' } });
    const moved = await identifyPerson(db.models, 'simulator', phone, undefined, clock());
    expect(moved.person.kind).toBe('unknown');
    expect(await db.models.identities.findById(`simulator:${phone}`).lean()).toBeNull();
  });

  it("names a participant's two mentors with their numbers, each read by _id", async () => {
    const service = testConversationService(db.models, clock);
    const phone = '+6281200009005';
    const [mibi, tksk] = await db.models.mentors.create([
      { name: 'Rizky Pratama', phone: '+6281300009001', type: 'MiBi' },
      { name: 'Dedi Kurnia', phone: '+6281300009002', type: 'TKSK' },
    ]);
    await db.models.participants.create({
      ...siti(phone, { consentedOn: 'simulator', at: now }),
      mentors: { mibi: mibi?._id, tksk: tksk?._id },
    });
    await service.receive(message(phone, 'halo'));
    const used = await commandsOf(() => service.receive(message(phone, '5')));
    expect(used.filter((command) => !command.keyed)).toEqual([]);
    const replies = await db.models.outbox.find({ chatId: phone }).lean();
    const texts = replies.map((reply) => String((reply.message as { text?: string }).text)).join('\n');
    expect(texts).toContain('MiBi: Rizky Pratama, 081300009001');
    expect(texts).toContain('TKSK: Dedi Kurnia, 081300009002');
  });

  it("answers a message that comes while the chat's previous one is in hand, in its own request", async () => {
    const service = testConversationService(db.models, clock);
    const phone = '+6281200009006';
    await db.models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    // Another request (or instance) holds the chat: the previous message is being answered.
    const lock = chatLockKey('simulator', phone);
    const held = await acquireLease(db.models, lock, clock(), LOCK_MILLISECONDS);
    let answered = false;
    const receiving = service.receive(message(phone, 'halo')).then((status) => {
      answered = true;
      return status;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(answered).toBe(false);
    expect(await db.models.outbox.countDocuments({ chatId: phone })).toBe(0);

    await releaseLease(db.models, lock, held as string);
    expect(await receiving).toBe('accepted');
    expect(await db.models.outbox.countDocuments({ chatId: phone })).toBeGreaterThan(0);
    expect(await db.models.inboundQueue.countDocuments({ chatId: phone })).toBe(0);
  });

  it('leaves a message queued, not lost, when its chat stays held past the wait', async () => {
    const service = testConversationService(db.models, clock);
    const phone = '+6281200009007';
    await db.models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    const lock = chatLockKey('simulator', phone);
    const held = await acquireLease(db.models, lock, clock(), LOCK_MILLISECONDS);
    const waiting = message(phone, 'halo');
    expect(await service.accept(waiting)).toBe('accepted');
    await service.drain('simulator', phone, 200);
    expect(await db.models.inboundQueue.countDocuments({ chatId: phone })).toBe(1);

    // The holder, done, hands on; whoever drains next (a holder that looks again, or the sweep) answers.
    await releaseLease(db.models, lock, held as string);
    await service.drain('simulator', phone, 0);
    expect(await db.models.inboundQueue.countDocuments({ chatId: phone })).toBe(0);
    expect(await db.models.outbox.countDocuments({ chatId: phone })).toBeGreaterThan(0);
  });

  it('renews the chat lease while a backlog outlasts half of it, and answers every message in order', async () => {
    const phone = '+6281200009008';
    await db.models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    const accepting = testConversationService(db.models, clock);
    for (const text of ['halo', '1', '650rb'])
      expect(await accepting.accept(message(phone, text))).toBe('accepted');
    // Each look at the clock is four seconds later: a slow backlog, as after an outage.
    const slow = testConversationService(db.models, () => {
      now = new Date(now.getTime() + 4000);
      return clock();
    });
    const used = await commandsOf(() => slow.drain('simulator', phone, 0));
    expect(used.filter((command) => command.text.startsWith('update leases'))).not.toHaveLength(0);
    expect(await db.models.inboundQueue.countDocuments({ chatId: phone })).toBe(0);
    expect(await db.models.inboundMessages.countDocuments({ chatId: phone, status: 'processed' })).toBe(3);
    const conversation = await db.models.conversations.findById(`simulator:${phone}`).lean();
    expect(conversation?.flow?.answers).toMatchObject({ sales: 650_000 });
  });

  it('opens one complaint for a message handled again after a crash, and gives the same number', async () => {
    const phone = '+6281200009009';
    await db.models.puskesos.create({ name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' });
    await db.models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    const service = testConversationService(db.models, clock);
    for (const text of ['halo', '3', '1', 'Bantuan PKH belum cair', '-'])
      await service.receive(message(phone, text));
    const conversationId = `simulator:${phone}`;
    const before = await db.models.conversations.findById(conversationId).lean();
    const confirm = message(phone, '1', 'confirm-complaint');
    await service.receive(confirm);
    const numberIn = async () => {
      const replies = await db.models.outbox.find({ chatId: phone }).lean();
      return replies
        .map((reply) => /PGD-\d{4}-\d{6}/.exec(String((reply.message as { text: string }).text))?.[0])
        .filter(Boolean);
    };
    const [number] = await numberIn();
    expect(number).toBeDefined();

    // As if the process stopped after opening it, before the conversation moved on: the message is
    // handled again from the same step (a second delivery, or the sweep).
    const handleAgain = async () => {
      await db.models.conversations.replaceOne({ _id: conversationId }, before ?? {});
      await db.models.inboundMessages.deleteOne({ _id: `simulator:${confirm.platformMessageId}` });
      await db.models.outbox.deleteMany({ _id: { $regex: '^reply:simulator:confirm-complaint:' } });
      await service.receive(confirm);
    };
    await handleAgain();
    expect(await numberIn()).toEqual([number]);
    // And when it stopped during the opening itself (claimed, no result yet): the complaint is found.
    await db.models.messageEffects.updateOne(
      { _id: 'simulator:confirm-complaint:open-complaint' },
      { $unset: { result: 1 } },
    );
    await handleAgain();
    expect(await numberIn()).toEqual([number]);
    expect(await db.models.complaints.countDocuments({ complainantPhone: phone })).toBe(1);
  });
});
