import { auditActorOf, recordAudit } from '../auth';
import type { Models } from '../db/models';
import { conversationKey } from '../db/models/conversation';
import { inboundKey } from '../db/models/inbound-message';
import {
  answerHandover,
  closeHandover,
  HANDOVER_NUMBER_IN_TEXT,
  handoverInChatText,
  mayActOn,
  type InChatOutcome,
  type HandoverActor,
  type HandoverResponder,
  handoverLeftForMenuText,
  handoverOpenedText,
  handoverPassedOnText,
  handoverStillOpenText,
  openHandover,
  relayToHandover,
  topicOfFlow,
  type HandoverDeskSettings,
  type HandoverReason,
} from '../domain/handovers';
import type { Language } from '../domain/program';
import { quotedNumber } from '../domain/quoted-number';
import type { InboundMessage, OutboundMessage } from '../engine/messages';
import { say, type TextKey } from '../i18n';
import { globalCommand } from './commands';

/** What the person sent without words, as the one who reads the request is told it (in Indonesian). */
const MEDIA_WORDS = {
  photo: 'handover.photo',
  voice: 'handover.voice',
  document: 'handover.document',
  video: 'handover.video',
  none: 'handover.message',
} as const satisfies Record<NonNullable<InboundMessage['media']>['kind'] | 'none', TextKey>;

export interface HandoverChat {
  models: Models;
  settings: HandoverDeskSettings;
  inbound: InboundMessage;
  language: Language;
  now: Date;
}

/** What a chat's turn does next: whether it waits for a person, and what it says. */
export interface HandoverStep {
  handoff: boolean;
  replies: OutboundMessage[];
}

/**
 * Someone asked for a person, or the bot gave up on their answers: the request is opened and
 * assigned, and they are told who has it, or that it is recorded when nobody could be told.
 */
export async function askForPerson(
  chat: HandoverChat,
  request: {
    reason: HandoverReason;
    flowId?: string | undefined;
    participantId?: string | undefined;
    residentDesa?: string | undefined;
  },
): Promise<HandoverStep> {
  const { models, settings, inbound, language, now } = chat;
  const asked =
    request.reason === 'asked'
      ? say('handover.askedForPerson', 'id')
      : say('handover.notUnderstood', 'id', {
          flow: request.flowId ? say('handover.inFlow', 'id', { flowId: request.flowId }) : '',
          text: inbound.text ?? '',
        });
  const opened = await openHandover(
    models,
    {
      inboundKey: inboundKey(inbound.channel, inbound.platformMessageId),
      chat: { channel: inbound.channel, chatId: inbound.chatId },
      participantId: request.participantId,
      residentDesa: request.residentDesa,
      reason: request.reason,
      topic: topicOfFlow(request.flowId),
      asked,
      language,
      now,
    },
    settings,
  );
  const text =
    opened.kind === 'already_open'
      ? handoverStillOpenText(opened.number, language)
      : handoverOpenedText(opened.number, opened.assignee, opened.reached, language);
  return { handoff: true, replies: [{ text }] };
}

/**
 * A message while the chat waits for a person. It goes to the person (`handled`), except STOP, MULAI
 * and BANTUAN, which work as always, and MENU or BATAL, which give the chat back to the bot and leave the
 * request open, saying so. Once the request was closed, the message is the bot's again.
 */
export async function whileHandedOver(chat: HandoverChat): Promise<HandoverStep & { handled: boolean }> {
  const { models, settings, inbound, language, now } = chat;
  const command = globalCommand(inbound.text);
  // BANTUAN again is answered where it always is: the open request's number.
  if (command === 'stop' || command === 'resume' || command === 'help')
    return { handled: false, handoff: true, replies: [] };
  const chatOf = { channel: inbound.channel, chatId: inbound.chatId };
  if (command === 'menu' || command === 'cancel') {
    const open = await models.openHandovers.findById(conversationKey(inbound.channel, inbound.chatId)).lean();
    return {
      handled: false,
      handoff: false,
      replies: open ? [{ text: handoverLeftForMenuText(open.handover, language) }] : [],
    };
  }
  const relayed = await relayToHandover(
    models,
    {
      inboundKey: inboundKey(inbound.channel, inbound.platformMessageId),
      chat: chatOf,
      text:
        inbound.text ??
        say('handover.withoutWords', 'id', { what: say(MEDIA_WORDS[inbound.media?.kind ?? 'none'], 'id') }),
      at: now,
    },
    settings,
  );
  if (!relayed) return { handled: false, handoff: false, replies: [] };
  return {
    handled: true,
    handoff: true,
    replies: relayed.acknowledge ? [{ text: handoverPassedOnText(relayed.number, language) }] : [],
  };
}

