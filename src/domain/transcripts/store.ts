import type { Models } from '../../db/models';
import { conversationKey } from '../../db/models/conversation';
import { isTurnReply } from '../../db/outbox';
import type { Chat } from '../privacy/subject';
import {
  keepLatest,
  mergeTranscript,
  saidSince,
  serviceLine,
  TRANSCRIPT_LIMIT,
  type ChatLine,
  type ChatPart,
} from './lines';

/** Starts the outbox key of a sign-in code's message: an account's secret, never in a transcript. */
export const SIGN_IN_CODE_KEY_PREFIX = 'sign-in-code:';

/** Whether an outbox entry is a message the service sent on its own, kept in the chat's log. */
// A turn's own replies are kept with the conversation's state instead.
export const sentOutsideTurn = (key: string) => !isTurnReply(key) && !key.startsWith(SIGN_IN_CODE_KEY_PREFIX);

/** What of an outbox entry its line needs. */
export interface SentEntry {
  _id: string;
  channel: string;
  chatId: string;
  message: unknown;
  topic?: string | null;
}

/**
 * Adds a message the service sent on its own (or gave up on) to its chat's log. Only the channel's
 * sender, one at a time, writes a chat's log, so reading and writing the whole list loses nothing.
 */
export async function recordSentOutsideTurn(
  models: Models,
  entry: SentEntry,
  at: Date,
  { failed = false }: { failed?: boolean } = {},
): Promise<void> {
  if (!sentOutsideTurn(entry._id)) return;
  const message = entry.message as { text?: unknown; choices?: { id: string; label: string }[] };
  const key = conversationKey(entry.channel, entry.chatId);
  const log = await models.chatLogs.findById(key, { lines: 1 }).lean();
  const line = serviceLine(
    entry._id,
    { text: String(message.text ?? ''), choices: message.choices },
    at,
    entry.topic ?? undefined,
    failed,
  );
  await models.chatLogs.updateOne(
    { _id: key },
    { $set: { lines: keepLatest((log?.lines ?? []) as ChatLine[], [line]) } },
    { upsert: true },
  );
}

/** Lines a conversation holds at most: past this, the message path trims them to the latest TRANSCRIPT_LIMIT. */
export const RECENT_LINES_HELD = 2 * TRANSCRIPT_LIMIT;

/** How a turn's lines join its conversation's: fields to set, and lines to push when not rewritten. */
export interface RecentLinesChange {
  set: { recent?: ChatLine[]; recentCount: number };
  push?: { recent: { $each: ChatLine[] } };
}

/**
 * The change that adds a turn's lines to its conversation. The message path reads its conversation
 * without them (they would be most of what it reads and writes on every message), so they are pushed
 * and counted; once more than RECENT_LINES_HELD would be held, the lines are read and the latest
 * written back: one more read in about TRANSCRIPT_LIMIT turns. FerretDB ignores `$push`'s `$slice`,
 * so the trim is ours.
 */
export async function recentLinesChange(
  models: Models,
  conversation: { _id: string; recentCount?: number | null } | null,
  added: readonly ChatLine[],
): Promise<RecentLinesChange> {
  if (!conversation) return { set: { recent: [...added], recentCount: added.length } };
  const held = (conversation.recentCount ?? 0) + added.length;
  if (held <= RECENT_LINES_HELD) {
    return {
      set: { recentCount: held },
      ...(added.length > 0 ? { push: { recent: { $each: [...added] } } } : {}),
    };
  }
  const stored = await models.conversations.findById(conversation._id, { recent: 1 }).lean();
  const recent = keepLatest((stored?.recent ?? []) as ChatLine[], added);
  return { set: { recent, recentCount: recent.length } };
}

/** A transcript's line with the app it was said on. */
export type TranscriptLine = ChatLine & { channel: string };

/**
 * The latest lines of a person's chats, oldest first: for each chat its conversation's recent lines
 * and its log, read by key, and which of the service's lines failed from the list of failures (only
 * failures, never every message).
 */
export async function readTranscript(
  models: Models,
  chats: readonly Chat[],
  options: { part: ChatPart; until?: Date; limit?: number },
): Promise<TranscriptLine[]> {
  if (chats.length === 0) return [];
  const keys = chats.map((chat) => conversationKey(chat.channel, chat.chatId));
  const [conversations, logs, failures] = await Promise.all([
    Promise.all(keys.map((key) => models.conversations.findById(key, { recent: 1 }).lean())),
    Promise.all(keys.map((key) => models.chatLogs.findById(key, { lines: 1 }).lean())),
    models.outboxFailures
      .find({ $or: chats.map(({ channel, chatId }) => ({ channel, chatId })) }, { _id: 1 })
      .lean(),
  ]);
  const failed = new Set(failures.map((failure) => String(failure._id)));
  const withChannel = (channel: string, lines: unknown) =>
    ((lines ?? []) as ChatLine[]).map((line) => ({
      ...line,
      channel,
      ...(line.key && failed.has(line.key) ? { failed: true } : {}),
    }));
  const stores = chats.flatMap((chat, index) => [
    withChannel(chat.channel, conversations[index]?.recent),
    withChannel(chat.channel, logs[index]?.lines),
  ]);
  return mergeTranscript(stores, { limit: TRANSCRIPT_LIMIT, ...options });
}

/**
 * Drops the lines said before `before` (the message retention job), each collection read once and
 * written by key where something changes. A conversation is written only when it has been quiet since
 * then, and only its lines are removed: its state is the message path's, whose write must not meet
 * another (a page also never shows a line older than the retention).
 */
export async function pruneTranscripts(models: Models, before: Date): Promise<number> {
  let pruned = 0;
  const quiet = await models.conversations
    .find({ lastActivityAt: { $lt: before }, recent: { $exists: true } }, { recent: 1 })
    .lean();
  for (const conversation of quiet) {
    await models.conversations.updateOne(
      { _id: conversation._id },
      { $unset: { recent: 1, recentCount: 1 } },
    );
    pruned += conversation.recent?.length ?? 0;
  }
  for (const log of await models.chatLogs.find({}, { lines: 1 }).lean()) {
    const lines = log.lines as ChatLine[];
    const kept = saidSince(lines, before);
    if (kept.length === lines.length) continue;
    if (kept.length === 0) await models.chatLogs.deleteOne({ _id: log._id });
    else await models.chatLogs.updateOne({ _id: log._id }, { $set: { lines: kept } });
    pruned += lines.length - kept.length;
  }
  return pruned;
}
