import { complaintCategoryName } from '../domain/complaints/categories';
import type { Models } from '../db/models';
import { statusWord } from '../domain/complaints';
import { COMPLAINT_NUMBER } from '../domain/complaints/staff-command';
import type { Language } from '../domain/program';
import { sessionTime } from '../domain/sessions/messages';
import type { InboundMessage, OutboundMessage } from '../engine/messages';
import type { Person } from './identify';

const STATUS_QUERY = new RegExp(
  `^\\s*(?:status|cek|check)?\\s*(${COMPLAINT_NUMBER.source})\\s*[.?!]*\\s*$`,
  'i',
);

/** `status PGD-2026-000123` (or the number alone): the complaint it asks about. */
export function statusQueryOf(text: string | undefined): string | undefined {
  return text ? STATUS_QUERY.exec(text)?.[1]?.toUpperCase() : undefined;
}

/** Where a complaint stands, for the person who filed it; anyone else learns nothing about it. */
export async function answerStatusQuery(
  models: Models,
  number: string,
  person: Person,
  inbound: InboundMessage,
  language: Language,
): Promise<OutboundMessage> {
  const complaint = await models.complaints
    .findOne(
      { number },
      { number: 1, status: 1, participant: 1, complainantChat: 1, referredTo: 1, events: 1, category: 1 },
    )
    .lean();
  const theirs =
    complaint &&
    ((person.kind === 'participant' && complaint.participant?.equals(person.id)) ||
      (complaint.complainantChat?.channel === inbound.channel &&
        complaint.complainantChat.chatId === inbound.chatId));
  if (!complaint || !theirs) {
    return {
      text: {
        id: `Maaf, pengaduan ${number} tidak ditemukan untuk nomor Bapak/Ibu.`,
        en: `Sorry, complaint ${number} was not found for your number.`,
        su: `Hapunten, pangaduan ${number} teu kapendak kanggo nomer Bapak/Ibu.`,
      }[language],
    };
  }
  const lastReply = [...complaint.events].reverse().find((event) => event.kind === 'reply');
  const lines = [
    {
      id: `Pengaduan ${number} (${complaintCategoryName(complaint.category)}): ${statusWord(complaint.status, language)}`,
      en: `Complaint ${number} (${complaintCategoryName(complaint.category, 'en')}): ${statusWord(complaint.status, language)}`,
      su: `Pangaduan ${number} (${complaintCategoryName(complaint.category, 'su')}): ${statusWord(complaint.status, language)}`,
    }[language],
    ...(complaint.referredTo
      ? [`${{ id: 'Dirujuk ke', en: 'Referred to', su: 'Dirujuk ka' }[language]}: ${complaint.referredTo}`]
      : []),
    ...(lastReply
      ? [
          `${{ id: 'Balasan terakhir', en: 'Latest reply', su: 'Waleran pamungkas' }[language]} (${sessionTime(lastReply.at, language, 'Asia/Jakarta')}): ${lastReply.text ?? ''}`,
        ]
      : []),
  ];
  return { text: lines.join('\n') };
}