const CLOSE_WORDS = /^\/?(tutup|close)(@\w+)?$/i;

/** Who replies in their chat app, as far as answering a request goes. */
export type QuotingPerson =
  { kind: 'mentor'; id: string; language: Language } | { kind: 'staff'; id: string };

/**
 * A mentor's or staff member's reply, in their chat app, to the bot's message about a request (its
 * notice, a message passed on): their answer to the requester, or `/tutup` to close it, as staff
 * answer a complaint by replying to its post. Undefined when the reply names no single request.
 */
export async function answerByQuoting(
  models: Models,
  person: QuotingPerson,
  inbound: InboundMessage,
  now: Date,
): Promise<OutboundMessage[] | undefined> {
  const quoted = quotedNumber(inbound.replyToText, HANDOVER_NUMBER_IN_TEXT);
  if (quoted.kind !== 'one') return undefined;
  const { number } = quoted;
  const responder = await responderInChat(models, person);
  const language = inbound.group ? 'id' : responder.language;
  const answer = (outcome: InChatOutcome, requesterName?: string) => [
    { text: handoverInChatText(outcome, number, requesterName, language) },
  ];
  const text = inbound.text?.trim();
  if (!text) return answer('empty');
  const handover = await models.handovers.findById(number, { assignee: 1 }).lean();
  if (!handover || !responder.actor || !mayActOn(responder.actor, handover.assignee))
    return answer('not_yours');
  const closing = CLOSE_WORDS.test(text);
  const outcome = closing
    ? await closeHandover(models, number, { by: responder.by, now })
    : await answerHandover(models, number, {
        by: responder.by,
        text,
        now,
        key: inboundKey(inbound.channel, inbound.platformMessageId),
      });
  if (!outcome.ok)
    return answer(
      outcome.reason === 'busy' ? 'busy' : outcome.reason === 'closed' ? 'already_closed' : 'not_yours',
    );
  if (!outcome.again)
    await recordAudit(
      models,
      {
        actor: auditActorOf(person),
        action: closing ? 'handover.close' : 'handover.answer',
        target: number,
        details: { via: 'chat', channel: inbound.channel, ...(closing ? {} : { characters: text.length }) },
      },
      now,
    );
  return answer(closing ? 'closed' : 'answered', outcome.requesterName);
}

/** The person replying as a responder: how they sign, what they may act on, and their language. */
async function responderInChat(
  models: Models,
  person: QuotingPerson,
): Promise<{ by: HandoverResponder; actor: HandoverActor | undefined; language: Language }> {
  if (person.kind === 'mentor') {
    const mentor = await models.mentors.findById(person.id, { name: 1 }).lean();
    return {
      by: { kind: 'mentor', name: mentor?.name ?? '' },
      actor: { kind: 'mentor', mentor: person.id },
      language: person.language,
    };
  }
  const staff = await models.staff.findById(person.id, { name: 1, puskesos: 1, role: 1, language: 1 }).lean();
  const language: Language = staff?.language === 'en' ? 'en' : 'id';
  if (staff?.puskesos) {
    const unit = await models.puskesos.findById(staff.puskesos, { name: 1 }).lean();
    return {
      by: { kind: 'puskesos', name: staff.name, unit: unit?.name },
      actor: { kind: 'puskesos', puskesos: String(staff.puskesos) },
      language,
    };
  }
  // Staff of no Puskesos are the Dinsos's; only its admins act on requests.
  return {
    by: { kind: 'dinsos', name: staff?.name ?? '' },
    actor: staff?.role === 'admin' ? { kind: 'dinsos' } : undefined,
    language,
  };
}
