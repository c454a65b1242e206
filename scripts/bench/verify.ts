import type { Types } from 'mongoose';
import type { Models } from '../../src/db/models';
import { SAVINGS } from './conversation';
import type { BenchParticipant } from './participants';

/**
 * Checks in the database that the run did what it claims: one report per participant with the
 * figures sent, every message stored once and handled, every reply sent. Returns what is wrong.
 */
export async function verifyRun(
  models: Models,
  participants: BenchParticipant[],
  idsByPhone: Map<string, Types.ObjectId>,
  expected: { messages: number; replies: number },
): Promise<string[]> {
  return [
    ...(await checkReports(models, participants, idsByPhone)),
    ...(await checkInbound(models, expected.messages)),
    ...(await checkOutbox(models, expected.replies)),
    ...(await checkConversationsEnded(models)),
  ];
}

async function checkReports(
  models: Models,
  participants: BenchParticipant[],
  idsByPhone: Map<string, Types.ObjectId>,
): Promise<string[]> {
  const problems: string[] = [];
  const reports = await models.weeklyReports.find({}).lean();
  if (reports.length !== participants.length)
    problems.push(`weekly_reports: ${reports.length} stored, expected ${participants.length}`);
  const distinct = await models.weeklyReports.distinct('participant');
  if (distinct.length !== participants.length)
    problems.push(
      `weekly_reports: ${distinct.length} distinct participants, expected ${participants.length}`,
    );

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
      savingsBalance: SAVINGS.rupiah,
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

async function checkInbound(models: Models, messagesSent: number): Promise<string[]> {
  const problems: string[] = [];
  const stored = await models.inboundMessages.find({}, { channel: 1, platformMessageId: 1, _id: 0 }).lean();
  const keys = new Set(stored.map((message) => `${message.channel}\u0000${message.platformMessageId}`));
  if (keys.size !== stored.length)
    problems.push(`inbound_messages: ${stored.length - keys.size} duplicates of (channel, platform id)`);
  if (stored.length !== messagesSent)
    problems.push(`inbound_messages: ${stored.length} stored, ${messagesSent} sent`);
  for (const status of ['received', 'failed'] as const) {
    const count = await models.inboundMessages.countDocuments({ status });
    if (count > 0) problems.push(`inbound_messages: ${count} left in status '${status}'`);
  }
  return problems;
}

async function checkOutbox(models: Models, repliesReceived: number): Promise<string[]> {
  const problems: string[] = [];
  const total = await models.outbox.countDocuments({});
  const unsent = await models.outbox.countDocuments({ status: { $ne: 'sent' } });
  if (unsent > 0) problems.push(`outbox: ${unsent} of ${total} replies not 'sent'`);
  if (total !== repliesReceived)
    problems.push(`outbox: ${total} replies queued, ${repliesReceived} returned over HTTP`);
  const queued = await models.outboxQueue.countDocuments({});
  if (queued > 0) problems.push(`outbox_queue: ${queued} entries left after every reply was sent`);
  return problems;
}

/** A finished weekly report ends its flow: a flow still open means a step was left waiting. */
async function checkConversationsEnded(models: Models): Promise<string[]> {
  const open = await models.conversations.countDocuments({ flow: { $exists: true } });
  return open > 0 ? [`conversations: ${open} still inside a flow`] : [];
}
