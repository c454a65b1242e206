import { Types } from 'mongoose';
import { commandKey } from '../../scripts/bench/measure';
import { parseBenchOptions } from '../../scripts/bench/options';
import {
  auditEvents,
  historyCounts,
  inboundWithReplies,
  weeklyReports,
  type HistoryPlan,
} from '../../scripts/bench/history';
import { isoWeekOf, shiftIsoWeek } from '../../src/domain/calendar';
import { isUnusualSales, type WeekFigures } from '../../src/domain/reports/progress';

describe('the benchmark option --history', () => {
  it('is 0 (no filled database) unless given, and an even number of messages when given', () => {
    expect(parseBenchOptions([]).history).toBe(0);
    expect(parseBenchOptions(['--history', '0']).history).toBe(0);
    expect(parseBenchOptions(['--history', '20000', '--participants', '50']).history).toBe(20_000);
    expect(() => parseBenchOptions(['--history', '2001'])).toThrow('even number');
    expect(() => parseBenchOptions(['--history', '-5'])).toThrow('--history');
    expect(() => parseBenchOptions(['--history', 'many'])).toThrow('--history');
    expect(() => parseBenchOptions(['--history'])).toThrow();
  });
});

describe('the history of a filled benchmark database', () => {
  const now = new Date('2026-09-10T05:00:00Z'); // a Thursday, in 2026-W37 in Jakarta
  const own = [
    { id: new Types.ObjectId('6500000000000000000000a1'), salesRupiah: 1_500 },
    { id: new Types.ObjectId('6500000000000000000000a2'), salesRupiah: 5_000 },
    { id: new Types.ObjectId('6500000000000000000000a3'), salesRupiah: 2_500_000 },
  ];
  const plan: HistoryPlan = { messages: 2_000, now, seed: 7, own };
  const weeks = Array.from({ length: 12 }, (_, back) => shiftIsoWeek('2026-W37', back - 12));

  it('has N/2 inbound messages, N/2 replies, N/10 audit events and twelve weeks of reports per participant', () => {
    const counts = historyCounts(plan);
    expect(counts).toEqual({
      inbound: 1_000,
      outbox: 1_000,
      auditEvents: 200,
      pastParticipants: 11,
      weeklyReports: (11 + 3) * 12,
    });
    expect([...inboundWithReplies(plan)]).toHaveLength(1_000);
    expect([...auditEvents(plan)]).toHaveLength(200);
    expect(weeklyReports(plan)).toHaveLength(counts.weeklyReports);
    expect(historyCounts({ messages: 0, own })).toMatchObject({ inbound: 0, pastParticipants: 0 });
  });

  it('keys inbound messages by channel and platform id and replies by their dedupe key, in past weeks, of other phones', () => {
    const pairs = [...inboundWithReplies(plan)];
    const first = pairs[0];
    expect(first?.inbound).toMatchObject({
      _id: 'simulator:hist-0-0',
      channel: 'simulator',
      platformMessageId: 'hist-0-0',
      chatId: '+6281300000000',
      status: 'processed',
      attempts: 0,
      payload: {
        channel: 'simulator',
        chatId: '+6281300000000',
        platformMessageId: 'hist-0-0',
        text: 'halo',
      },
    });
    expect(first?.reply).toMatchObject({
      _id: 'reply:simulator:hist-0-0:0',
      dedupeKey: 'reply:simulator:hist-0-0:0',
      status: 'sent',
      attempts: 1,
      chatId: '+6281300000000',
    });
    expect(new Set(pairs.map((pair) => pair.inbound._id)).size).toBe(pairs.length);
    expect(new Set(pairs.map((pair) => pair.reply._id)).size).toBe(pairs.length);
    for (const { inbound, reply } of pairs) {
      expect(inbound.chatId).toMatch(/^\+62813\d{8}$/);
      const receivedAt = inbound.receivedAt as Date;
      expect(weeks).toContain(isoWeekOf(receivedAt, 'Asia/Jakarta'));
      expect((inbound.processedAt as Date) > receivedAt).toBe(true);
      expect((reply.sentAt as Date) > (inbound.processedAt as Date)).toBe(true);
    }
  });

  it('gives each own participant twelve past weeks, a running balance, and sales that are usual for the figure it will type', () => {
    const balances = new Map<string, number>();
    const reports = weeklyReports(plan, balances);
    for (const person of own) {
      const hex = person.id.toHexString();
      const mine = reports.filter((report) => String(report.participant) === hex);
      expect(mine.map((report) => report.week)).toEqual(weeks);
      expect(mine.map((report) => report._id)).toEqual(weeks.map((week) => `${hex}:${week}`));
      let balance = 0;
      for (const report of mine) {
        balance += (report.savingsDeposit as number) - (report.savingsWithdrawal as number);
        expect(report.savingsBalance).toBe(balance);
        expect(report.revisions).toEqual([]);
      }
      expect(balances.get(hex)).toBe(balance);
      expect(isUnusualSales(person.salesRupiah, mine as unknown as WeekFigures[])).toBe(false);
    }
  });

  it('is the same for the same seed', () => {
    const again = { ...plan };
    expect(JSON.stringify([...inboundWithReplies(again)])).toBe(
      JSON.stringify([...inboundWithReplies(plan)]),
    );
    expect(JSON.stringify(weeklyReports(again))).toBe(JSON.stringify(weeklyReports(plan)));
    expect(JSON.stringify([...auditEvents(again)])).toBe(JSON.stringify([...auditEvents(plan)]));
    expect(JSON.stringify(weeklyReports({ ...plan, seed: 8 }))).not.toBe(JSON.stringify(weeklyReports(plan)));
  });
});

describe('naming a database round trip', () => {
  it('is the command and the collection it names, or the command alone', () => {
    expect(commandKey({ commandName: 'find', command: { find: 'inbound_messages', filter: {} } })).toBe(
      'find inbound_messages',
    );
    expect(commandKey({ commandName: 'getMore', command: { getMore: 12, collection: 'outbox' } })).toBe(
      'getMore outbox',
    );
    expect(commandKey({ commandName: 'endSessions', command: { endSessions: [] } })).toBe('endSessions');
  });
});
