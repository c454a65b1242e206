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
    const scope = sessionScopeOf(viewer.account);
    if (!scope) return refuseStaff(response, viewer);
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
    const mentorFilter =
      isAdmin(viewer.account) && pendamping ? { mentor: new Types.ObjectId(pendamping) } : scope;
    const inKecamatan = kecamatan
      ? (await models.participants.find({ kecamatan }, { _id: 1 }).lean()).map((person) => person._id)
      : undefined;
    const month = bulan ? monthGrid(bulan, [], auth.timeZone) : undefined;
    const sessions = await models.mentoringSessions
      .find(
        {
          ...mentorFilter,
          ...(inKecamatan ? { participants: { $in: inKecamatan } } : {}),
          ...(month ? { startsAt: { $gte: month.from, $lt: month.to } } : {}),
        },
        { mentor: 1, startsAt: 1, place: 1, topic: 1, participants: 1, status: 1 },
      )
      .sort({ startsAt: 1, _id: 1 })
      .lean<ExportedSession[]>();
    const ids = sessions.map((session) => session._id);
    const [mentors, participants, answers, attendance] = await Promise.all([
      models.mentors.find({ _id: { $in: sessions.map((session) => session.mentor) } }, { name: 1 }).lean(),
      models.participants
        .find(
          { _id: { $in: sessions.flatMap((session) => session.participants) } },
          { name: 1, phone: 1, desa: 1 },
        )
        .lean(),
      models.sessionResponses
        .find({ session: { $in: ids } }, { session: 1, participant: 1, answer: 1 })
        .lean(),
      models.sessionAttendance
        .find({ session: { $in: ids } }, { session: 1, participant: 1, present: 1 })
        .lean(),
    ]);
    const key = (entry: { session: Types.ObjectId; participant: Types.ObjectId }) =>
      `${String(entry.session)} ${String(entry.participant)}`;
    const rows = sessionRows(sessions, {
      mentors: new Map(mentors.map((mentor) => [String(mentor._id), mentor.name])),
      participants: new Map(participants.map((person) => [String(person._id), person])),
      answers: new Map(answers.map((answer) => [key(answer), answer.answer as InvitationAnswer])),
      attendance: new Map(attendance.map((entry) => [key(entry), entry.present])),
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
