import { Types } from 'mongoose';
import { z } from 'zod';
import type { Account } from '../../../auth';
import {
  cancelSessionAs,
  moveSessionAs,
  planSessionAs,
  recordAttendanceAs,
  type SessionRefusal,
} from '../../actions/sessions';
import { sessionScopeOf } from '../../../auth/scopes';
import { readMentorSessions } from '../../../domain/sessions';
import type { ApiDependencies } from './dependencies';
import { endpoint, fail, forbidden } from './endpoint';
import { paginationQuery, skipOf } from './pagination';
import { attendanceBody, sessionListBody, sessionNoticesBody } from './responses';

const objectId = z
  .string()
  .regex(/^[0-9a-f]{24}$/i, { error: 'expected an id of 24 hexadecimal characters' });
const instant = z.iso.datetime({
  offset: true,
  error: 'expected a date and time such as 2026-12-03T09:00:00+07:00',
});

const newSessionBody = z
  .strictObject({
    startsAt: instant.describe('when the session begins, with its offset'),
    place: z.string().trim().min(3).max(120),
    topic: z.string().trim().min(3).max(120),
    participants: z.array(objectId).min(1).max(500).optional().describe('the participants invited'),
    kecamatan: z
      .string()
      .trim()
      .min(2)
      .max(60)
      .optional()
      .describe('or: every active participant of the mentor in this kecamatan'),
  })
  .refine((body) => Boolean(body.participants) !== Boolean(body.kecamatan), {
    error: 'give either participants or kecamatan',
    path: ['participants'],
  });

type Models = ApiDependencies['models'];

/** The session when the caller may change it: its own mentor only, read by `_id`. */
async function ownSession(models: Models, account: Account, id: string) {
  if (account.kind !== 'mentor') return undefined;
  const session = await models.mentoringSessions.findById(id).lean();
  return session && String(session.mentor) === account.id ? session : undefined;
}

const refuse = (response: Parameters<typeof fail>[0], refusal: SessionRefusal) =>
  fail(
    response,
    refusal.status,
    refusal.closed ??
      (refusal.status !== 400
        ? 'not_found'
        : refusal.field === 'participants'
          ? 'invalid'
          : 'invalid_request'),
    refusal.message,
    {
      ...(refusal.field
        ? { fields: [{ field: refusal.field, message: refusal.detail ?? refusal.message }] }
        : {}),
    },
  );

const notYours = (response: Parameters<typeof fail>[0]) =>
  fail(response, 404, 'not_found', 'Sesi tidak ditemukan / No such session of yours');

