import { Types } from 'mongoose';
import { cancelQueuedOutbox, queueOnce } from '../../db/outbox';
import type { Models } from '../../db/models';
import { sessionFactKey } from '../../db/models/session-response';
import type { Language } from '../program';
import { chatTargetOf } from '../reminders/reach';
import { formatDateTime, say } from '../../i18n';
import { sessionNotice, type SessionNotice } from './messages';
import { indexSessionFact } from './session-index';

export interface SessionContext {
  now: Date;
  timeZone: string;
  /** Moves a due time out of quiet hours. */
  allowedFrom: (due: Date) => Date;
  fallback?: 'simulator' | undefined;
}

export interface NewSession {
  mentor: Types.ObjectId;
  startsAt: Date;
  place: string;
  topic: string;
  /** Chosen participants; without them, every active participant of the mentor in `kecamatan`. */
  participants?: Types.ObjectId[] | undefined;
  kecamatan?: string | undefined;
}

const HOUR = 3_600_000;

/**
 * Plans a session and queues, for each participant, the invitation now and reminders the day before
 * and two hours before. Keys carry the session's time, so moving it leaves no stale reminder behind.
 */
export async function planSession(
  models: Models,
  plan: NewSession,
  context: SessionContext,
): Promise<{ sessionId: Types.ObjectId; invited: number }> {
  const participants =
    plan.participants ??
    (
      await models.participants
        .find(
          {
            status: 'active',
            kecamatan: plan.kecamatan,
            $or: [{ 'mentors.mibi': plan.mentor }, { 'mentors.tksk': plan.mentor }],
          },
          { _id: 1 },
        )
        .lean()
    ).map((participant) => participant._id);
  const session = await models.mentoringSessions.create({ ...plan, participants });
  await indexSessionFact(models, session._id, { kind: 'invitees' }, context.now);
  const invited = await queueNotices(
    models,
    session._id,
    ['invitation', 'day_before', 'two_hours_before'],
    context,
  );
  return { sessionId: session._id, invited };
}

export async function moveSession(
  models: Models,
  sessionId: Types.ObjectId,
  startsAt: Date,
  context: SessionContext,
): Promise<number> {
  await cancelPendingNotices(models, sessionId, context.now);
  await models.mentoringSessions.updateOne({ _id: sessionId }, { $set: { startsAt } });
  // Answers given for the old time no longer hold.
  await models.sessionResponses.deleteMany({ session: sessionId });
  await indexSessionFact(models, sessionId, { kind: 'answers_cleared' }, context.now);
  // A revision in the keys: moved back to a time it had before, the session's notices would
  // otherwise be taken for the cancelled ones of that time and never sent.
  return queueNotices(models, sessionId, ['moved', 'day_before', 'two_hours_before'], context, {
    revision: String(new Types.ObjectId()),
  });
}

/** Cancels a session and tells its participants, with the mentor's reason when one is given. */
export async function cancelSession(
  models: Models,
  sessionId: Types.ObjectId,
  context: SessionContext,
  reason?: string,
): Promise<number> {
  await cancelPendingNotices(models, sessionId, context.now);
  await models.mentoringSessions.updateOne(
    { _id: sessionId },
    { $set: { status: 'cancelled', ...(reason ? { cancelReason: reason } : {}) } },
  );
  await indexSessionFact(models, sessionId, { kind: 'session' }, context.now);
  return queueNotices(models, sessionId, ['cancelled'], context);
}

export interface SessionChanges {
  startsAt: Date;
  place: string;
  topic: string;
  participants: Types.ObjectId[];
}

/**
 * Changes a session's time, place, topic or invitees (the dashboard's edit form): those still invited
 * hear the new details with fresh reminders, those no longer invited hear it is cancelled for them.
 * A revision in the notices' keys lets a second change at the same time reach people again, which
 * keys made of the time alone would swallow as duplicates.
 */
export async function reviseSession(
  models: Models,
  sessionId: Types.ObjectId,
  changes: SessionChanges,
  context: SessionContext,
): Promise<number> {
  const before = await models.mentoringSessions.findById(sessionId, { participants: 1 }).lean();
  if (!before) return 0;
  const kept = new Set(changes.participants.map(String));
  const removed = before.participants.filter((participant) => !kept.has(String(participant)));
  const revision = String(new Types.ObjectId());
  await cancelPendingNotices(models, sessionId, context.now);
  let queued = 0;
  if (removed.length > 0) {
    queued += await queueNotices(models, sessionId, ['cancelled'], context, { only: removed, revision });
  }
  await models.mentoringSessions.updateOne({ _id: sessionId }, { $set: { ...changes } });
  // Answers given for the old details no longer hold.
  await models.sessionResponses.deleteMany({ session: sessionId });
  await indexSessionFact(models, sessionId, { kind: 'answers_cleared' }, context.now);
  await indexSessionFact(models, sessionId, { kind: 'invitees' }, context.now);
  queued += await queueNotices(models, sessionId, ['moved', 'day_before', 'two_hours_before'], context, {
    revision,
  });
  return queued;
}

