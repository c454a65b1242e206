import type { Types } from 'mongoose';
import type { Models } from '../../src/db/models';
import { SAVINGS } from './conversation';
import type { BenchParticipant } from './participants';

/** What the database held before the run (the history of a filled database; nothing otherwise). */
export interface Before {
  inbound: number;
  outbox: number;
  weeklyReports: number;
}

export const NOTHING_BEFORE: Before = { inbound: 0, outbox: 0, weeklyReports: 0 };

/**
 * Checks in the database that the run did what it claims: one report per participant with the
 * figures sent, every message stored once and handled, every reply sent, beside what was there
 * `before` (reports submitted from `since` on are the run's). Returns what is wrong.
 */
export async function verifyRun(
  models: Models,
  participants: BenchParticipant[],
  idsByPhone: Map<string, Types.ObjectId>,
  expected: { messages: number; replies: number; since: Date; before: Before },
): Promise<string[]> {
  const { before } = expected;
  return [
    ...(await checkReports(models, participants, idsByPhone, expected.since, before.weeklyReports)),
    ...(await checkInbound(models, expected.messages, before.inbound)),
    ...(await checkOutbox(models, expected.replies, before.outbox)),
    ...(await checkConversationsEnded(models)),
  ];
}

async function checkReports(
  models: Models,
  participants: BenchParticipant[],
  idsByPhone: Map<string, Types.ObjectId>,
  since: Date,
  reportsBefore: number,
): Promise<string[]> {
  const problems: string[] = [];
  const total = await models.weeklyReports.countDocuments({});
  if (total !== reportsBefore + participants.length)
    problems.push(
      `weekly_reports: ${total} stored, expected ${reportsBefore} from before and ${participants.length} new`,
    );
  const reports = await models.weeklyReports.find({ submittedAt: { $gte: since } }).lean();
  if (reports.length !== participants.length)
    problems.push(`weekly_reports: ${reports.length} submitted by the run, expected ${participants.length}`);
  const distinct = new Set(reports.map((report) => String(report.participant)));
  if (distinct.size !== participants.length)
    problems.push(`weekly_reports: ${distinct.size} distinct participants, expected ${participants.length}`);

  const byParticipant = new Map(reports.map((report) => [String(report.participant), report]));
  const wrong: string[] = [];
  for (const participant of participants) {
    const report = byParticipant.get(String(idsByPhone.get(participant.phone)));
    const figures = report && {
      sales: report.sales,
      spending: report.spending,
      savingsDeposit: report.savingsDeposit,
      savingsWithdrawal: report.savingsWithdrawal,
      savingsBalance: report.savingsBalance,
      revisions: report.revisions.length,
    };
    const wanted = {
      sales: participant.salesRupiah,
      spending: 0,
      savingsDeposit: SAVINGS.rupiah,
      savingsWithdrawal: 0,
      savingsBalance: participant.savingsBefore + SAVINGS.rupiah,
      revisions: 0,
    };
    if (JSON.stringify(figures) !== JSON.stringify(wanted))
      wrong.push(
        `#${participant.index} typed ${JSON.stringify(participant.salesText)}: stored ${JSON.stringify(figures ?? 'nothing')}, expected ${JSON.stringify(wanted)}`,
      );
  }
  if (wrong.length > 0)
    problems.push(
      `weekly_reports: ${wrong.length} with wrong or missing figures, e.g.\n    ${wrong.slice(0, 5).join('\n    ')}`,
    );
  return problems;
}

async function checkInbound(models: Models, messagesSent: number, before: number): Promise<string[]> {
  const problems: string[] = [];
  const stored = await models.inboundMessages.find({}, { channel: 1, platformMessageId: 1, _id: 0 }).lean();
  const keys = new Set(stored.map((message) => `${message.channel}\u0000${message.platformMessageId}`));
  if (keys.size !== stored.length)
    problems.push(`inbound_messages: ${stored.length - keys.size} duplicates of (channel, platform id)`);
  if (stored.length !== before + messagesSent)
    problems.push(`inbound_messages: ${stored.length} stored, ${before} before and ${messagesSent} sent`);
  for (const status of ['received', 'failed'] as const) {
    const count = await models.inboundMessages.countDocuments({ status });
    if (count > 0) problems.push(`inbound_messages: ${count} left in status '${status}'`);
  }
  return problems;
}

async function checkOutbox(models: Models, repliesReceived: number, before: number): Promise<string[]> {
  const problems: string[] = [];
  const total = await models.outbox.countDocuments({});
  const unsent = await models.outbox.countDocuments({ status: { $ne: 'sent' } });
  if (unsent > 0) problems.push(`outbox: ${unsent} of ${total} replies not 'sent'`);
  if (total !== before + repliesReceived)
    problems.push(
      `outbox: ${total} entries, expected ${before} before and ${repliesReceived} replies returned over HTTP`,
    );
  const queued = await models.outboxQueue.countDocuments({});
  if (queued > 0) problems.push(`outbox_queue: ${queued} entries left after every reply was sent`);
  return problems;
}

/** A finished weekly report ends its flow: a flow still open means a step was left waiting. */
async function checkConversationsEnded(models: Models): Promise<string[]> {
  const open = await models.conversations.countDocuments({ flow: { $exists: true } });
  return open > 0 ? [`conversations: ${open} still inside a flow`] : [];
}
