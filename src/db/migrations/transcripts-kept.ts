import {
  mergeTranscript,
  personLine,
  sentOutsideTurn,
  serviceLine,
  SIGN_IN_CODE_KEY_PREFIX,
  TRANSCRIPT_LIMIT,
  type ChatLine,
  type SaidMessage,
} from '../../domain/transcripts';
import { conversationKey } from '../models/conversation';
import type { Models } from '../models';
import type { Migration } from '.';

/** Each chat's lines, the latest kept as they are read in any order. */
class LatestLines {
  private readonly byChat = new Map<string, { channel: string; chatId: string; lines: ChatLine[] }>();

  add(channel: string, chatId: string, line: ChatLine): void {
    const key = conversationKey(channel, chatId);
    const chat = this.byChat.get(key) ?? { channel, chatId, lines: [] };
    chat.lines.push(line);
    if (chat.lines.length > 4 * TRANSCRIPT_LIMIT) chat.lines = latest(chat.lines);
    this.byChat.set(key, chat);
  }

  chats() {
    return [...this.byChat].map(([key, chat]) => ({ key, ...chat, lines: latest(chat.lines) }));
  }
}

const latest = (lines: ChatLine[]) => mergeTranscript([lines], { part: 'whole' });

/**
 * The transcripts kept with each chat (its conversation's recent lines, its log of what was sent on
 * its own), built once from the message history that pages searched before: inbound messages and
 * the outbox, each read once.
 */
export const transcriptsKept: Migration = {
  id: '2026-12-transcripts-kept',
  description: "each chat's latest lines kept with it",
  run: async (models: Models) => {
    const turns = new LatestLines();
    const sentOnItsOwn = new LatestLines();
    const inbound = models.inboundMessages
      .find({}, { channel: 1, chatId: 1, receivedAt: 1, payload: 1, topic: 1 })
      .lean()
      .cursor();
    for await (const message of inbound) {
      const payload = (message.payload ?? {}) as Partial<SaidMessage> & { complaintUpdate?: unknown };
      // News of a complaint is not the person's line.
      if (payload.complaintUpdate) continue;
      const line = personLine(
        { ...payload, receivedAt: message.receivedAt } as SaidMessage,
        message.topic ?? undefined,
        // A stranger's message was kept without what it said.
        { forget: !message.payload },
      );
      turns.add(message.channel, message.chatId, line);
    }
    const outbox = models.outbox
      .find(
        { status: { $in: ['sent', 'failed'] } },
        { channel: 1, chatId: 1, message: 1, topic: 1, status: 1, sentAt: 1, dueAt: 1 },
      )
      .lean()
      .cursor();
    for await (const entry of outbox) {
      const key = String(entry._id);
      if (key.startsWith(SIGN_IN_CODE_KEY_PREFIX)) continue;
      const message = (entry.message ?? {}) as { text?: string; choices?: { id: string; label: string }[] };
      const line = serviceLine(
        key,
        { text: String(message.text ?? ''), choices: message.choices },
        entry.sentAt ?? entry.dueAt,
        entry.topic ?? undefined,
        entry.status === 'failed',
      );
      (sentOutsideTurn(key) ? sentOnItsOwn : turns).add(entry.channel, entry.chatId, line);
    }

    let written = 0;
    for (const { key, channel, chatId, lines } of turns.chats()) {
      await models.conversations.updateOne(
        { _id: key },
        {
          $set: { recent: lines, recentCount: lines.length },
          // A chat with history but no state yet (made before conversations were kept by key).
          $setOnInsert: { channel, chatId, lastActivityAt: lines.at(-1)?.at ?? new Date() },
        },
        { upsert: true },
      );
      written++;
    }
    for (const { key, lines } of sentOnItsOwn.chats()) {
      await models.chatLogs.updateOne({ _id: key }, { $set: { lines } }, { upsert: true });
      written++;
    }
    return written;
  },
};
