import { isDuplicateKey } from './errors';
import { holderEnded, thisProcess, type RecordedHolder } from './lease-holder';
import { deleteGrouped, scanGrouped, updateGrouped } from './group-commit';
import type { Models } from './models';
import { inboundKey } from './models/inbound-message';

/** What the data layer needs of a platform message; the rest of it is kept as it came. */
export interface ReceivedMessage {
  channel: string;
  chatId: string;
  platformMessageId: string;
  receivedAt: Date;
}

/** A message still to be handled, with what it said. */
export interface WaitingMessage<Payload> {
  key: string;
  payload: Payload;
  attempts: number;
}

/** How often a message that failed on a passing error is tried, and how long it waits in between. */
export const INBOUND_MAX_ATTEMPTS = 3;

let lastOrder = 0;
/** Increasing within this process, so a chat's messages stored in one millisecond keep their order. */
function nextOrder(): number {
  lastOrder = Math.max(lastOrder + 1, Date.now() * 1000);
  return lastOrder;
}

/**
 * Stores a platform message once, durably: its record first, under its key, which refuses a second
 * delivery of the same message however late it comes; then its place in the queue. A crash between
 * the two is mended by the platform's next delivery of it: the record still says `received`, so it
 * is queued then.
 */
export async function recordInbound(
  models: Models,
  message: ReceivedMessage,
): Promise<'accepted' | 'duplicate'> {
  const key = inboundKey(message.channel, message.platformMessageId);
  try {
    await models.inboundMessages.create({
      _id: key,
      channel: message.channel,
      platformMessageId: message.platformMessageId,
      chatId: message.chatId,
      receivedAt: message.receivedAt,
      payload: message,
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const record = await models.inboundMessages.findById(key, { status: 1, payload: 1 }).lean();
    if (record?.status === 'received' && record.payload) {
      await enqueue(models, key, record.payload as ReceivedMessage);
    }
    return 'duplicate';
  }
  await enqueue(models, key, message);
  return 'accepted';
}

async function enqueue(models: Models, key: string, message: ReceivedMessage): Promise<void> {
  try {
    await models.inboundQueue.create({
      _id: key,
      channel: message.channel,
      chatId: message.chatId,
      receivedAt: message.receivedAt,
      order: nextOrder(),
      payload: message,
      ...(thisProcess ? { acceptedBy: thisProcess } : {}),
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/** Whether a platform message was stored already (a channel's catch-up need not fetch its media again). */
export async function inboundRecorded(models: Models, channel: string, platformMessageId: string) {
  return (await models.inboundMessages.exists({ _id: inboundKey(channel, platformMessageId) })) !== null;
}

/** A queue entry as a chat's scan reads it. */
interface QueuedInbound {
  _id: string;
  payload: unknown;
  attempts?: number | null;
  retryNotBefore?: Date | null;
  receivedAt: Date;
  order: number;
}

/**
 * A chat's messages that may be handled now, oldest first: a scan of the queue, never of the history,
 * shared with the other chats' scans waiting at the same moment.
 * One waiting for its retry holds back those after it, which would otherwise be answered in a state
 * it has not made yet.
 */
export async function waitingInChat<Payload>(
  models: Models,
  channel: string,
  chatId: string,
  now: Date,
): Promise<WaitingMessage<Payload>[]> {
  const waiting = await scanGrouped<QueuedInbound>(
    models.inboundQueue,
    { channel, chatId },
    { payload: 1, attempts: 1, retryNotBefore: 1, receivedAt: 1, order: 1 },
  );
  const ordered = waiting.sort(
    (a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.order - b.order,
  );
  const retrying = ordered.findIndex((entry) => entry.retryNotBefore && entry.retryNotBefore > now);
  return (retrying === -1 ? ordered : ordered.slice(0, retrying)).map((entry) => ({
    key: entry._id,
    payload: entry.payload as Payload,
    attempts: entry.attempts ?? 0,
  }));
}

/**
 * The chats that have a message still waiting that no living request has in hand (for the sweep): one
 * received before `before`, or one stored by a process of this machine that has since died.
 */
export async function chatsWaitingSince(
  models: Models,
  before: Date,
  now: Date,
): Promise<{ channel: string; chatId: string }[]> {
  // The whole queue (FerretDB reads all of it for any filter): it holds only unfinished messages.
  const waiting = await models.inboundQueue
    .find({}, { channel: 1, chatId: 1, receivedAt: 1, retryNotBefore: 1, acceptedBy: 1 })
    .lean();
  const chats = new Map<string, { channel: string; chatId: string }>();
  // Asked once per process that stored messages: a backlog is mostly one or two instances'.
  const ended = new Map<string, boolean>();
  const storedByTheDead = (acceptedBy: RecordedHolder | null | undefined) => {
    const holder = `${acceptedBy?.machine}:${acceptedBy?.pid}:${acceptedBy?.startedAt}`;
    if (!ended.has(holder)) ended.set(holder, holderEnded(acceptedBy));
    return ended.get(holder);
  };
  for (const entry of waiting) {
    if (entry.retryNotBefore && entry.retryNotBefore > now) continue;
    if (entry.receivedAt >= before && !storedByTheDead(entry.acceptedBy)) continue;
    chats.set(`${entry.channel}:${entry.chatId}`, { channel: entry.channel, chatId: entry.chatId });
  }
  return [...chats.values()];
}

/**
 * A handled message leaves the queue: its record says so first, so a crash in between leaves a
 * message that is seen as applied (the conversation names it) and is only settled again.
 */
export async function settleInbound(
  models: Models,
  key: string,
  processedAt: Date,
  { forgetPayload, topic }: { forgetPayload: boolean; topic?: 'complaint' | undefined },
): Promise<void> {
  await updateGrouped(
    models.inboundMessages,
    { _id: key },
    {
      $set: { status: 'processed', processedAt, ...(topic ? { topic } : {}) },
      ...(forgetPayload ? { $unset: { payload: 1 } } : {}),
    },
  );
  await deleteGrouped(models.inboundQueue, { _id: key });
}

/**
 * A message whose handling failed: tried again after `retryAfterMs`, until it has failed
 * `INBOUND_MAX_ATTEMPTS` times; then it leaves the queue, and its record keeps the error.
 */
export async function inboundFailed(
  models: Models,
  key: string,
  attempts: number,
  error: string,
  retryAt: Date,
): Promise<void> {
  await models.inboundMessages.updateOne({ _id: key }, { $set: { status: 'failed', error, attempts } });
  if (attempts >= INBOUND_MAX_ATTEMPTS) await models.inboundQueue.deleteOne({ _id: key });
  else await models.inboundQueue.updateOne({ _id: key }, { $set: { attempts, retryNotBefore: retryAt } });
}
