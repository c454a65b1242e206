import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/errors';
import { underLease } from '../../db/leases';
import type { Models } from '../../db/models';
import { conversationKey } from '../../db/models/conversation';
import { queueOnce } from '../../db/outbox';
import type { HandoverAssigneeKind } from '../../db/models/handover';
import { redactNik } from '../../log/redact';
import type { ComplaintDeskSettings } from '../complaints/complaint-desk';
import { deadlinesOf } from '../complaints/open-complaint';
import { servingPuskesos } from '../complaints/serving-puskesos';
import { memberTargets, staffTargetsOf } from '../complaints/staff-targets';
import type { Language } from '../program';
import { chatTargetOf, type ChatTarget } from '../reminders/reach';
import {
  handoverAnswerText,
  handoverClosedText,
  handoverNoticeText,
  handoverRelayText,
  type AssigneeLabel,
} from './messages';
import {
  acknowledgementDue,
  assigneeOf,
  handoverNumberOf,
  nextHandoverStatus,
  type HandoverReason,
  type HandoverTopic,
} from './rules';

/**
 * A request's deadlines follow the complaints' working calendar; people without a chat app on record
 * read in the simulator, when it is on (`fallback`).
 */
export type HandoverDeskSettings = ComplaintDeskSettings;

export interface HandoverRequest {
  /** The key of the message that asked: handled again, it opens nothing more. */
  inboundKey: string;
  chat: { channel: string; chatId: string };
  participantId?: string | undefined;
  /** A resident's desa, when their flow asked it: a Puskesos serving it takes their social-service requests. */
  residentDesa?: string | undefined;
  reason: HandoverReason;
  topic: HandoverTopic;
  asked: string;
  language: Language;
  now: Date;
}

export type OpenedHandover =
  | { kind: 'opened'; number: string; assignee: AssigneeLabel; reached: boolean }
  | { kind: 'already_open'; number: string };

export type StoredAssignee = {
  kind: HandoverAssigneeKind;
  mentor?: Types.ObjectId | null;
  puskesos?: Types.ObjectId | null;
  name?: string | null;
};

const labelOf = (assignee: StoredAssignee): AssigneeLabel =>
  assignee.kind === 'dinsos' ? { kind: 'dinsos' } : { kind: assignee.kind, name: assignee.name ?? '' };

type PuskesosUnit = { _id: Types.ObjectId; name: string; sla?: Parameters<typeof deadlinesOf>[0]['sla'] };

/**
 * By when a requester who waits from `since` must have an answer: as long as the Puskesos gives itself
 * to acknowledge a complaint (its `sla`), or the complaints' default for a mentor or the Dinsos.
 */
export const handoverDueAt = (
  since: Date,
  puskesos: Pick<PuskesosUnit, 'sla'> | null | undefined,
  settings: Pick<HandoverDeskSettings, 'calendar'>,
): Date => deadlinesOf(puskesos ?? {}, since, { calendar: settings.calendar }).acknowledgeBy;

/**
 * Opens a request for a person, assigned by rule (src/domain/handovers/rules.ts), and tells the one
 * it is assigned to in their chat app at once. A chat has one open request at a time: asking again
 * while it is open gives its number. Reads and writes by `_id`, except the Dinsos admins' chats,
 * found among the staff as a complaint's readers are.
 */
