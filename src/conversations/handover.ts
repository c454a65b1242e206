import type { Models } from '../db/models';
import { conversationKey } from '../db/models/conversation';
import { inboundKey } from '../db/models/inbound-message';
import {
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
import type { InboundMessage, OutboundMessage } from '../engine/messages';
import { globalCommand } from './commands';

/** What the person sent without words, as the one who reads the request is told it (in Indonesian). */
const MEDIA_WORDS: Record<NonNullable<InboundMessage['media']>['kind'] | 'none', string> = {
  photo: 'foto',
  voice: 'pesan suara',
  document: 'dokumen',
  video: 'video',
  none: 'pesan',
};

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
  request: { reason: HandoverReason; flowId?: string | undefined; participantId?: string | undefined },
): Promise<HandoverStep> {
  const { models, settings, inbound, language, now } = chat;
  const asked =
    request.reason === 'asked'
      ? 'Ingin bicara dengan petugas.'
      : `Bot tidak memahami jawabannya${request.flowId ? ` (alur ${request.flowId})` : ''}: "${inbound.text ?? ''}"`;
  const opened = await openHandover(
    models,
    {
      inboundKey: inboundKey(inbound.channel, inbound.platformMessageId),
      chat: { channel: inbound.channel, chatId: inbound.chatId },
      participantId: request.participantId,
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
      text: inbound.text ?? `[${MEDIA_WORDS[inbound.media?.kind ?? 'none']} tanpa teks]`,
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
