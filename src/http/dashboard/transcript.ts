import type { Models } from '../../db/models';
import type { Chat } from '../../domain/privacy';
import {
  readTranscript,
  TRANSCRIPT_LIMIT,
  type Attachment,
  type ChatLine,
  type ChatPart,
} from '../../domain/transcripts';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';

/**
 * Which part of a chat a viewer reads. A complaint may be about the mentor, so a mentor reads the chat
 * without what was said in a complaint's conversation; Puskesos staff read only that part, which is
 * theirs, and nothing of the business and money; a Dinsos admin reads it all.
 */
export type TranscriptPart = ChatPart;

export interface TranscriptLine {
  direction: 'in' | 'out';
  channel: string;
  text: string;
  at: Date;
  failed: boolean;
}

/** What a person sent, as a line: the text, or what kind of thing it was. */
function personText(line: ChatLine, t: Translate): string {
  if (line.text) return line.text;
  if (line.choice !== undefined) return `[${t('pilihan', 'choice')}: ${line.choice}]`;
  const attachments: Record<Attachment, string> = {
    photo: t('foto', 'photo'),
    voice: t('pesan suara', 'voice message'),
    document: t('dokumen', 'document'),
    video: 'video',
    contact: t('kontak', 'contact'),
    location: t('lokasi', 'location'),
    other: t('pesan tanpa teks', 'message without text'),
  };
  return `[${attachments[line.attachment ?? 'other']}]`;
}

/**
 * The latest messages of a person's chats, in and out, oldest first, read by the chats' keys
 * (src/domain/transcripts). With `until`, only what was said up to then (what led to a request for a
 * person). News of a complaint travels as a message of the chat but was not written by the person, so
 * it is not a line; a NIK typed into a chat was never kept.
 */
export async function chatTranscript(
  models: Models,
  chats: Chat[],
  t: Translate,
  options: { part: TranscriptPart; limit?: number; until?: Date },
): Promise<TranscriptLine[]> {
  const lines = await readTranscript(models, chats, { limit: TRANSCRIPT_LIMIT, ...options });
  return lines.map((line) => ({
    direction: line.direction,
    channel: line.channel,
    text: line.direction === 'in' ? personText(line, t) : (line.text ?? ''),
    at: line.at,
    failed: line.failed ?? false,
  }));
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
