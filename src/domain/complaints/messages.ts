import { complaintCategoryName } from './categories';
import type { ComplaintStatus } from './lifecycle';
import { formatDateTime, say, text, type Language, type StaffLanguage, type TextKey } from '../../i18n';
import { maskPhone } from '../identity';

/**
 * What the complainant is told after one action on their complaint: the staff's reply, the new status,
 * or both (an answer is a reply and a status), written in their language.
 */
export interface ComplaintUpdate {
  number: string;
  puskesosName: string;
  /** The complainant's language, as they filed the complaint. */
  language: Language;
  text?: string | undefined;
  status?: ComplaintStatus | undefined;
  referredTo?: string | undefined;
}

const STATUS_WORDS = {
  unrouted: 'complaint.statusUnrouted',
  new: 'complaint.statusNew',
  acknowledged: 'complaint.statusAcknowledged',
  in_progress: 'complaint.statusInProgress',
  referred: 'complaint.statusReferred',
  answered: 'complaint.statusAnswered',
  closed: 'complaint.statusClosed',
  reopened: 'complaint.statusReopened',
} as const satisfies Record<ComplaintStatus, TextKey>;

export const statusWord = (status: ComplaintStatus, language: Language) =>
  say(STATUS_WORDS[status], language);

export function complainantUpdateText(update: ComplaintUpdate, language: Language): string {
  const { number, puskesosName: puskesos } = update;
  const parts: string[] = [];
  if (update.text) parts.push(say('complaint.reply', language, { puskesos, number, text: update.text }));
  if (update.status === 'new') parts.push(say('complaint.routed', language, { number, puskesos }));
  else if (update.status) {
    parts.push(
      say('complaint.statusChanged', language, {
        number,
        status: statusWord(update.status, language),
        referred: update.referredTo ? ` (${update.referredTo})` : '',
        puskesos,
      }),
    );
  }
  return parts.join('\n\n');
}

/** What staff see of a new complaint: enough to act on it, with the complainant's number masked. */
export function newComplaintPost(
  complaint: {
    number: string;
    category: string;
    desa: string;
    text: string;
    complainantPhone?: string | undefined;
    participant: boolean;
    photos: number;
    acknowledgeBy?: Date | undefined;
  },
  timeZone: string,
): string {
  return [
    say('complaint.newPostTitle', 'id', { number: complaint.number }),
    say('complaint.newPostCategory', 'id', { category: complaintCategoryName(complaint.category) }),
    say('complaint.newPostDesa', 'id', { desa: complaint.desa }),
    say('complaint.newPostComplainant', 'id', {
      phone: complaint.complainantPhone
        ? maskPhone(complaint.complainantPhone)
        : say('complaint.withoutNumber', 'id'),
      participant: complaint.participant ? say('complaint.aParticipant', 'id') : '',
    }),
    say('complaint.newPostText', 'id', { text: complaint.text }),
    ...(complaint.photos > 0 ? [say('complaint.newPostPhotos', 'id', { count: complaint.photos })] : []),
    ...(complaint.acknowledgeBy
      ? [
          say('complaint.newPostAcknowledgeBy', 'id', {
            when: formatDateTime(complaint.acknowledgeBy, 'id', timeZone),
          }),
        ]
      : []),
    '',
    STAFF_HINT.id,
  ].join('\n');
}

export const STAFF_HINT = text('complaint.staffHint');

/** A message from the complainant, passed to staff in the thread of its complaint. */
export const complainantMessagePost = (number: string, text: string) =>
  say('complaint.complainantMessage', 'id', { number, text });

const ANNOUNCED = {
  unrouted: 'complaint.announceUnrouted',
  new: 'complaint.announceNew',
  acknowledged: 'complaint.announceAcknowledged',
  in_progress: 'complaint.announceInProgress',
  referred: 'complaint.announceReferred',
  answered: 'complaint.announceAnswered',
  closed: 'complaint.announceClosed',
  reopened: 'complaint.announceReopened',
} as const satisfies Record<ComplaintStatus, TextKey>;

/** What happened, said to the Puskesos staff: `PGD-2026-000001 diambil oleh Rina.` */
export function staffAnnouncement(
  number: string,
  event: {
    kind: string;
    to?: ComplaintStatus | undefined;
    byName?: string | undefined;
    text?: string | undefined;
  },
  language: StaffLanguage = 'id',
): string {
  const who = event.byName ?? say('complaint.theComplainant', language);
  switch (event.kind) {
    case 'reply':
      return say('complaint.announceReply', language, { number, who });
    case 'note':
      return say('complaint.announceNote', language, { number, who });
    case 'rating':
      return say('complaint.announceRating', language, { number, rating: event.text ?? '' });
    default: {
      const to = event.to ?? 'new';
      if (to === 'new' && event.text)
        return say('complaint.announceRouted', language, { number, puskesos: event.text, who });
      return say(ANNOUNCED[to], language, {
        number,
        who,
        service: event.text ?? say('complaint.anotherService', language),
        note: event.text ? `: ${event.text}` : '',
      });
    }
  }
}
