import type { HandoverAssigneeKind } from '../../db/models/handover';
import { say, type Language } from '../../i18n';

/**
 * How the requester hears of the one taking their request: a mentor or Dinsos staff by their own
 * name, a Puskesos by the unit's name ("Puskesos Lumpaat"), whoever of its staff writes.
 */
export type AssigneeLabel =
  | { kind: 'mentor'; name: string }
  | { kind: 'puskesos'; name: string }
  | { kind: 'dinsos'; name?: string | undefined };

/** A Puskesos's name as people say it: "Lumpaat" is "Puskesos Lumpaat". */
const puskesosName = (name: string, language: Language) =>
  /^puskesos\b/i.test(name) ? name : say('handover.puskesos', language, { name });

function whoOf(assignee: AssigneeLabel, language: Language): string {
  if (assignee.kind === 'mentor') return say('handover.yourMentor', language, { name: assignee.name });
  if (assignee.kind === 'puskesos') return puskesosName(assignee.name, language);
  return say('handover.dinsosStaff', language);
}

/** What the requester is told once their request is taken in: passed on to someone, or recorded. */
export function handoverOpenedText(
  number: string,
  assignee: AssigneeLabel,
  reached: boolean,
  language: Language,
): string {
  return say(reached ? 'handover.reached' : 'handover.recorded', language, {
    number,
    who: whoOf(assignee, language),
  });
}

/** Asking again while a request is open: the same one goes on, no second is opened. */
export const handoverStillOpenText = (number: string, language: Language) =>
  say('handover.stillOpen', language, { number });

export const handoverPassedOnText = (number: string, language: Language) =>
  say('handover.passedOn', language, { number });

/** MENU or BATAL while a request is open: the bot takes the chat, the request stays open. */
export const handoverLeftForMenuText = (number: string, language: Language) =>
  say('handover.leftForMenu', language, { number });

/** How an answer is signed: the person's role and name, or their Puskesos's name. */
function signatureOf(by: AssigneeLabel, language: Language): string {
  if (by.kind === 'puskesos') return puskesosName(by.name, language);
  const role = say(by.kind === 'mentor' ? 'handover.mentorSignature' : 'handover.dinsosSignature', language);
  return `${role}${by.name ? ` ${by.name}` : ''}`;
}

/**
 * The person's answer as the requester reads it, signed with their role and name ("Pendamping
 * Rizky: …", "Puskesos Lumpaat: …"); when the requester had gone back to the menu, how to reply.
 */
export function handoverAnswerText(
  answer: string,
  by: AssigneeLabel,
  language: Language,
  requesterAtMenu: boolean,
): string {
  const signed = `${signatureOf(by, language)}: ${answer}`;
  return requesterAtMenu ? `${signed}\n\n${say('handover.replyWithHelp', language)}` : signed;
}

export const handoverClosedText = (language: Language) => say('handover.closed', language);

/** What the person told of a new request reads in their chat app (mentors and staff read Indonesian). */
export function handoverNoticeText(notice: {
  number: string;
  requesterName: string | undefined;
  asked: string;
  assignee: HandoverAssigneeKind;
}): string {
  return say('handover.notice', 'id', {
    number: notice.number,
    from: notice.requesterName ?? say('handover.notAParticipant', 'id'),
    whose: notice.assignee === 'mentor' ? say('handover.yourParticipant', 'id') : '',
    asked: notice.asked,
    hint: say('handover.answerHint', 'id'),
  });
}

/** A message the requester wrote while their request is open, as the person reads it. */
export const handoverRelayText = (number: string, requesterName: string | undefined, text: string) =>
  say('handover.relay', 'id', { number, from: requesterName ?? say('handover.resident', 'id'), text });

const IN_CHAT = {
  answered: 'handover.answered',
  closed: 'handover.closedInChat',
  not_yours: 'handover.notYours',
  already_closed: 'handover.alreadyClosed',
  busy: 'handover.busy',
  empty: 'handover.empty',
} as const;

export type InChatOutcome = keyof typeof IN_CHAT;

/** What the one answering from their chat app is told of their answer (or of closing). */
export const handoverInChatText = (
  outcome: InChatOutcome,
  number: string,
  requesterName: string | undefined,
  language: Language,
) =>
  say(IN_CHAT[outcome], language, {
    number,
    who: requesterName ?? say('handover.resident', language),
  });