/** The session's notices not sent yet are cancelled (a notice being sent at this moment still goes). */
async function cancelPendingNotices(models: Models, sessionId: Types.ObjectId, now: Date): Promise<void> {
  await cancelQueuedOutbox(models, `session:${String(sessionId)}:`, now);
}

/** Queues the notices for every participant of the session; those already due in the past are skipped. */
async function queueNotices(
  models: Models,
  sessionId: Types.ObjectId,
  notices: SessionNotice[],
  context: SessionContext,
  options: { only?: Types.ObjectId[]; revision?: string } = {},
): Promise<number> {
  const session = await models.mentoringSessions.findById(sessionId).lean();
  if (!session) return 0;
  const people = await models.participants
    .find({ _id: { $in: options.only ?? session.participants } }, { phone: 1, language: 1, channels: 1 })
    .lean();
  let queued = 0;
  for (const notice of notices) {
    const due = dueTime(notice, session.startsAt, context.now);
    if (!due) continue;
    for (const person of people) {
      const target = chatTargetOf(person, context.fallback);
      if (!target) continue;
      const language = person.language as Language;
      const text = sessionNotice(
        notice,
        {
          when: formatDateTime(session.startsAt, language, context.timeZone),
          place: session.place,
          topic: session.topic,
          cancelReason: session.cancelReason ?? undefined,
        },
        language,
      );
      const queuedNow = await queueOnce(models, {
        dedupeKey: `session:${String(sessionId)}:${session.startsAt.getTime()}:${notice}:${String(person._id)}${options.revision ? `:${options.revision}` : ''}`,
        ...target,
        message: { text },
        // Two hours before is about being on time, so it is not held back by quiet hours.
        dueAt: notice === 'two_hours_before' ? due : context.allowedFrom(due),
      });
      if (queuedNow) queued++;
    }
  }
  return queued;
}

function dueTime(notice: SessionNotice, startsAt: Date, now: Date): Date | undefined {
  const offset = notice === 'day_before' ? 24 * HOUR : notice === 'two_hours_before' ? 2 * HOUR : 0;
  if (offset === 0) return now;
  const due = new Date(startsAt.getTime() - offset);
  return due > now ? due : undefined;
}

export type SessionAnswer = 'attend' | 'decline' | 'reschedule';

/**
 * Records a participant's answer (the latest counts) and tells the mentor of a decline or a request
 * for another date, once per answer, on the chat app the mentor uses. Resolves with whether the
 * mentor was told in chat: a mentor with no chat app on record sees the answers on the dashboard's
 * session pages only, and the participant must not be told otherwise.
 */
export async function recordSessionAnswer(
  models: Models,
  sessionId: Types.ObjectId,
  participantId: Types.ObjectId,
  answer: SessionAnswer,
  now: Date,
): Promise<{ mentorTold: boolean }> {
  // One write by key, whether the first answer or a change of mind: nothing is searched.
  await models.sessionResponses.updateOne(
    { _id: sessionFactKey(sessionId, participantId) },
    { $set: { answer, answeredAt: now }, $setOnInsert: { session: sessionId, participant: participantId } },
    { upsert: true },
  );
  await indexSessionFact(models, sessionId, { kind: 'answer', participant: participantId, answer }, now);
  if (answer === 'attend') return { mentorTold: false };
  const [session, participant] = await Promise.all([
    models.mentoringSessions.findById(sessionId, { mentor: 1, topic: 1, startsAt: 1 }).lean(),
    models.participants.findById(participantId, { name: 1, desa: 1 }).lean(),
  ]);
  const mentor = session && (await models.mentors.findById(session.mentor, { phone: 1, channels: 1 }).lean());
  const target = mentor && chatTargetOf(mentor);
  if (!session || !participant || !target) return { mentorTold: false };
  const what = say(answer === 'decline' ? 'session.declined' : 'session.asksAnotherTime', 'id');
  await queueOnce(models, {
    dedupeKey: `session-answer:${String(sessionId)}:${String(participantId)}:${answer}`,
    ...target,
    message: {
      text: say('session.answerToMentor', 'id', {
        name: participant.name,
        desa: participant.desa,
        answer: what,
        topic: session.topic,
      }),
    },
    dueAt: now,
  });
  return { mentorTold: true };
}
