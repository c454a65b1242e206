import type { Types } from 'mongoose';
import { LOCK_MILLISECONDS } from '../../src/conversations/chat-lock';
import { inboundKey } from '../../src/db/models/inbound-message';
import type { InboundMessage } from '../../src/engine/messages';
import { createLogger } from '../../src/log';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { faultInjector } from '../support/faults';
import { siti } from '../support/participants';

/**
 * A fault between any two writes of the message path (the process dying, the database going away)
 * leaves the message to be handled again, and handling it again has the effect of handling it once.
 * Each case refuses every write of one message in turn, in a chat of its own, then lets the sweep
 * take the message up again.
 */
const db = useTestDatabase();
let now = new Date('2026-11-28T09:00:00Z');
const clock = () => new Date(now.getTime());
let counter = 0;
const message = (chatId: string, text: string): InboundMessage => {
  now = new Date(now.getTime() + 1000);
  return { channel: 'simulator', chatId, platformMessageId: `fault-${++counter}`, receivedAt: clock(), text };
};

const REPORT = {
  week: '2026-W48',
  sales: 1_000_000,
  spending: 100_000,
  savingsDeposit: 50_000,
  savingsWithdrawal: 0,
  revisions: [],
};

/** What must hold once the message is handled, whichever write was refused. */
const reportStoredOnce = async (participant: Types.ObjectId, replies: string[], saidSaved: RegExp) => {
  const reports = await db.models.weeklyReports.find({ participant }).lean();
  const ledger = await db.models.reportLedgers.findById(String(participant)).lean();
  const summary = await db.models.weekSummaries.findById('2026-W48').lean();
  return {
    reports: reports.map(({ week, sales, spending, savingsDeposit, savingsWithdrawal, revisions }) => ({
      week,
      sales,
      spending,
      savingsDeposit,
      savingsWithdrawal,
      revisions,
    })),
    ledger: Object.keys(ledger?.weeks ?? {}),
    balance: (ledger?.weeks as Record<string, { savingsBalance: number }> | undefined)?.['2026-W48']
      ?.savingsBalance,
    summarised: (summary?.reporters as Record<string, unknown> | undefined)?.[String(participant)],
    saved: replies.filter((text) => saidSaved.test(text)).length,
    corrected: replies.filter((text) => text.includes('diganti')).length,
  };
};
const REPORT_STORED_ONCE = {
  reports: [REPORT],
  ledger: ['2026-W48'],
  balance: 50_000,
  // The overview's week summary counts it once, with these figures.
  summarised: {
    sales: 1_000_000,
    spending: 100_000,
    savingsDeposit: 50_000,
    savingsWithdrawal: 0,
    savingsBalance: 50_000,
  },
  saved: 1,
  corrected: 0,
};

const cases = [
  {
    name: 'saving a report from its summary',
    before: ['1jt', '100rb', '50rb', '0'],
    last: '1',
    check: (participant: Types.ObjectId, replies: string[]) =>
      reportStoredOnce(participant, replies, /sudah tersimpan/),
    expected: REPORT_STORED_ONCE,
  },
  {
    name: 'a report typed in one message',
    before: [],
    last: 'jual 1jt belanja 100rb tabung 50rb',
    check: (participant: Types.ObjectId, replies: string[]) =>
      reportStoredOnce(participant, replies, /^Tersimpan, Bapak\/Ibu/),
    expected: REPORT_STORED_ONCE,
  },
  {
    name: 'sending a complaint',
    before: ['3', '1', 'Bantuan PKH tahap 4 belum cair sampai sekarang', '-'],
    last: '1',
    check: async (participant: Types.ObjectId, replies: string[]) => {
      const complaints = await db.models.complaints.find({ participant }).lean();
      const numbers = replies.flatMap((text) => text.match(/PGD-2026-\d{6}/g) ?? []);
      return { complaints: complaints.length, numbers: [...new Set(numbers)].length };
    },
    expected: { complaints: 1, numbers: 1 },
  },
];

