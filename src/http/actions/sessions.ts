import { Types } from 'mongoose';
import { auditActorOf, recordAudit, type Account } from '../../auth';
import {
  attendanceClosedReason,
  cancelSession,
  moveSession,
  planSession,
  recordAttendance,
  reviseSession,
  type AttendanceClosed,
  type SessionContext,
} from '../../domain/sessions';
import type { ApiDependencies } from '../api/v1/dependencies';

/**
 * Mentoring sessions as the API and the dashboard's forms both change them: the same checks, the same
 * domain functions (so participants get the same notices, quiet hours respected) and the same audit.
 */

export interface ActingContext {
  from: string;
  via: 'session' | 'token';
  now: Date;
  /** Where the change was made, for the audit log (`dashboard` for the pages). */
  page?: string;
}

/** A refused change, naming the field a form or a JSON body should correct. */
export interface SessionRefusal {
  ok: false;
  status: 400 | 403 | 404 | 409;
  field?: 'startsAt' | 'participants' | 'present' | 'mentor';
  /** What the session's state refuses (409), whatever the body said. */
  closed?: AttendanceClosed;
  message: string;
  detail?: string;
}

export const sessionContextOf = (
  { allowedFrom, complaints }: Pick<ApiDependencies, 'allowedFrom' | 'complaints'>,
  now: Date,
): SessionContext => ({
  now,
  timeZone: complaints.calendar.timeZone,
  allowedFrom,
  fallback: complaints.fallback,
});

const PAST: SessionRefusal = {
  ok: false,
  status: 400,
  field: 'startsAt',
  message: 'Waktu sudah lewat / That time has passed',
  detail: 'must be in the future',
};

/** Participants a mentor follows among `ids`: all of them, or the refusal naming the field. */
async function checkMentorsParticipants(
  { models }: Pick<ApiDependencies, 'models'>,
  mentor: Types.ObjectId,
  ids: readonly string[],
): Promise<SessionRefusal | undefined> {
  const unique = new Set(ids);
  // Each by `_id`: a count with a filter would read every participant.
  const found = await Promise.all(
    [...unique].map((id) => models.participants.findById(id, { mentors: 1 }).lean()),
  );
  const mine = found.filter(
    (person) => person && [person.mentors?.mibi, person.mentors?.tksk].some((one) => one?.equals(mentor)),
  ).length;
  if (mine === unique.size) return undefined;
  return {
    ok: false,
    status: 400,
    field: 'participants',
    message: 'Ada peserta yang bukan dampingan Anda / Not all are your participants',
    detail: 'every participant must be one the mentor follows',
  };
}

const audit = (
  { models }: Pick<ApiDependencies, 'models'>,
  account: Account,
  action: string,
  target: string,
  acting: ActingContext,
  details: Record<string, unknown> = {},
) =>
  recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action,
      target,
      from: acting.from,
      details: { via: acting.via, ...(acting.page ? { page: acting.page } : {}), ...details },
    },
    acting.now,
  );

export interface SessionPlan {
  /** The mentor whose session it is: the account itself, or the one a Dinsos admin chose. */
  mentor: Types.ObjectId;
  startsAt: Date;
  place: string;
  topic: string;
  participants?: string[] | undefined;
  kecamatan?: string | undefined;
}

/** Plans a session for its mentor: invitations now, reminders the day before and two hours before. */
export async function planSessionAs(
  dependencies: ApiDependencies,
  account: Account,
  plan: SessionPlan,
  acting: ActingContext,
): Promise<{ ok: true; sessionId: Types.ObjectId; invited: number } | SessionRefusal> {
  if (plan.startsAt <= acting.now) return PAST;
  if (plan.participants) {
    const refusal = await checkMentorsParticipants(dependencies, plan.mentor, plan.participants);
    if (refusal) return refusal;
  }
  const planned = await planSession(
    dependencies.models,
    {
      mentor: plan.mentor,
      startsAt: plan.startsAt,
      place: plan.place,
      topic: plan.topic,
      participants: plan.participants?.map((id) => new Types.ObjectId(id)),
      kecamatan: plan.kecamatan,
    },
    sessionContextOf(dependencies, acting.now),
  );
  await audit(dependencies, account, 'session.plan', String(planned.sessionId), acting, {
    mentor: String(plan.mentor),
    invited: planned.invited,
  });
  return { ok: true, ...planned };
}