/** The sessions in scope, soonest first, from the mentors' indexes. */
function sessionList(dependencies: ApiDependencies) {
  const { models } = dependencies;
  return endpoint({
    method: 'get',
    path: '/sessions',
    tag: 'sessions',
    summary: 'Mentoring sessions: a mentor’s own, all for Dinsos admins, soonest first',
    auth: 'signed_in',
    query: z.strictObject({ ...paginationQuery }),
    responses: {
      200: { description: 'a page of sessions', body: sessionListBody },
      403: 'Puskesos staff see no sessions',
    },
    async handle({ caller, query, response }) {
      if (!caller) return forbidden(response);
      const filter = sessionScopeOf(caller.account);
      if (!filter) return forbidden(response);
      // From the mentors' indexes, one read by `_id` a mentor (the mentors are few), not a search.
      const mentors = filter.mentor
        ? [filter.mentor]
        : (await models.mentors.find({}, { _id: 1 }).lean()).map((mentor) => mentor._id);
      const sessions = (await readMentorSessions(models, mentors)).sort(
        (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
      const found = sessions.slice(skipOf(query), skipOf(query) + query.limit);
      response.json({
        items: found.map((session) => ({
          id: session.id,
          mentor: session.mentor,
          startsAt: session.startsAt,
          place: session.place,
          topic: session.topic,
          status: session.status,
          participants: session.participants,
        })),
        page: query.page,
        limit: query.limit,
        total: sessions.length,
      });
    },
  });
}

/** A mentor plans a session. */
function sessionPlanning(dependencies: ApiDependencies) {
  return endpoint({
    method: 'post',
    path: '/sessions',
    tag: 'sessions',
    summary: 'A mentor plans a session: invitations now, reminders the day before and two hours before',
    auth: 'signed_in',
    body: newSessionBody,
    responses: {
      201: { description: 'planned', body: sessionNoticesBody },
      400: 'a participant who is not the mentor’s, or a time already past',
      403: 'only mentors plan sessions',
    },
    async handle({ caller, body, from, now, response }) {
      if (caller?.account.kind !== 'mentor') return forbidden(response, 'Hanya pendamping / Mentors only');
      const planned = await planSessionAs(
        dependencies,
        caller.account,
        {
          mentor: new Types.ObjectId(caller.account.id),
          startsAt: new Date(body.startsAt),
          place: body.place,
          topic: body.topic,
          participants: body.participants,
          kecamatan: body.kecamatan,
        },
        { from, via: caller.via, now },
      );
      if (!planned.ok) return refuse(response, planned);
      response.status(201).json({ id: String(planned.sessionId), notices: planned.invited });
    },
  });
}

/** Moves one of the mentor's own sessions. */
function sessionMove(dependencies: ApiDependencies) {
  const { models } = dependencies;
  return endpoint({
    method: 'post',
    path: '/sessions/{id}/move',
    tag: 'sessions',
    summary: 'Moves a session: its pending reminders are replaced and participants told',
    auth: 'signed_in',
    params: z.strictObject({ id: objectId }),
    body: z.strictObject({ startsAt: instant }),
    responses: {
      200: { description: 'moved', body: sessionNoticesBody },
      403: 'not your session',
      404: 'no such session of yours',
    },
    async handle({ caller, params, body, from, now, response }) {
      if (!caller) return forbidden(response);
      const session = await ownSession(models, caller.account, params.id);
      if (!session) return notYours(response);
      const moved = await moveSessionAs(dependencies, caller.account, session._id, new Date(body.startsAt), {
        from,
        via: caller.via,
        now,
      });
      response.json({ id: params.id, notices: moved.notices });
    },
  });
}

/** Cancels one of the mentor's own sessions. */
function sessionCancel(dependencies: ApiDependencies) {
  const { models } = dependencies;
  return endpoint({
    method: 'post',
    path: '/sessions/{id}/cancel',
    tag: 'sessions',
    summary: 'Cancels a session: its pending reminders are cancelled and participants told, with the reason',
    auth: 'signed_in',
    params: z.strictObject({ id: objectId }),
    body: z.strictObject({
      reason: z.string().trim().min(3).max(300).optional().describe('told to the participants'),
    }),
    responses: {
      200: { description: 'cancelled', body: sessionNoticesBody },
      404: 'no such session of yours',
    },
    async handle({ caller, params, body, from, now, response }) {
      if (!caller) return forbidden(response);
      const session = await ownSession(models, caller.account, params.id);
      if (!session) return notYours(response);
      const { notices } = await cancelSessionAs(
        dependencies,
        caller.account,
        session._id,
        { from, via: caller.via, now },
        body.reason,
      );
      response.json({ id: params.id, notices });
    },
  });
}

/** Records who came to one of the mentor's own sessions. */
function sessionAttendance(dependencies: ApiDependencies) {
  const { models } = dependencies;
  return endpoint({
    method: 'put',
    path: '/sessions/{id}/attendance',
    tag: 'sessions',
    summary: 'Records who came (everyone else invited did not); recording again corrects it',
    auth: 'signed_in',
    params: z.strictObject({ id: objectId }),
    body: z.strictObject({ present: z.array(objectId).max(500) }),
    responses: {
      200: { description: 'recorded', body: attendanceBody },
      400: 'someone who was not invited',
      404: 'no such session of yours',
      409: 'the session has not begun (`not_started`) or was cancelled (`cancelled`)',
    },
    async handle({ caller, params, body, from, now, response }) {
      if (!caller) return forbidden(response);
      const session = await ownSession(models, caller.account, params.id);
      if (!session) return notYours(response);
      const counted = await recordAttendanceAs(dependencies, caller.account, session, body.present, {
        from,
        via: caller.via,
        now,
      });
      if (!counted.ok) return refuse(response, counted);
      const { ok: _ok, ...numbers } = counted;
      response.json({ id: params.id, ...numbers });
    },
  });
}

/**
 * Mentoring sessions over the API, with the rules of chat: a mentor plans, moves, cancels and records
 * attendance for their own sessions and participants; a Dinsos admin sees all; Puskesos staff none.
 */
export function mentoringSessionEndpoints(dependencies: ApiDependencies) {
  return [sessionList, sessionPlanning, sessionMove, sessionCancel, sessionAttendance].map((one) =>
    one(dependencies),
  );
}
