import { z } from 'zod';
import { auditActorOf, recordAudit, type Account } from '../../auth';
import { attendanceClosedReason, readSessionLedger, type AttendanceClosed } from '../../domain/sessions';
import type { ApiDependencies } from '../api/v1/dependencies';
import { recordAttendanceAs } from '../actions/sessions';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';
import {
  declareAction,
  declarePage,
  redirect,
  refusal,
  show,
  type Outcome,
  type Page,
  type PageInput,
} from './page';
import {
  ACTING_PAGE,
  listOf,
  missingRefusal,
  objectId,
  pageTime,
  refusedWithoutSessions,
  sessionInScope,
  statusLabel,
  type STATUS_LABELS,
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

export interface AttendanceModel {
  session: {
    id: string;
    topic: string;
    startsAt: Date;
    place: string;
    status: keyof typeof STATUS_LABELS;
    invited: number;
  };
  timeZone: string;
  /** Why attendance cannot be recorded yet (or any more); then the form is shown without its button. */
  closed: AttendanceClosed | undefined;
  people: {
    id: string;
    name: string;
    desa: string;
    answer: string | undefined;
    present: boolean | undefined;
  }[];
}

const path = '/sesi/{id}/kehadiran';
const params = z.object({ id: z.string() });
const pathOf = (session: { _id: unknown }) => `/dashboard/sesi/${String(session._id)}/kehadiran`;

/** The session in the account's scope that is not cancelled, or the refusal. */
async function openSession(models: ApiDependencies['models'], account: Account, id: string) {
  const session = await sessionInScope(models, account, id);
  if (!session) return { refused: missingRefusal };
  if (session.status === 'cancelled') {
    return {
      refused: refusal(
        409,
        (t) => t('Sesi dibatalkan', 'Session cancelled'),
        (t) =>
          t(
            'Sesi ini dibatalkan; tidak ada kehadiran untuk dicatat.',
            'This session was cancelled; there is no attendance to record.',
          ),
      ),
    };
  }
  return { session };
}

type Input<B> = PageInput<z.output<typeof params>, undefined, B>;

/** Who was invited, what each answered and what is recorded; the reading is audited. */
async function attendanceOf(
  { models, auth }: ApiDependencies,
  account: Account,
  { params, now, from }: Input<undefined>,
): Promise<Outcome<AttendanceModel>> {
  const { session, refused } = await openSession(models, account, params.id);
  if (!session) return refused;
  // Each invitee by `_id` and the session's ledger by `_id`: no search of people, answers or attendance.
  const [found, ledger] = await Promise.all([
    Promise.all(
      session.participants.map((participant) =>
        models.participants.findById(participant, { name: 1, desa: 1 }).lean(),
      ),
    ),
    readSessionLedger(models, session._id),
  ]);
  const people = found
    .flatMap((person) => (person ? [person] : []))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  await recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action: 'session.attendance_read',
      target: String(session._id),
      from,
      details: { via: 'session', page: ACTING_PAGE, participants: people.length },
    },
    now,
  );
  return show({
    session: {
      id: String(session._id),
      topic: session.topic,
      startsAt: session.startsAt,
      place: session.place,
      status: session.status,
      invited: session.participants.length,
    },
    timeZone: auth.timeZone,
    closed: attendanceClosedReason(session, now),
    people: people.map((person) => ({
      id: String(person._id),
      name: person.name,
      desa: person.desa,
      answer: ledger.answers[String(person._id)],
      present: ledger.attendance[String(person._id)],
    })),
  });
}

/** Records who came (the ticked boxes; the others as absent), through the action the API shares. */
async function recordAttendance(
  dependencies: ApiDependencies,
  account: Account,
  { params, body, now, from }: Input<Record<string, unknown>>,
): Promise<Outcome<never>> {
  const { session, refused } = await openSession(dependencies.models, account, params.id);
  if (!session) return refused;
  const back = pathOf(session);
  const form = attendanceForm.safeParse({ ...body, hadir: listOf(body.hadir) });
  if (!form.success) {
    return redirect(back, {
      kind: 'error',
      text: (t) => t('Hadir: pilihan peserta tidak dikenal.', 'Present: unknown participants chosen.'),
    });
  }
  const counted = await recordAttendanceAs(dependencies, account, session, form.data.hadir, {
    from,
    via: 'session',
    now,
    page: ACTING_PAGE,
  });
  if (counted.ok) {
    return redirect(back, {
      kind: 'ok',
      text: (t) =>
        t(
          `Kehadiran tercatat: ${counted.present} dari ${counted.invited} peserta hadir.`,
          `Attendance recorded: ${counted.present} of ${counted.invited} participants came.`,
        ),
    });
  }
  const { closed } = counted;
  return redirect(back, {
    kind: 'error',
    text: (t) =>
      closed
        ? closedNotice(t, closed)
        : t(
            'Hadir: ada yang tidak diundang ke sesi ini.',
            'Present: someone was not invited to this session.',
          ),
  });
}

/** GET and POST /dashboard/sesi/:id/kehadiran: who came, recorded again to correct it (as in chat). */
export function sessionAttendancePages(dependencies: ApiDependencies): Page[] {
  return [
    declarePage({
      method: 'get',
      path,
      params,
      refuses: refusedWithoutSessions,
      load: (account, input) => attendanceOf(dependencies, account, input),
      title: (_model, t) => t('Kehadiran', 'Attendance'),
      view: attendanceView,
    }),
    declareAction({
      method: 'post',
      path,
      params,
      // Read as the form sends it (a box ticked once is one value): checked by recordAttendance.
      body: z.record(z.string(), z.unknown()),
      refuses: refusedWithoutSessions,
      load: (account, input) => recordAttendance(dependencies, account, input),
    }),
  ];
}

/** The session, then its invited participants to tick, each with their answer and what is recorded. */
export function attendanceView(model: AttendanceModel, t: Translate, viewer: Viewer): SafeHtml {
  const { session, closed } = model;
  const rows = model.people.map(
    (person) =>
      html`<tr>
        <td>
          <label class="check"
            ><input
              type="checkbox"
              name="hadir"
              value="${person.id}"
              ${person.present ? html`checked` : ''}
              ${closed ? html`disabled` : ''}
            />
            ${person.name}</label
          >
        </td>
        <td class="optional">${person.desa}</td>
        <td>${answerLabel(t, person.answer)}</td>
        <td>
          ${person.present === undefined ? '—' : person.present ? t('hadir', 'present') : t('tidak hadir', 'absent')}
        </td>
      </tr>`,
  );
  return html`<h1>${t('Kehadiran', 'Attendance')}: ${session.topic}</h1>
    <div class="card">
      <dl>
        <dt>${t('Waktu', 'Time')}</dt>
        <dd>${pageTime(session.startsAt, viewer.language, model.timeZone)}</dd>
        <dt>${t('Tempat', 'Place')}</dt>
        <dd>${session.place}</dd>
        <dt>${t('Status', 'Status')}</dt>
        <dd>${statusLabel(t, session.status)}</dd>
        <dt>${t('Diundang', 'Invited')}</dt>
        <dd>${session.invited}</dd>
      </dl>
    </div>
    ${closed ? html`<p class="flash error">${closedNotice(t, closed)}</p>` : ''}
    <form method="post" action="${pathOf({ _id: session.id })}">
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
}
