import { renderMessageParts } from '../../../src/channels/whatsapp-cloud/render';
import type { Models } from '../../../src/db/models';
import { isoWeekOf } from '../../../src/domain/calendar';
import type { OutboundMessage } from '../../../src/engine/messages';
import type { ChaosEvent } from './chaos';
import { EXPECTED_REPORT, type Participant, type SentMessage } from './load';
import type { Platforms } from './platforms';

export interface Figures {
  sent: number;
  stored: number;
  processed: number;
  answered: number;
  /** Stored more than once (a record, or a reply entry, for one platform message). */
  duplicates: number;
  repeatedReplies: number;
  orderViolations: number;
  reportsOnce: number;
  complaintsOnce: number;
  duplicatedEffects: number;
  /** The longest a crash kept a person waiting for the answer to a message (ms). */
  worstDelayAfterCrashMs: number;
  worstDelayAfterOutageMs: number;
  latencyMs: { p50: number; p95: number; max: number };
  /** The message that waited longest after a kill or a freeze, and where its time went. */
  worstCase: string;
  problems: string[];
}

/** Waits until nothing is left to handle or to send (the sweep retries a failed message after 15 s). */
export async function waitUntilQuiet(models: Models, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [inbound, outbound] = await Promise.all([
      models.inboundQueue.estimatedDocumentCount(),
      models.outboxQueue.estimatedDocumentCount(),
    ]);
    if (inbound === 0 && outbound === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  return false;
}

/** What happened to every message sent, read from the database and the stand-ins. */
export async function verify(
  models: Models,
  platforms: Platforms,
  participants: Participant[],
  sent: SentMessage[],
  events: ChaosEvent[],
): Promise<Figures> {
  const problems: string[] = [];
  const keys = new Set(sent.map((message) => message.key));
  const chatIds = participants.map((participant) => participant.chat.chatId);
  const records = await models.inboundMessages
    .find({ chatId: { $in: chatIds } }, { status: 1, processedAt: 1, error: 1 })
    .lean();
  const recordOf = new Map(records.map((record) => [record._id, record]));
  const entries = await models.outbox
    .find({ _id: { $regex: '^reply:' } }, { status: 1, sentAt: 1, chatId: 1, channel: 1, message: 1 })
    .lean();
  const firstReplyOf = new Map<string, { status: string; sentAt?: Date | null }>();
  for (const entry of entries) {
    const match = /^reply:(.+):0$/.exec(entry._id);
    if (match?.[1]) firstReplyOf.set(match[1], entry);
  }

  let processed = 0;
  let answered = 0;
  const latencies: number[] = [];
  let worstDelayAfterCrashMs = 0;
  let worstDelayAfterOutageMs = 0;
  let worstCase = '';
  for (const message of sent) {
    const record = recordOf.get(message.key);
    if (record?.status === 'processed') processed++;
    else
      problems.push(
        `${message.participant.name}, message ${message.number}: not handled (${record?.status ?? 'not stored'}${record?.error ? `: ${record.error}` : ''})`,
      );
    const reply = firstReplyOf.get(message.key);
    if (reply?.status !== 'sent' || !reply.sentAt) {
      problems.push(
        `${message.participant.name}, message ${message.number}: not answered (${reply?.status ?? 'no reply queued'})`,
      );
      continue;
    }
    answered++;
    const repliedAt = reply.sentAt.getTime();
    latencies.push(repliedAt - message.firstPostAt);
    for (const event of events) {
      // Waiting at the moment of the event (or sent while it lasted), answered after it.
      if (message.firstPostAt > event.until || repliedAt < event.at) continue;
      const delay = repliedAt - Math.max(message.firstPostAt, event.at);
      if (delay > Math.max(worstDelayAfterCrashMs, worstDelayAfterOutageMs)) {
        // Where the time went: before the message was handled (its chat's lease), or after (sending).
        const handledAt = recordOf.get(message.key)?.processedAt?.getTime() ?? repliedAt;
        worstCase =
          `${message.participant.name}, message ${message.number}: handled ${seconds(handledAt - event.at)} ` +
          `and answered ${seconds(repliedAt - event.at)} after the ${event.kind === 'kill' ? 'kill' : 'freeze'}`;
      }
      if (event.kind === 'kill') worstDelayAfterCrashMs = Math.max(worstDelayAfterCrashMs, delay);
      else worstDelayAfterOutageMs = Math.max(worstDelayAfterOutageMs, delay);
    }
  }

  // Order: within a chat, each message handled and answered after the one sent before it.
  let orderViolations = 0;
  const byChat = new Map<string, SentMessage[]>();
  for (const message of sent) {
    const { name } = message.participant;
    byChat.set(name, [...(byChat.get(name) ?? []), message]);
  }
  for (const [chat, messages] of byChat) {
    messages.sort((a, b) => a.number - b.number);
    for (let index = 1; index < messages.length; index++) {
      const [earlier, later] = [messages[index - 1], messages[index]];
      if (!earlier || !later) continue;
      const handled = [recordOf.get(earlier.key)?.processedAt, recordOf.get(later.key)?.processedAt];
      const replied = [firstReplyOf.get(earlier.key)?.sentAt, firstReplyOf.get(later.key)?.sentAt];
      if (
        (handled[0] && handled[1] && handled[0] > handled[1]) ||
        (replied[0] && replied[1] && replied[0] > replied[1])
      ) {
        orderViolations++;
        problems.push(
          `${chat}: message ${later.number} handled or answered before message ${earlier.number}`,
        );
      }
    }
  }

  // Repeated replies: what each chat received beyond the parts of the entries marked sent.
  let repeatedReplies = 0;
  for (const participant of participants) {
    const { channel, chatId } = participant.chat;
    const expected = entries
      .filter((entry) => entry.channel === channel && entry.chatId === chatId && entry.status === 'sent')
      .reduce(
        (parts, entry) =>
          parts +
          (channel === 'telegram' ? 1 : renderMessageParts(chatId, entry.message as OutboundMessage).length),
        0,
      );
    const delivered = platforms.deliveryCount(participant.chat);
    if (delivered > expected) repeatedReplies += delivered - expected;
    if (delivered < expected)
      problems.push(`${participant.name}: ${expected - delivered} part(s) marked sent never arrived`);
  }

  // Effects: one report of this week with the figures typed and no revision, one complaint, each.
  const week = isoWeekOf(new Date(), 'Asia/Jakarta');
  const ids = participants.map((participant) => participant.id);
  const reports = await models.weeklyReports.find({ participant: { $in: ids }, week }).lean();
  const complaints = await models.complaints.find({ participant: { $in: ids } }, { participant: 1 }).lean();
  let reportsOnce = 0;
  let complaintsOnce = 0;
  let duplicatedEffects = 0;
  for (const participant of participants) {
    const own = reports.filter((report) => report.participant.equals(participant.id));
    const report = own[0];
    const figuresRight =
      report !== undefined &&
      Object.entries(EXPECTED_REPORT).every(
        ([field, value]) => report[field as keyof typeof EXPECTED_REPORT] === value,
      );
    if (
      own.length === 1 &&
      report &&
      figuresRight &&
      (report.revisions ?? []).length === 0 &&
      report.savingsBalance === EXPECTED_REPORT.savingsDeposit
    )
      reportsOnce++;
    else {
      if (own.length > 1 || (report?.revisions ?? []).length > 0) duplicatedEffects++;
      problems.push(
        `${participant.name}: ${own.length} report(s) of ${week}, ${report ? `${(report.revisions ?? []).length} revision(s), balance ${report.savingsBalance}` : 'none'}`,
      );
    }
    const filed = complaints.filter((complaint) => complaint.participant?.equals(participant.id)).length;
    if (filed === 1) complaintsOnce++;
    else {
      if (filed > 1) duplicatedEffects++;
      problems.push(`${participant.name}: ${filed} complaint(s)`);
    }
  }

  latencies.sort((a, b) => a - b);
  const at = (fraction: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(fraction * latencies.length))] ?? 0;
  return {
    sent: sent.length,
    stored: records.filter((record) => keys.has(record._id)).length,
    processed,
    answered,
    // Every record is one the suite sent: a platform message stored under a second key would be extra.
    duplicates: records.filter((record) => !keys.has(record._id)).length,
    repeatedReplies,
    orderViolations,
    reportsOnce,
    complaintsOnce,
    duplicatedEffects,
    worstDelayAfterCrashMs,
    worstDelayAfterOutageMs,
    latencyMs: { p50: at(0.5), p95: at(0.95), max: latencies.at(-1) ?? 0 },
    worstCase,
    problems,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