/** Moves a session to another time: pending reminders replaced, participants told. */
export async function moveSessionAs(
  dependencies: ApiDependencies,
  account: Account,
  sessionId: Types.ObjectId,
  startsAt: Date,
  acting: ActingContext,
): Promise<{ ok: true; notices: number }> {
  const notices = await moveSession(
    dependencies.models,
    sessionId,
    startsAt,
    sessionContextOf(dependencies, acting.now),
  );
  await audit(dependencies, account, 'session.move', String(sessionId), acting, {
    startsAt: startsAt.toISOString(),
  });
  return { ok: true, notices };
}

/**
 * Changes a session's time, place, topic and invitees at once (the dashboard's edit form), with the
 * same checks as planning it.
 */
export async function reviseSessionAs(
  dependencies: ApiDependencies,
  account: Account,
  session: { _id: Types.ObjectId; mentor: Types.ObjectId },
  changes: { startsAt: Date; place: string; topic: string; participants: string[] },
  acting: ActingContext,
): Promise<{ ok: true; notices: number } | SessionRefusal> {
  if (changes.startsAt <= acting.now) return PAST;
  const refusal = await checkMentorsParticipants(dependencies, session.mentor, changes.participants);
  if (refusal) return refusal;
  const notices = await reviseSession(
    dependencies.models,
    session._id,
    { ...changes, participants: [...new Set(changes.participants)].map((id) => new Types.ObjectId(id)) },
    sessionContextOf(dependencies, acting.now),
  );
  await audit(dependencies, account, 'session.revise', String(session._id), acting, {
    startsAt: changes.startsAt.toISOString(),
    invited: new Set(changes.participants).size,
    notices,
  });
  return { ok: true, notices };
}

/** Cancels a session: pending reminders cancelled, participants told with the reason, which is audited too. */
export async function cancelSessionAs(
  dependencies: ApiDependencies,
  account: Account,
  sessionId: Types.ObjectId,
  acting: ActingContext,
  reason?: string,
): Promise<{ ok: true; notices: number }> {
  const notices = await cancelSession(
    dependencies.models,
    sessionId,
    sessionContextOf(dependencies, acting.now),
    reason,
  );
  await audit(dependencies, account, 'session.cancel', String(sessionId), acting, {
    ...(reason ? { reason } : {}),
    notices,
  });
  return { ok: true, notices };
}

const ATTENDANCE_CLOSED: Record<AttendanceClosed, string> = {
  not_started:
    'Sesi belum dimulai; kehadiran dicatat setelah sesi dimulai / The session has not begun; attendance is recorded once it has',
  cancelled: 'Sesi ini dibatalkan; tidak ada kehadiran / The session was cancelled; nobody attended',
};

/**
 * Records who came (everyone else invited did not); recording again corrects it, as in chat. Only for
 * a session that has begun and was not cancelled, as the page offers it.
 */
export async function recordAttendanceAs(
  dependencies: ApiDependencies,
  account: Account,
  session: {
    _id: Types.ObjectId;
    mentor: Types.ObjectId;
    participants: Types.ObjectId[];
    startsAt: Date;
    status: string;
  },
  present: readonly string[],
  acting: ActingContext,
): Promise<{ ok: true; present: number; invited: number } | SessionRefusal> {
  const invited = new Set(session.participants.map(String));
  const stranger = present.find((id) => !invited.has(id));
  if (stranger) {
    return {
      ok: false,
      status: 400,
      field: 'present',
      message: 'Peserta itu tidak diundang / Not invited',
      detail: `${stranger} was not invited to this session`,
    };
  }
  const closed = attendanceClosedReason(session, acting.now);
  if (closed) return { ok: false, status: 409, closed, message: ATTENDANCE_CLOSED[closed] };
  // The record names the session's mentor, whoever typed it; the audit log says who did.
  const recordedBy = account.kind === 'mentor' ? new Types.ObjectId(account.id) : session.mentor;
  const counted = await recordAttendance(
    dependencies.models,
    session,
    new Set(present),
    recordedBy,
    acting.now,
  );
  await audit(dependencies, account, 'session.attendance', String(session._id), acting, counted);
  return { ok: true, ...counted };
}
