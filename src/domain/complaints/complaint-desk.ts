import { redactNik } from '../../log/redact';
import { Types } from 'mongoose';
import { acquireLease, releaseLease } from '../../db/leases';
import type { Models } from '../../db/models';
import type { ComplaintStatus } from './lifecycle';
import { queueOnce } from '../../db/outbox';
import type { Language } from '../program';
import type { ChatTarget } from '../reminders/reach';
import {
  decideComplaintAction,
  isOpen,
  type ComplaintAction,
  type ComplaintActor,
  type ComplaintEvent,
  type Refusal,
} from './lifecycle';
import { complainantMessagePost, staffAnnouncement, type ComplaintUpdate } from './messages';
import { indexComplaint } from './complaint-index';
import { deadlinesOf, postNewComplaint } from './open-complaint';
import { staffTargetsOf } from './staff-targets';
import { addWorkingDays, type WorkingCalendar } from './working-days';

export interface ComplaintDeskSettings {
  calendar: WorkingCalendar;
  /** Where staff without a chat app on record read (the simulator, when it is on). */
  fallback?: 'simulator' | undefined;
}

/** Who asks: a staff member (by id) from some chat or the API, or the complainant from their chat. */
export type ComplaintRequester =
  | { kind: 'staff'; staffId: string; chat?: ChatTarget | undefined }
  | { kind: 'complainant'; chat: ChatTarget; participantId?: string | undefined };

/** A message for the complainant's chat; it goes through their conversation, in their language. */
export interface ComplainantNotice {
  chat: ChatTarget;
  /** Unique per event: a notice delivered twice is received once. */
  id: string;
  update: ComplaintUpdate;
}

/**
 * An action as staff or the complainant ask for it: a Puskesos named by its id, which the desk reads
 * (its name for the history, its deadlines) before the lifecycle decides.
 */
export type DeskAction = Exclude<ComplaintAction, { kind: 'route' }> | { kind: 'route'; puskesosId: string };

export type ActOutcome =
  | {
      ok: true;
      number: string;
      status: ComplaintStatus;
      /** What happened, in the staff's words, for the chat the action came from. */
      announcement: string;
      /** The events the action added, for a page to say what happened in its own language. */
      events: ComplaintEvent[];
      notices: ComplainantNotice[];
    }
  | Refusal
  | { ok: false; reason: 'not_found' | 'forbidden' | 'busy' | 'unknown_puskesos' };

const LOCK_MS = 30_000;
const LOCK_WAIT_MS = 10_000;

/**
 * Applies one action to a complaint: the decision (src/domain/complaints/lifecycle.ts) is taken and
 * written while holding the complaint's lease, so two staff taking it at once are decided one after
 * the other: the first wins and the second is told who has it. Staff groups hear of each change (except
 * the chat it came from); the complainant gets replies and status changes as notices for their chat.
 */
export async function actOnComplaint(
  models: Models,
  number: string,
  action: DeskAction,
  requester: ComplaintRequester,
  now: Date,
  settings: ComplaintDeskSettings,
): Promise<ActOutcome> {
  const key = `complaint:${number}`;
  const token = await waitForLease(models, key, now);
  if (!token) return { ok: false, reason: 'busy' };
  try {
    return await decideAndWrite(models, number, action, requester, now, settings);
  } finally {
    await releaseLease(models, key, token);
  }
}

