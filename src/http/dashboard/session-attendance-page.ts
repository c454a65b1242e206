import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../auth';
import { attendanceClosedReason, type AttendanceClosed } from '../../domain/sessions';
import type { ApiDependencies } from '../api/v1/dependencies';
import { recordAttendanceAs } from '../actions/sessions';
import { sessionScopeOf } from '../../auth/scopes';
import { fromOf } from '../request-from';
import { setFlash, takeFlash } from './form-cookies';
import { html } from './html';
import { translator, type Translate } from './language';
import { page, type Viewer, refuse } from './layout';
import {
  ACTING_PAGE,
  listOf,
  objectId,
  pageTime,
  refuseMissing,
  refuseStaff,
  sessionInScope,
  statusLabel,
} from './session-common';

const attendanceForm = z.strictObject({ csrf: z.string(), hadir: z.array(objectId).max(500) });

const closedNotice = (t: Translate, closed: AttendanceClosed) =>
  closed === 'cancelled'
    ? t(
        'Sesi ini dibatalkan; tidak ada kehadiran yang dicatat.',
        'This session was cancelled; no attendance is recorded.',
      )
    : t(
        'Sesi ini belum dimulai. Kehadiran dicatat setelah sesi dimulai.',
        'This session has not begun yet. Attendance is recorded once it has.',
      );

const answerLabel = (t: Translate, answer: string | undefined) =>
  answer === 'attend'
    ? t('akan hadir', 'will come')
    : answer === 'decline'
      ? t('tidak bisa hadir', 'cannot come')
      : answer === 'reschedule'
        ? t('minta jadwal lain', 'asked for another date')
        : t('belum menjawab', 'no answer');

/** GET and POST /dashboard/sesi/:id/kehadiran: who came, recorded again to correct it (as in chat). */
export function sessionAttendancePages(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const cookies = { security: auth.cookieSecurity };

  async function load(request: Request, response: Response, viewer: Viewer) {
    if (!sessionScopeOf(viewer.account)) {
      refuseStaff(response, viewer);
      return undefined;
    }
    const session = await sessionInScope(models, viewer.account, request.params.id);
    if (!session) {
      refuseMissing(response, viewer);
      return undefined;
    }
    if (session.status === 'cancelled') {
      const t = translator(viewer.language);
      refuse(
        response,
        409,
        t('Sesi dibatalkan', 'Session cancelled'),
        t(
          'Sesi ini dibatalkan; tidak ada kehadiran untuk dicatat.',
          'This session was cancelled; there is no attendance to record.',
        ),
        viewer,
      );
      return undefined;
    }
    return session;
  }

  async function show(request: Request, response: Response, viewer: Viewer) {
    const session = await load(request, response, viewer);
    if (!session) return;
    const t = translator(viewer.language);
    const now = dependencies.clock();
    const [people, answers, attendance] = await Promise.all([
      models.participants
        .find({ _id: { $in: session.participants } }, { name: 1, desa: 1 })
        .sort({ name: 1 })
        .lean(),
      models.sessionResponses.find({ session: session._id }, { participant: 1, answer: 1 }).lean(),
      models.sessionAttendance.find({ session: session._id }, { participant: 1, present: 1 }).lean(),
    ]);
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'session.attendance_read',
        target: String(session._id),
        from: fromOf(request),
        details: { via: 'session', page: ACTING_PAGE, participants: people.length },
      },
      now,
    );
    const answerOf = new Map(answers.map((answer) => [String(answer.participant), answer.answer]));
    const presentOf = new Map(attendance.map((entry) => [String(entry.participant), entry.present]));
    const closed = attendanceClosedReason(session, now);
    const rows = people.map((person) => {
      const id = String(person._id);
      const present = presentOf.get(id);
      return html`<tr>
        <td>
          <label class="check"
            ><input
              type="checkbox"
              name="hadir"
              value="${id}"
              ${present ? html`checked` : ''}
              ${closed ? html`disabled` : ''}
            />
            ${person.name}</label
          >
        </td>
        <td class="optional">${person.desa}</td>
        <td>${answerLabel(t, answerOf.get(id))}</td>
        <td>${present === undefined ? '—' : present ? t('hadir', 'present') : t('tidak hadir', 'absent')}</td>
      </tr>`;
    });
    const title = t('Kehadiran', 'Attendance');
    const content = html`<h1>${title}: ${session.topic}</h1>
      <div class="card">
        <dl>
          <dt>${t('Waktu', 'Time')}</dt>
          <dd>${pageTime(session.startsAt, viewer.language, auth.timeZone)}</dd>
          <dt>${t('Tempat', 'Place')}</dt>
          <dd>${session.place}</dd>
          <dt>${t('Status', 'Status')}</dt>
          <dd>${statusLabel(t, session.status)}</dd>
          <dt>${t('Diundang', 'Invited')}</dt>
          <dd>${session.participants.length}</dd>
        </dl>
      </div>
      ${closed ? html`<p class="flash error">${closedNotice(t, closed)}</p>` : ''}
      <form method="post" action="/dashboard/sesi/${String(session._id)}/kehadiran">
        <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
        <table class="attendance">
          <thead>
            <tr>
              <th>${t('Hadir? (centang yang hadir)', 'Present? (tick who came)')}</th>
              <th class="optional">${t('Desa', 'Desa')}</th>
              <th>${t('Jawaban undangan', 'Answer to the invitation')}</th>
              <th>${t('Tercatat', 'Recorded')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>
        <p class="meta">
          ${t(
            'Yang tidak dicentang tercatat tidak hadir. Mencatat lagi akan membetulkan catatan sebelumnya.',
            'Those not ticked are recorded as absent. Recording again corrects the earlier record.',
          )}
        </p>
        ${closed ? '' : html`<button type="submit">${t('Simpan kehadiran', 'Save attendance')}</button>`}
      </form>
      <p><a href="/dashboard/sesi">${t('Kembali ke daftar sesi', 'Back to the sessions')}</a></p>`;
    response.send(String(page(title, content, viewer, takeFlash(request, response, cookies))));
  }

  async function record(request: Request, response: Response, viewer: Viewer) {
    const session = await load(request, response, viewer);
    if (!session) return;
    const t = translator(viewer.language);
    const back = `/dashboard/sesi/${String(session._id)}/kehadiran`;
    const now = dependencies.clock();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = attendanceForm.safeParse({ ...body, hadir: listOf(body.hadir) });
    if (!form.success) {
      setFlash(request, response, cookies, {
        kind: 'error',
        text: t('Hadir: pilihan peserta tidak dikenal.', 'Present: unknown participants chosen.'),
      });
      return response.redirect(303, back);
    }
    const counted = await recordAttendanceAs(dependencies, viewer.account, session, form.data.hadir, {
      from: fromOf(request),
      via: 'session',
      now,
      page: ACTING_PAGE,
    });
    setFlash(
      request,
      response,
      cookies,
      counted.ok
        ? {
            kind: 'ok',
            text: t(
              `Kehadiran tercatat: ${counted.present} dari ${counted.invited} peserta hadir.`,
              `Attendance recorded: ${counted.present} of ${counted.invited} participants came.`,
            ),
          }
        : {
            kind: 'error',
            text: counted.closed
              ? closedNotice(t, counted.closed)
              : t(
                  'Hadir: ada yang tidak diundang ke sesi ini.',
                  'Present: someone was not invited to this session.',
                ),
          },
    );
    response.redirect(303, back);
  }

  return { show, record };
}
