import { complaintCategoryName } from '../domain/complaints/categories';
import type { Models } from '../db/models';
import { statusWord } from '../domain/complaints';
import { COMPLAINT_NUMBER } from '../domain/complaints/staff-command';
import type { Language } from '../domain/program';
import { sessionTime } from '../domain/sessions/messages';
import type { InboundMessage, OutboundMessage } from '../engine/messages';
import { say } from '../i18n';
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
  if (!complaint || !theirs) return { text: say('complaint.statusNotFound', language, { number }) };
  const lastReply = [...complaint.events].reverse().find((event) => event.kind === 'reply');
  const lines = [
    say('complaint.statusLine', language, {
      number,
      category: complaintCategoryName(complaint.category, language),
      status: statusWord(complaint.status, language),
    }),
    ...(complaint.referredTo
      ? [say('complaint.statusReferredTo', language, { service: complaint.referredTo })]
      : []),
    ...(lastReply
      ? [
          say('complaint.statusLatestReply', language, {
            when: sessionTime(lastReply.at, language, 'Asia/Jakarta'),
            text: lastReply.text ?? '',
          }),
        ]
      : []),
  ];
  return { text: lines.join('\n') };
}
