import type { Request, Response } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit } from '../../auth';
import {
  SESSION_SHEET,
  sessionRows,
  type ExportedSession,
  type InvitationAnswer,
} from '../../exports/sessions';
import type { ApiDependencies } from '../api/v1/dependencies';
import { sendSheet } from '../export-response';
import { fromOf } from '../request-from';
import { sessionScopeOf } from '../../auth/scopes';
import { readMentorSessions, readSessionLedger } from '../../domain/sessions';
import { translator } from './language';
import { type Viewer, refuse } from './layout';
import { MONTH_PATTERN, monthGrid } from './session-calendar';
import { objectId, refuseStaff, statusLabel } from './session-common';

/** The sessions page's filters; with a month (`bulan`, as the calendar shows), only that month. */
const exportQuery = z.strictObject({
  pendamping: z.union([objectId, z.literal('')]).optional(),
  kecamatan: z.string().trim().max(60).optional(),
  bulan: z.string().regex(MONTH_PATTERN).optional(),
  format: z.enum(['xlsx', 'csv']),
});

/**
 * Sessions with each invited participant's answer and attendance as a file: a mentor's own sessions,
 * every mentor's for a Dinsos admin (or one mentor's, as the page filters), oldest first.
 */
export function sessionExport({ models, auth, clock }: ApiDependencies) {
  const indonesian = translator('id');
  return async function download(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    if (!sessionScopeOf(viewer.account)) return refuseStaff(response, viewer);
    const query = exportQuery.safeParse(request.query);
    if (!query.success) {
      return refuse(
        response,
        400,
        t('Filter tidak dikenal', 'Unknown filter'),
        t(
          `Periksa isian ${query.error.issues.map((issue) => issue.path.join('.')).join(', ')}, contoh: ?bulan=2026-11&format=xlsx.`,
          `Check ${query.error.issues.map((issue) => issue.path.join('.')).join(', ')}, for example: ?bulan=2026-11&format=xlsx.`,
        ),
        viewer,
      );
    }
    const { pendamping, kecamatan, bulan, format } = query.data;
    const now = clock();
    // The mentors' indexes by `_id` and each session's ledger and invitee by `_id`: no search.
    const admin = isAdmin(viewer.account);
    const mentors = admin ? await models.mentors.find({}, { name: 1 }).lean() : [];
    const chosen = admin
      ? pendamping
        ? [pendamping]
        : mentors.map((mentor) => mentor._id)
      : [viewer.account.id];
    const month = bulan ? monthGrid(bulan, [], auth.timeZone) : undefined;
    const listed = (await readMentorSessions(models, chosen))
      .filter((session) => !kecamatan || session.kecamatan.includes(kecamatan))
      .filter((session) => !month || (session.startsAt >= month.from && session.startsAt < month.to))
      .sort(
        (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      );
    const sessions: ExportedSession[] = listed.map((session) => ({
      _id: new Types.ObjectId(session.id),
      mentor: new Types.ObjectId(session.mentor),
      startsAt: session.startsAt,
      place: session.place,
      topic: session.topic,
      participants: session.participants.map((id) => new Types.ObjectId(id)),
      status: session.status,
    }));
    const invited = [...new Set(listed.flatMap((session) => session.participants))];
    const [ledgers, participants] = await Promise.all([
      Promise.all(listed.map((session) => readSessionLedger(models, session.id))),
      Promise.all(
        invited.map((id) => models.participants.findById(id, { name: 1, phone: 1, desa: 1 }).lean()),
      ),
    ]);
    const answers = new Map<string, InvitationAnswer>();
    const attendance = new Map<string, boolean>();
    listed.forEach((session, index) => {
      const ledger = ledgers[index];
      for (const [person, answer] of Object.entries(ledger?.answers ?? {}))
        answers.set(`${session.id} ${person}`, answer);
      for (const [person, present] of Object.entries(ledger?.attendance ?? {}))
        attendance.set(`${session.id} ${person}`, present);
    });
    const rows = sessionRows(sessions, {
      mentors: new Map(
        admin
          ? mentors.map((mentor) => [String(mentor._id), mentor.name])
          : [[viewer.account.id, viewer.account.name]],
      ),
      participants: new Map(participants.flatMap((person) => (person ? [[String(person._id), person]] : []))),
      answers,
      attendance,
      statusWord: (status) => statusLabel(indonesian, status),
    });
    await sendSheet(
      response,
      { fileName: bulan ? `sesi-${bulan}` : 'sesi', format, timeZone: auth.timeZone },
      SESSION_SHEET,
      rows,
      (count) =>
        recordAudit(
          models,
          {
            actor: auditActorOf(viewer.account),
            action: 'sessions.export',
            from: fromOf(request),
            details: {
              via: 'session',
              page: 'dashboard',
              format,
              sessions: sessions.length,
              count,
              ...(pendamping ? { mentor: pendamping } : {}),
              ...(kecamatan ? { kecamatan } : {}),
              ...(bulan ? { bulan } : {}),
            },
          },
          now,
        ),
    );
  };
}