async function decideAndWrite(
  models: Models,
  number: string,
  action: DeskAction,
  requester: ComplaintRequester,
  now: Date,
  settings: ComplaintDeskSettings,
): Promise<ActOutcome> {
  const complaint = await models.complaints.findOne({ number }).lean();
  if (!complaint) return { ok: false, reason: 'not_found' };
  // An unrouted complaint has no Puskesos yet: only a Dinsos admin may act on it (below).
  const puskesos = complaint.puskesos
    ? await models.puskesos.findById(complaint.puskesos, { name: 1, sla: 1 }).lean()
    : undefined;
  if (puskesos === null) return { ok: false, reason: 'not_found' };

  let actor: ComplaintActor;
  if (requester.kind === 'staff') {
    const staff = await models.staff.findById(requester.staffId, { name: 1, role: 1, puskesos: 1 }).lean();
    // Staff act on their own Puskesos's complaints; Dinsos admins, who belong to none, on all.
    const allowed =
      staff && (staff.puskesos ? staff.puskesos.equals(complaint.puskesos) : staff.role === 'admin');
    if (!staff || !allowed) return { ok: false, reason: 'forbidden' };
    actor = { kind: 'staff', id: String(staff._id), name: staff.name };
  } else {
    const sameChat =
      complaint.complainantChat?.channel === requester.chat.channel &&
      complaint.complainantChat.chatId === requester.chat.chatId;
    const sameParticipant =
      requester.participantId !== undefined && complaint.participant?.equals(requester.participantId);
    if (!sameChat && !sameParticipant) return { ok: false, reason: 'not_found' };
    actor = { kind: 'complainant' };
  }

  let routedTo:
    { _id: Types.ObjectId; name: string; sla?: Parameters<typeof deadlinesOf>[0]['sla'] } | undefined;
  let decided: ComplaintAction;
  if (action.kind === 'route') {
    const target = await models.puskesos.findById(action.puskesosId, { name: 1, sla: 1 }).lean();
    if (!target) return { ok: false, reason: 'unknown_puskesos' };
    routedTo = target;
    decided = { kind: 'route', puskesos: { id: String(target._id), name: target.name } };
  } else decided = action;
  const decision = decideComplaintAction(
    {
      status: complaint.status,
      assignee: complaint.assignee
        ? { id: String(complaint.assignee), name: complaint.assigneeName ?? '' }
        : undefined,
    },
    decided,
    actor,
    now,
  );
  if (!decision.ok) {
    // Passed on already, by a run that stopped before taking it off the queue: take it off now.
    if (action.kind === 'route' && complaint.puskesos) {
      await models.unroutedComplaints.deleteOne({ _id: number });
    }
    return decision;
  }

  // Passed on by the Dinsos: its Puskesos's deadlines start now, since nobody there knew of it before.
  const deadlines = routedTo && decision.routedTo ? deadlinesOf(routedTo, now, settings) : undefined;
  const acknowledgeBy = deadlines?.acknowledgeBy ?? complaint.acknowledgeBy ?? undefined;
  const answerBy = decision.restartsAnswerDeadline
    ? addWorkingDays(now, puskesos?.sla?.answerWorkingDays ?? 5, settings.calendar)
    : (deadlines?.answerBy ?? complaint.answerBy ?? undefined);
  const dueAt = decision.status === 'new' ? acknowledgeBy : isOpen(decision.status) ? answerBy : undefined;
  const firstEvent = complaint.events.length;
  await models.complaints.updateOne(
    { _id: complaint._id },
    {
      $set: {
        status: decision.status,
        ...(decision.assignee
          ? { assignee: new Types.ObjectId(decision.assignee.id), assigneeName: decision.assignee.name }
          : {}),
        ...(decision.referredTo ? { referredTo: decision.referredTo } : {}),
        ...(routedTo && deadlines ? { puskesos: routedTo._id } : {}),
        ...(acknowledgeBy ? { acknowledgeBy } : {}),
        ...(answerBy ? { answerBy } : {}),
        ...(dueAt ? { dueAt } : {}),
        ...(decision.rating ? { rating: { ...decision.rating, at: now } } : {}),
      },
      ...(dueAt ? {} : { $unset: { dueAt: 1 } }),
      // What the complainant writes later is kept with any NIK masked, as the complaint itself is.
      $push: {
        events: {
          $each: decision.events.map((event) =>
            event.kind === 'message' && event.text ? { ...event, text: redactNik(event.text) } : event,
          ),
        },
      },
    },
  );

  // Its list entry follows; passed on, it leaves the list of complaints without a Puskesos.
  await indexComplaint(models, complaint._id, now, routedTo ? { puskesos: complaint.puskesos } : undefined);
  const puskesosName = (routedTo ?? puskesos)?.name ?? 'Dinas Sosial';
  const notices = complainantNotices(complaint, puskesosName, decision.events, firstEvent);
  const announcements = decision.events.map((event) => ({
    event,
    text:
      event.kind === 'message'
        ? complainantMessagePost(number, redactNik(event.text ?? ''))
        : staffAnnouncement(number, event),
  }));
  if (routedTo && deadlines && acknowledgeBy) {
    // Its new Puskesos hears of it as of any new complaint; then it leaves the Dinsos's queue.
    await postNewComplaint(
      models,
      { ...complaint, complainantPhone: complaint.complainantPhone ?? undefined, acknowledgeBy, at: now },
      routedTo._id,
      settings,
    );
    await models.unroutedComplaints.deleteOne({ _id: number });
  }
  const targets = complaint.puskesos
    ? await staffTargetsOf(
        models,
        complaint.puskesos,
        ['koordinator', 'front_office', 'back_office', 'fasilitator'],
        settings.fallback,
      )
    : [];
  const from = requester.chat;
  for (const [offset, { text }] of announcements.entries()) {
    for (const target of targets) {
      if (from && target.channel === from.channel && target.chatId === from.chatId) continue;
      await queueOnce(models, {
        dedupeKey: `complaint:${number}:event:${firstEvent + offset}:${target.channel}:${target.chatId}`,
        channel: target.channel,
        chatId: target.chatId,
        fallbacks: target.fallbacks,
        message: { text },
        dueAt: now,
      });
    }
  }
  return {
    ok: true,
    number,
    status: decision.status,
    announcement: announcements.map(({ text }) => text).join('\n'),
    events: decision.events,
    notices,
  };
}

/**
 * What the complainant hears of one action: the staff's reply and the last status change, in one
 * message; internal notes and their own words are not sent back.
 */
function complainantNotices(
  complaint: {
    number: string;
    language?: Language | null | undefined;
    complainantChat?: { channel: string; chatId: string } | null | undefined;
  },
  puskesosName: string,
  events: ComplaintEvent[],
  firstEvent: number,
): ComplainantNotice[] {
  const chat = complaint.complainantChat;
  const reply = events.find((event) => event.kind === 'reply');
  const change = events.findLast((event) => event.kind === 'status');
  if (!chat || (!reply && !change)) return [];
  const update: ComplaintUpdate = {
    number: complaint.number,
    puskesosName,
    language: complaint.language ?? 'id',
    ...(reply ? { text: reply.text } : {}),
    ...(change?.to ? { status: change.to } : {}),
    ...(change?.to === 'referred' ? { referredTo: change.text } : {}),
  };
  return [{ chat, id: `complaint:${complaint.number}:${firstEvent}`, update }];
}

/** Waits a little for a complaint someone else is changing right now: their change takes a moment. */
async function waitForLease(models: Models, key: string, now: Date): Promise<string | undefined> {
  const started = Date.now();
  for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
    const token = await acquireLease(models, key, now, LOCK_MS);
    if (token || Date.now() - started > LOCK_WAIT_MS) return token;
    await new Promise((resolve) => setTimeout(resolve, pause + Math.random() * pause));
  }
}
