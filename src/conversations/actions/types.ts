import type { Models } from '../../db/models';
import type { ComplaintDeskSettings, ComplainantNotice } from '../../domain/complaints';
import type { Language } from '../../domain/program';
import type { AnswerValue } from '../../engine/conversation/state';
import type { InboundMessage, OutboundMessage } from '../../engine/messages';
import { inLanguage, type LocalizedText } from '../../i18n';

export interface ActionContext {
  models: Models;
  participantId: string;
  inbound: InboundMessage;
  language: Language;
  timeZone: string;
  now: Date;
  complaints: ComplaintDeskSettings;
  /** The mentor acting, in a mentor's flow; empty otherwise. */
  mentorId: string;
  /** Moves a message's due time out of quiet hours (session invitations and reminders). */
  allowedFrom: (due: Date) => Date;
  /** Notices for other chats (a complaint's thread), delivered once this message is handled. */
  notify: (notices: ComplainantNotice[]) => void;
}

/** What an action says (right after its step's prompt) and the answers it adds for the next steps. */
export interface ActionResult {
  messages: OutboundMessage[];
  outputs: Record<string, AnswerValue>;
}

export type Answers = Record<string, AnswerValue>;

export type ActionHandler = (answers: Answers, context: ActionContext) => Promise<ActionResult>;

export const nothing = (): ActionResult => ({ messages: [], outputs: {} });

/** One message in the person's language. */
export const say = (text: LocalizedText, language: Language): ActionResult => ({
  messages: [{ text: inLanguage(text, language) }],
  outputs: {},
});

export const amount = (value: AnswerValue | undefined) => (typeof value === 'number' ? value : 0);
export const word = (value: AnswerValue | undefined) => (typeof value === 'string' ? value : '');