export async function openHandover(
  models: Models,
  request: HandoverRequest,
  settings: HandoverDeskSettings,
): Promise<OpenedHandover> {
  const chatKey = conversationKey(request.chat.channel, request.chat.chatId);
  const open = await models.openHandovers.findById(chatKey).lean();
  if (open) {
    const current = await models.handovers.findById(open.handover, { openedBy: 1 }).lean();
    if (current?.openedBy !== request.inboundKey) return { kind: 'already_open', number: open.handover };
  }
  const participant = request.participantId
    ? await models.participants
        .findById(request.participantId, { name: 1, mentors: 1, desa: 1, kecamatan: 1 })
        .lean()
    : null;
  const place = participant ?? (request.residentDesa ? { desa: request.residentDesa } : undefined);
  // Only a social-service question needs its Puskesos: a regency has a few dozen, all read, as a
  // complaint's routing reads them.
  const puskesos =
    request.topic === 'social_service' && place
      ? servingPuskesos(
          await models.puskesos.find({}, { name: 1, desa: 1, kecamatan: 1, servedDesa: 1, sla: 1 }).lean(),
          place,
        )
      : undefined;
  const rule = assigneeOf({
    topic: request.topic,
    mentors: {
      mibi: participant?.mentors?.mibi ? String(participant.mentors.mibi) : undefined,
      tksk: participant?.mentors?.tksk ? String(participant.mentors.tksk) : undefined,
    },
    puskesos: puskesos ? String(puskesos._id) : undefined,
  });
  const mentor =
    rule.kind === 'mentor'
      ? await models.mentors.findById(rule.mentor, { name: 1, phone: 1, channels: 1, disabledAt: 1 }).lean()
      : null;
  // A disabled mentor answers nobody: the request goes to Dinsos, as when there is no mentor.
  const assignee: StoredAssignee =
    mentor && !mentor.disabledAt
      ? { kind: 'mentor', mentor: mentor._id, name: mentor.name }
      : rule.kind === 'puskesos' && puskesos
        ? { kind: 'puskesos', puskesos: puskesos._id, name: puskesos.name }
        : { kind: 'dinsos' };
  const dueAt = handoverDueAt(request.now, assignee.kind === 'puskesos' ? puskesos : undefined, settings);
  const asked = redactNik(request.asked);
  const number = await insertHandover(models, request, {
    chat: request.chat,
    requester: participant
      ? { kind: 'participant', participant: participant._id, name: participant.name }
      : { kind: 'resident' },
    language: request.language,
    reason: request.reason,
    asked,
    assignee,
    status: 'open',
    openedAt: request.now,
    dueAt,
    messages: [],
  });
  await models.openHandovers
    .create({
      _id: chatKey,
      handover: number,
      assignee,
      ...(participant ? { requesterName: participant.name } : {}),
      status: 'open',
      openedAt: request.now,
      waitingSince: request.now,
      dueAt,
    })
    .catch((error: unknown) => {
      // Handled again after a crash: listed already.
      if (!isDuplicateKey(error)) throw error;
    });
  const targets = await assigneeTargets(models, assignee, settings);
  const text = handoverNoticeText({
    number,
    requesterName: participant?.name,
    asked,
    assignee: assignee.kind,
  });
  for (const target of targets) {
    await queueOnce(models, {
      dedupeKey: `handover:${number}:opened:${target.channel}:${target.chatId}`,
      channel: target.channel,
      chatId: target.chatId,
      fallbacks: target.fallbacks,
      message: { text },
      dueAt: request.now,
    });
  }
  return { kind: 'opened', number, assignee: labelOf(assignee), reached: targets.length > 0 };
}

/** Takes the first free number of those the message gives; one it took before is its own again. */
async function insertHandover(
  models: Models,
  request: HandoverRequest,
  fields: Record<string, unknown>,
): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const number = handoverNumberOf(request.inboundKey, attempt);
    try {
      await models.handovers.create({ _id: number, openedBy: request.inboundKey, ...fields });
      return number;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const taken = await models.handovers.findById(number, { openedBy: 1 }).lean();
    if (taken?.openedBy === request.inboundKey) return number;
  }
  throw new Error('could not number the handover');
}

/**
 * Where the one a request is assigned to reads: the mentor's chat, the Puskesos's staff group (else its
 * koordinator and front office, as a complaint's post), or every Dinsos admin's chat.
 */
