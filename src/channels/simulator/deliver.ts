import type { Models } from '../../db/models';
import { SIGN_IN_CODE_KEY_PREFIX } from '../../auth/sign-in-codes';
import {
  claimQueued,
  dueOutboxEntries,
  markClaimedOutboxSent,
  markOutboxSent,
  turnReplyKey,
} from '../../db/outbox';
import type { QueuedReply } from '../../conversations/conversation-service';
import type { OutboundMessage } from '../../engine/messages';
import { readTranscript, recordSentOutsideTurn } from '../../domain/transcripts/store';

export const SIMULATOR = 'simulator';

/** More replies than one message ever gets; the rest would come with the next request. */
const QUEUE_READ = 500;

/**
 * The simulator's "send": the browser reads the transcript, so a reply is delivered as soon as it is
 * marked sent. Taking a reply out of the queue is what claims it (one delete of its key: only one
 * request can remove it), so two requests at once never both return the same reply; the other
 * returns none and the transcript shows them all. A crash between the claim and the mark leaves the
 * reply pending and out of the queue, where the outbox page shows it: the simulator is a test bench,
 * and a lease per chat to close that gap would cost two more writes on every message.
 */
export async function deliverSimulatorReplies(
  models: Models,
  chatId: string,
  now: Date,
): Promise<OutboundMessage[]> {
  const queued = await dueOutboxEntries(models, { channel: SIMULATOR, chatId }, now, QUEUE_READ);
  const delivered: OutboundMessage[] = [];
  for (const { _id: key } of queued) {
    if (key.startsWith(SIGN_IN_CODE_KEY_PREFIX) || !(await claimQueued(models, key))) continue;
    const entry = await models.outbox
      .findById(key, { status: 1, attempts: 1, channel: 1, chatId: 1, message: 1, topic: 1 })
      .lean();
    if (entry?.status !== 'pending') continue;
    await markClaimedOutboxSent(models, key, {
      at: now,
      attempts: (entry.attempts ?? 0) + 1,
      channel: SIMULATOR,
    });
    // This chat's readings take turns in this process (`inTurnOfChat`): its log has one writer.
    await recordSentOutsideTurn(models, entry, now);
    delivered.push(entry.message as OutboundMessage);
  }
  return delivered;
}

/**
 * Delivers the replies a request's own messages got, as the conversation service handed them over:
 * each is marked sent and leaves the queue, with no read. They are this request's alone (a message is
 * handled once), so no other request answers with them; a page that reads the transcript meanwhile
 * may mark one sent first, which changes nothing.
 */
export async function deliverOwnReplies(
  models: Models,
  replies: QueuedReply[],
  now: Date,
): Promise<OutboundMessage[]> {
  await Promise.all(
    replies.map(({ key }) => markOutboxSent(models, key, { at: now, attempts: 1, channel: SIMULATOR })),
  );
  return replies.map(({ message }) => message);
}

/** The last piece of work on each chat in this process (see `inTurnOfChat`). */
const chatTurns = new Map<string, Promise<unknown>>();

/**
 * Runs the work after the chat's earlier work in this process: a request's own replies have left the
 * queue before a reading of the chat claims what is left there, so no reply is given to two. (Two
 * instances serving one simulator chat at once could still both show one; it is a test bench.)
 */
export function inTurnOfChat<T>(chatId: string, work: () => Promise<T>): Promise<T> {
  const mine = (chatTurns.get(chatId) ?? Promise.resolve()).then(work);
  const done = mine.catch(() => undefined);
  chatTurns.set(chatId, done);
  void done.then(() => {
    if (chatTurns.get(chatId) === done) chatTurns.delete(chatId);
  });
  return mine;
}

/** More replies than one message ever gets. */
const MAX_REPLIES_TO_ONE_MESSAGE = 20;

/**
 * The replies to one message, read by their keys (`reply:<message key>:<n>`, src/conversations): what
 * a client that sends the same message again (its answer was lost) is given back, sent or not.
 */
export async function repliesToMessage(models: Models, messageKey: string): Promise<OutboundMessage[]> {
  const replies: OutboundMessage[] = [];
  for (let index = 0; index < MAX_REPLIES_TO_ONE_MESSAGE; index++) {
    const entry = await models.outbox
      .findById(turnReplyKey(messageKey, index), { message: 1, status: 1 })
      .lean();
    if (!entry) break;
    if (entry.status !== 'cancelled') replies.push(entry.message as OutboundMessage);
  }
  return replies;
}

export interface TranscriptLine {
  direction: 'in' | 'out';
  text: string;
  at: Date;
  choices?: OutboundMessage['choices'];
}

/** What the person wrote and what the bot answered, in order: the chat's transcript, read by key. */
export async function simulatorTranscript(models: Models, chatId: string): Promise<TranscriptLine[]> {
  const lines = await readTranscript(models, [{ channel: SIMULATOR, chatId }], { part: 'whole' });
  return lines.map(({ direction, text, at, choices }) => ({
    direction,
    text: text ?? '',
    at,
    ...(choices ? { choices } : {}),
  }));
}
