import type { Models } from '../../db/models';
import type { Chat } from '../../domain/privacy';
import type { OutboundMessage } from '../../engine/messages';
import { redactNik } from '../../log';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';

/** The latest messages of the conversation, in and out together. */
export const TRANSCRIPT_LIMIT = 50;

/**
 * Which part of a chat a viewer reads. A complaint may be about the mentor, so a mentor reads the chat
 * without what was said in a complaint's conversation; Puskesos staff read only that part, which is
 * theirs, and nothing of the business and money; a Dinsos admin reads it all.
 */
export type TranscriptPart = 'whole' | 'without-complaints' | 'complaints-only';

export interface TranscriptLine {
  direction: 'in' | 'out';
  channel: string;
  text: string;
  at: Date;
  failed: boolean;
}

/** What a person sent, as a line: the text, or what kind of thing it was. */
function inboundText(payload: unknown, t: Translate): string {
  const message = (payload ?? {}) as {
    text?: unknown;
    choice?: unknown;
    contact?: unknown;
    media?: { kind?: unknown };
    location?: unknown;
  };
  if (typeof message.text === 'string' && message.text !== '') return message.text;
  if (typeof message.choice === 'string') return `[${t('pilihan', 'choice')}: ${message.choice}]`;
  if (message.media) {
    const kinds: Record<string, string> = {
      photo: t('foto', 'photo'),
      voice: t('pesan suara', 'voice message'),
      document: t('dokumen', 'document'),
      video: 'video',
    };
    return `[${kinds[String(message.media.kind)] ?? t('berkas', 'file')}]`;
  }
  if (message.contact) return `[${t('kontak', 'contact')}]`;
  if (message.location) return `[${t('lokasi', 'location')}]`;
  return `[${t('pesan tanpa teks', 'message without text')}]`;
}

const topicFilter = (part: TranscriptPart) =>
  part === 'whole'
    ? {}
    : part === 'without-complaints'
      ? { topic: { $ne: 'complaint' as const } }
      : { topic: 'complaint' as const };

/**
 * The latest messages of a person's chats, in and out, oldest first: the `limit` last of each kind
 * read, merged, and the `limit` last kept. With `until`, only what was said up to then (what led to a
 * request for a person). News of a complaint travels as a message of the chat but was not written by
 * the person, so it is left out (as in the simulator); a NIK typed into a chat never reaches the page.
 */
export async function chatTranscript(
  models: Models,
  chats: Chat[],
  t: Translate,
  { part, limit = TRANSCRIPT_LIMIT, until }: { part: TranscriptPart; limit?: number; until?: Date },
): Promise<TranscriptLine[]> {
  const topic = topicFilter(part);
  const [inbound, outbound] = await Promise.all([
    models.inboundMessages
      .find(
        {
          $or: chats,
          'payload.complaintUpdate': { $exists: false },
          ...topic,
          ...(until ? { receivedAt: { $lte: until } } : {}),
        },
        { channel: 1, receivedAt: 1, payload: 1 },
      )
      .sort({ receivedAt: -1 })
      .limit(limit)
      .lean(),
    models.outbox
      .find(
        {
          $or: chats,
          status: { $in: ['sent', 'failed'] },
          ...topic,
          ...(until ? { dueAt: { $lte: until } } : {}),
        },
        { channel: 1, message: 1, sentAt: 1, dueAt: 1, status: 1 },
      )
      .sort({ createdAt: -1, order: -1 })
      .limit(limit)
      .lean(),
  ]);
  // Both are read newest first; put back in the order written, so that a turn's replies, sent at one
  // time, stay in theirs.
  const lines: TranscriptLine[] = [
    ...inbound.reverse().map((entry) => ({
      direction: 'in' as const,
      channel: entry.channel,
      text: redactNik(inboundText(entry.payload, t)),
      at: entry.receivedAt,
      failed: false,
    })),
    ...outbound.reverse().map((entry) => ({
      direction: 'out' as const,
      channel: entry.channel,
      text: redactNik(String((entry.message as OutboundMessage | undefined)?.text ?? '')),
      at: entry.sentAt ?? entry.dueAt,
      failed: entry.status === 'failed',
    })),
  ];
  // A reply is sent after the message it answers; at equal times the person's message comes first.
  return lines
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.direction === 'in' ? -1 : 1))
    .slice(-limit);
}

/** The lines as the pages show them: the person's on one side, the bot's on the other, named so. */
export function transcriptList(
  lines: readonly TranscriptLine[],
  personName: string,
  when: (at: Date) => string,
  t: Translate,
): SafeHtml {
  return html`<ol class="transcript">
    ${lines.map(
      (line) =>
        html`<li class="${line.direction}${line.failed ? ' failed' : ''}">
          <div class="meta">
            ${when(line.at)} ·
            ${line.direction === 'in' ? personName : t('Pendamping (bot)', 'Pendamping (bot)')} ·
            ${line.channel}${line.failed ? html` · <strong>${t('gagal terkirim', 'not delivered')}</strong>` : ''}
          </div>
          <div class="text">${line.text}</div>
        </li>`,
    )}
  </ol>`;
}
