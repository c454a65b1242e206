import { complaintCategoryName } from '../../domain/complaints/categories';
import { Types } from 'mongoose';
import {
  actOnComplaint,
  openComplaint,
  statusWord,
  type ActOutcome,
  type DeskAction,
} from '../../domain/complaints';
import type { NewComplaint, OpenedComplaint } from '../../domain/complaints';
import { queueUnrouted } from '../../domain/complaints/open-complaint';
import { indexComplaint } from '../../domain/complaints/complaint-index';
import { effectOnce } from '../../db/effects';
import { inboundKey } from '../../db/models/inbound-message';
import { say as sayIn, text, type LocalizedText } from '../../i18n';
import { phoneOfChat } from '../identify';
import {
  nothing,
  say,
  word,
  type ActionContext,
  type ActionHandler,
  type ActionResult,
  type Answers,
} from './types';

export const fileComplaint: ActionHandler = async (answers, context) => {
  const participant = await context.models.participants
    .findById(context.participantId, { desa: 1, kecamatan: 1, phone: 1 })
    .lean();
  if (!participant) return nothing();
  return file(context, answers, {
    participant: participant._id,
    complainantPhone: participant.phone,
    desa: participant.desa,
    kecamatan: participant.kecamatan,
  });
};

/**
 * A resident who is not a participant names their desa, which alone decides the Puskesos. On WhatsApp
 * (and the simulator) the chat is their number; on Telegram staff answer them through the bot.
 */
export const fileResidentComplaint: ActionHandler = async (answers, context) => {
  const { channel, chatId } = context.inbound;
  return file(context, answers, {
    complainantPhone: channel === 'telegram' ? undefined : phoneOfChat(chatId),
    desa: word(answers.desa).trim(),
  });
};

async function file(
  context: ActionContext,
  answers: Answers,
  complainant: Pick<NewComplaint, 'participant' | 'complainantPhone' | 'desa' | 'kecamatan'>,
): Promise<ActionResult> {
  const { models, language, now, inbound } = context;
  const photo = answers.photo;
  const photoId = photo && typeof photo === 'object' ? photo.fileId : undefined;
  // Handled again after a crash (the complaint opened, the conversation not yet moved on), the same
  // message gives the same number instead of opening a second complaint.
  const openedBy = inboundKey(inbound.channel, inbound.platformMessageId);
  const opened = await effectOnce(
    models,
    `${openedBy}:open-complaint`,
    now,
    () =>
      openComplaint(
        models,
        {
          ...complainant,
          complainantChat: { channel: inbound.channel, chatId: inbound.chatId },
          language,
          category: word(answers.category),
          text: word(answers.description),
          photos: typeof photoId === 'string' ? [photoId] : [],
          at: now,
          openedBy,
        },
        context.complaints,
      ),
    () => complaintOpenedBy(context, openedBy),
  );
  if (!opened.ok)
    return say(
      text('complaint.storedWithoutPuskesos', { number: opened.number, desa: complainant.desa }),
      language,
    );
  return say(
    text('complaint.passedToPuskesos', { number: opened.number, puskesos: opened.puskesosName }),
    language,
  );
}

/** The complaint a message opened before the process stopped, if it did (a search: only then). */
async function complaintOpenedBy(
  context: ActionContext,
  openedBy: string,
): Promise<OpenedComplaint | undefined> {
  const { models } = context;
  const complaint = await models.complaints
    .findOne({ openedBy }, { number: 1, puskesos: 1, desa: 1, category: 1, createdAt: 1 })
    .lean();
  if (!complaint) return undefined;
  // Stored before the stop, perhaps not yet listed: listing it again writes the same entry.
  await indexComplaint(models, complaint._id, context.now);
  if (!complaint.puskesos) {
    // Stored before the stop, perhaps not yet queued for the Dinsos: queuing again changes nothing.
    await queueUnrouted(models, { ...complaint, at: complaint.createdAt });
    return { ok: false, reason: 'no_puskesos', number: complaint.number };
  }
  const puskesos = await models.puskesos.findById(complaint.puskesos, { name: 1 }).lean();
  return { ok: true, number: complaint.number, puskesosName: puskesos?.name ?? '' };
}

/** The complainant's answer to a staff reply, passed into the complaint's thread. */
export const relayComplaintMessage: ActionHandler = async (answers, context) =>
  complainantActs(
    context,
    word(answers.complaint),
    { kind: 'message', text: word(answers.message) },
    text('complaint.messagePassedOn'),
  );

/** After an answer: how the complainant rates it; "not solved" reopens the complaint. */
export const rateComplaint: ActionHandler = async (answers, context) => {
  const solved = answers.solved === true;
  const comment = word(answers.comment).trim();
  return complainantActs(
    context,
    word(answers.complaint),
    {
      kind: 'rate',
      score: Number(word(answers.score).replace(/^s/, '')) || 1,
      solved,
      comment: comment || undefined,
    },
    text(solved ? 'complaint.ratedSolved' : 'complaint.ratedUnsolved'),
  );
};

/** "My complaints": the person's latest complaints with where each stands. */
export const showComplaints: ActionHandler = async (_answers, { models, participantId, language }) => {
  const complaints = await models.complaints
    .find({ participant: participantId }, { number: 1, status: 1, category: 1, createdAt: 1 })
    .sort({ createdAt: -1 })
    .limit(5)
    .lean();
  if (complaints.length === 0) return say(text('complaint.noneSent'), language);
  const lines = complaints.map(
    (complaint) =>
      `${complaint.number} (${complaintCategoryName(complaint.category, language)}): ${statusWord(complaint.status, language)}`,
  );
  return {
    messages: [{ text: [sayIn('complaint.yourComplaints', language), ...lines].join('\n') }],
    outputs: {},
  };
};

async function complainantActs(
  context: ActionContext,
  number: string,
  action: DeskAction,
  done: LocalizedText,
): Promise<ActionResult> {
  const outcome = await actOnComplaint(
    context.models,
    number,
    action,
    {
      kind: 'complainant',
      chat: { channel: context.inbound.channel, chatId: context.inbound.chatId },
      participantId: Types.ObjectId.isValid(context.participantId) ? context.participantId : undefined,
    },
    context.now,
    context.complaints,
  );
  if (outcome.ok) {
    context.notify(outcome.notices);
    return say(done, context.language);
  }
  return say(refusalText(outcome), context.language);
}

function refusalText(outcome: Exclude<ActOutcome, { ok: true }>): LocalizedText {
  switch (outcome.reason) {
    case 'closed':
      return text('complaint.isClosed');
    case 'not_answered':
      return text('complaint.notYetAnswered');
    case 'busy':
      return text('complaint.busy');
    default:
      return text('complaint.notFound');
  }
}