describe('a fault between two writes of the message path', () => {
  let serial = 0;
  beforeAll(async () => {
    await db.models.puskesos.create({ name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' });
  });

  it.each(cases)(
    '$name: handled again, it has its effect once, answers once, and the flow ends',
    async (scenario) => {
      const faults = faultInjector(db.models);
      const service = testConversationService(db.models, clock, createLogger('silent'));
      const refused: string[] = [];
      for (let write = 1; write < 60; write++) {
        const phone = `+628124${String(++serial).padStart(6, '0')}`;
        const participant = await db.models.participants.create(
          siti(phone, { consentedOn: 'simulator', at: now }),
        );
        for (const text of scenario.before) await service.receive(message(phone, text));

        const last = message(phone, scenario.last);
        await service.accept(last);
        faults.failAt(write);
        await service.drain('simulator', phone).catch(() => undefined);
        faults.stop();
        const fired = faults.fired();
        if (!fired) break;
        refused.push(fired);
        // Once the lease of whoever was handling it has run out, the sweep takes the message up again.
        now = new Date(now.getTime() + LOCK_MILLISECONDS + 1000);
        await service.sweep();

        const replies = (await db.models.outbox.find({ chatId: phone }).lean()).map(
          (entry) => (entry.message as { text: string }).text,
        );
        const conversation = await db.models.conversations.findById(`simulator:${phone}`).lean();
        expect({
          fired,
          outcome: await scenario.check(participant._id, replies),
          flow: conversation?.flow?.flowId,
          last: conversation?.lastInboundId,
        }).toEqual({
          fired,
          outcome: scenario.expected,
          flow: undefined,
          last: inboundKey('simulator', last.platformMessageId),
        });
      }
      // Each write of the message was refused once, in turn: the lease, the effect, the replies, the
      // state, the settling.
      expect(refused.length).toBeGreaterThanOrEqual(8);
    },
  );
});

describe('a fault while the chat has more to say', () => {
  it('holds back the chat’s next message until the refused one is handled again, so each is answered in order', async () => {
    const faults = faultInjector(db.models);
    const service = testConversationService(db.models, clock, createLogger('silent'));
    const refused: string[] = [];
    for (let write = 1; write < 60; write++) {
      const phone = `+628125${String(write).padStart(6, '0')}`;
      await db.models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
      // The sales start the report; the spending is its next answer.
      const sales = message(phone, '1jt');
      await service.accept(sales);
      faults.failAt(write);
      await service.drain('simulator', phone).catch(() => undefined);
      faults.stop();
      const fired = faults.fired();
      if (!fired) break;
      refused.push(fired);
      // The person, answered or not, goes on before the refused message's retry is due.
      await service.receive(message(phone, '100rb'));
      now = new Date(now.getTime() + LOCK_MILLISECONDS + 1000);
      await service.sweep();
      await service.drain('simulator', phone);

      const conversation = await db.models.conversations.findById(`simulator:${phone}`).lean();
      expect({ fired, step: conversation?.flow?.stepId, answers: conversation?.flow?.answers }).toEqual({
        fired,
        step: 'savings',
        answers: expect.objectContaining({ sales: 1_000_000, spending: 100_000 }),
      });
    }
    expect(refused.length).toBeGreaterThanOrEqual(6);
  });
});

describe('a fault after the last write of a message', () => {
  it('leaves the message handled, not failed, when settling it was done but its answer lost', async () => {
    const service = testConversationService(db.models, clock, createLogger('silent'));
    const phone = '+628126000001';
    await db.models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
    const sales = message(phone, '1jt');
    await service.accept(sales);
    // The database removes the message from the queue, then the connection drops before it answers.
    const queue = db.models.inboundQueue.collection as unknown as Record<
      string,
      (...args: unknown[]) => unknown
    >;
    const deleteOne = queue.deleteOne;
    if (!deleteOne) throw new Error('a collection without deleteOne');
    queue.deleteOne = async function (this: unknown, ...args: unknown[]) {
      queue.deleteOne = deleteOne;
      await deleteOne.apply(this, args);
      throw new Error('Connection to 127.0.0.1 interrupted due to server monitor timeout');
    };
    await service.drain('simulator', phone);
    now = new Date(now.getTime() + LOCK_MILLISECONDS + 1000);
    await service.sweep();
    await service.receive(message(phone, '100rb'));

    const key = inboundKey('simulator', sales.platformMessageId);
    expect((await db.models.inboundMessages.findById(key).lean())?.status).toBe('processed');
    const conversation = await db.models.conversations.findById(`simulator:${phone}`).lean();
    expect(conversation?.flow?.answers).toMatchObject({ sales: 1_000_000, spending: 100_000 });
  });
});