async function assigneeTargets(
  models: Models,
  assignee: StoredAssignee,
  settings: Pick<HandoverDeskSettings, 'fallback'>,
): Promise<ChatTarget[]> {
  if (assignee.kind === 'mentor') {
    const mentor = assignee.mentor
      ? await models.mentors.findById(assignee.mentor, { phone: 1, channels: 1 }).lean()
      : null;
    const target = mentor ? chatTargetOf(mentor, settings.fallback) : undefined;
    return target ? [target] : [];
  }
  if (assignee.kind === 'puskesos') {
    return assignee.puskesos
      ? staffTargetsOf(models, assignee.puskesos, ['koordinator', 'front_office'], settings.fallback)
      : [];
  }
  const admins = await models.staff
    .find({ role: 'admin', puskesos: { $exists: false } }, { phone: 1, channels: 1 })
    .lean();
  return memberTargets(admins, settings.fallback);
}

/**
 * A message the requester wrote while their request is open: kept on its thread and passed on to
 * the person's chat. Undefined when the chat has no open request (it was closed meanwhile): the
 * message is then the bot's. `acknowledge` says whether to tell the requester it was passed on.
 */
export async function relayToHandover(
  models: Models,
  message: { inboundKey: string; chat: { channel: string; chatId: string }; text: string; at: Date },
  settings: HandoverDeskSettings,
): Promise<{ number: string; acknowledge: boolean } | undefined> {
  const chatKey = conversationKey(message.chat.channel, message.chat.chatId);
  const open = await models.openHandovers.findById(chatKey).lean();
  if (!open) return undefined;
  const number = open.handover;
  const text = redactNik(message.text);
  // A new wait (after an answer) has a deadline of its own; one still running keeps its own.
  const dueAt =
    open.waitingSince && open.dueAt
      ? open.dueAt
      : handoverDueAt(message.at, await puskesosOf(models, open.assignee), settings);
  const kept = await underHandoverLease(models, number, message.at, async () => {
    const handover = await models.handovers.findById(number, { status: 1, messages: 1 }).lean();
    const status = handover && nextHandoverStatus(handover.status, 'message');
    if (!handover || !status) return false;
    if (!handover.messages.some((earlier) => earlier.key === message.inboundKey)) {
      await models.handovers.updateOne(
        { _id: number },
        {
          $set: { status, dueAt },
          $push: { messages: { from: 'requester', at: message.at, text, key: message.inboundKey } },
        },
      );
    }
    return true;
  });
  if (!kept) return undefined;
  const acknowledge = acknowledgementDue(open.acknowledgedAt, message.at);
  await models.openHandovers.updateOne(
    { _id: chatKey },
    {
      $set: {
        status: 'open',
        waitingSince: open.waitingSince ?? message.at,
        dueAt,
        ...(acknowledge ? { acknowledgedAt: message.at } : {}),
      },
    },
  );
  for (const target of await assigneeTargets(models, open.assignee, settings)) {
    await queueOnce(models, {
      dedupeKey: `handover:${number}:message:${message.inboundKey}:${target.channel}:${target.chatId}`,
      channel: target.channel,
      chatId: target.chatId,
      fallbacks: target.fallbacks,
      message: { text: handoverRelayText(number, open.requesterName ?? undefined, text) },
      dueAt: message.at,
    });
  }
  return { number, acknowledge };
}

/** The Puskesos a request is assigned to, with its deadlines; none for a mentor or the Dinsos. */
const puskesosOf = async (models: Models, assignee: StoredAssignee) =>
  assignee.kind === 'puskesos' && assignee.puskesos
    ? models.puskesos.findById(assignee.puskesos, { sla: 1 }).lean()
    : null;

/**
 * Who answers or closes, from the dashboard or their chat app: a mentor, a Puskesos's staff member
 * (whose answer is signed with the Puskesos's name, `unit`), or Dinsos staff.
 */
export interface HandoverResponder {
  kind: HandoverAssigneeKind;
  name: string;
  unit?: string | undefined;
}

/** `again`: this answer (its key) was given before, and is not sent twice. */
export type HandoverOutcome =
  | { ok: true; requesterName?: string | undefined; again?: boolean }
  | { ok: false; reason: 'not_found' | 'closed' | 'busy' };

const signatureOf = (by: HandoverResponder): AssigneeLabel =>
  by.kind === 'puskesos' ? { kind: 'puskesos', name: by.unit ?? by.name } : { kind: by.kind, name: by.name };

/**
 * The person's answer: kept on the thread and sent to the requester's chat, signed with the person's
 * role and name. `key` names this answer (the form's token, the chat message's key): given again, as
 * by a form sent twice, it is answered once.
 */
export async function answerHandover(
  models: Models,
  number: string,
  answer: { by: HandoverResponder; text: string; now: Date; key: string },
): Promise<HandoverOutcome> {
  return actUnderLease(models, number, answer.now, async (handover) => {
    const key = `answer:${answer.key}`;
    const requesterName = handover.requester.name ?? undefined;
    if (handover.messages.some((earlier) => earlier.key === key))
      return { ok: true, requesterName, again: true };
    const status = nextHandoverStatus(handover.status, 'answer');
    if (!status) return { ok: false, reason: 'closed' };
    const chatKey = conversationKey(handover.chat.channel, handover.chat.chatId);
    await models.handovers.updateOne(
      { _id: number },
      {
        $set: { status },
        $unset: { dueAt: 1 },
        $push: {
          messages: { from: 'assignee', at: answer.now, text: answer.text, key, byName: answer.by.name },
        },
      },
    );
    await models.openHandovers.updateOne(
      { _id: chatKey },
      { $set: { status: 'answered' }, $unset: { waitingSince: 1, dueAt: 1 } },
    );
    // Someone who went back to the menu is told how to reply; the chat is theirs to write in.
    const conversation = await models.conversations.findById(chatKey, { handoff: 1 }).lean();
    await queueOnce(models, {
      dedupeKey: `handover:${number}:${key}`,
      channel: handover.chat.channel,
      chatId: handover.chat.chatId,
      message: {
        text: handoverAnswerText(
          answer.text,
          signatureOf(answer.by),
          handover.language,
          conversation?.handoff !== true,
        ),
      },
      dueAt: answer.now,
    });
    return { ok: true, requesterName };
  });
}

/** Closes a request: the requester is told the bot takes over again, and their next message is its. */
export async function closeHandover(
  models: Models,
  number: string,
  close: { by: HandoverResponder; now: Date },
): Promise<HandoverOutcome> {
  return actUnderLease(models, number, close.now, async (handover) => {
    if (!nextHandoverStatus(handover.status, 'close')) return { ok: false, reason: 'closed' };
    await models.handovers.updateOne(
      { _id: number },
      { $set: { status: 'closed', closedAt: close.now, closedBy: close.by.name }, $unset: { dueAt: 1 } },
    );
    await models.openHandovers.deleteOne({
      _id: conversationKey(handover.chat.channel, handover.chat.chatId),
    });
    await queueOnce(models, {
      dedupeKey: `handover:${number}:closed`,
      channel: handover.chat.channel,
      chatId: handover.chat.chatId,
      message: { text: handoverClosedText(handover.language) },
      dueAt: close.now,
    });
    return { ok: true, requesterName: handover.requester.name ?? undefined };
  });
}

type StoredHandover = NonNullable<Awaited<ReturnType<typeof readHandover>>>;

const readHandover = (models: Models, number: string) => models.handovers.findById(number).lean();

async function actUnderLease(
  models: Models,
  number: string,
  now: Date,
  act: (handover: StoredHandover) => Promise<HandoverOutcome>,
): Promise<HandoverOutcome> {
  const outcome = await underHandoverLease(models, number, now, async () => {
    const handover = await readHandover(models, number);
    return handover ? act(handover) : ({ ok: false, reason: 'not_found' } as const);
  });
  return outcome ?? { ok: false, reason: 'busy' };
}

const LEASE_MS = 30_000;
const LEASE_WAIT_MS = 10_000;

/**
 * A handover's thread is changed by its requester's messages and by the person answering at the
 * same moment, so each change holds the handover's lease. Undefined: it stayed busy.
 */
function underHandoverLease<T>(
  models: Models,
  number: string,
  now: Date,
  work: () => Promise<T>,
): Promise<T | undefined> {
  return underLease(models, `handover:${number}`, now, { ttlMs: LEASE_MS, patienceMs: LEASE_WAIT_MS }, work);
}
