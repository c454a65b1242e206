import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import { byPlaceAndName } from '../../domain/display';
import { dayNumberOf, instantAt } from '../../domain/calendar';
import { readMentorRoster } from '../../domain/participants/roster';
import type { ApiDependencies } from '../api/v1/dependencies';
import { cancelSessionAs, planSessionAs, reviseSessionAs, type SessionRefusal } from '../actions/sessions';
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
  dateAndTimeOf,
  listOf,
  missingRefusal,
  objectId,
  pageTime,
  refusedWithoutSessions,
  sessionInScope,
} from './session-common';

const PARTICIPANTS_LIMIT = 500;

/** What the form holds, as typed: shown again unchanged when something must be corrected. */
interface FormValues {
  pendamping: string;
  tanggal: string;
  jam: string;
  tempat: string;
  topik: string;
  peserta: string[];
}

type Field = keyof FormValues;

const sessionForm = z.strictObject({
  csrf: z.string(),
  pendamping: z.string().optional(),
  tanggal: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((text) => {
      const [year = 0, month = 0, day = 0] = text.split('-').map(Number);
      const date = new Date(Date.UTC(year, month - 1, day));
      return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    }),
  jam: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  tempat: z.string().trim().min(3).max(120),
  topik: z.string().trim().min(3).max(120),
  peserta: z.array(objectId).min(1).max(PARTICIPANTS_LIMIT),
});

function fieldMessage(t: Translate, field: Field): string {
  switch (field) {
    case 'pendamping':
      return t('Pendamping: pilih pendamping sesi ini.', 'Mentor: choose the session’s mentor.');
    case 'tanggal':
      return t('Tanggal: isi tanggal yang benar.', 'Date: give a valid date.');
    case 'jam':
      return t('Jam: isi jam seperti 09:00.', 'Time: give a time such as 09:00.');
    case 'tempat':
      return t('Tempat: tulis 3 sampai 120 huruf.', 'Place: write 3 to 120 characters.');
    case 'topik':
      return t('Topik: tulis 3 sampai 120 huruf.', 'Topic: write 3 to 120 characters.');
    case 'peserta':
      return t(
        'Peserta: pilih paling sedikit satu peserta.',
        'Participants: choose at least one participant.',
      );
  }
}

/** Why a field was refused: unreadable as typed, or refused by the session's rules. */
type Problem = 'invalid' | 'past' | 'not_followed' | 'unknown_form';
type Problems = Partial<Record<Field, Problem>>;

const problemsOfRefusal = (refused: SessionRefusal): Problems =>
  refused.field === 'startsAt' ? { tanggal: 'past' } : { peserta: 'not_followed' };

function problemMessage(t: Translate, field: Field, problem: Problem): string {
  switch (problem) {
    case 'invalid':
      return fieldMessage(t, field);
    case 'past':
      return t(
        'Tanggal dan jam: waktu itu sudah lewat, pilih waktu yang akan datang.',
        'Date and time: that time has passed; choose one to come.',
      );
    case 'not_followed':
      return t(
        'Peserta: ada peserta yang bukan dampingan pendamping sesi ini.',
        'Participants: some are not followed by this session’s mentor.',
      );
    case 'unknown_form':
      return t('Formulir tidak dikenal; muat ulang halaman.', 'Unknown form; reload the page.');
  }
}

const valuesOf = (body: Record<string, unknown>): FormValues => {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    pendamping: text(body.pendamping),
    tanggal: text(body.tanggal),
    jam: text(body.jam),
    tempat: text(body.tempat),
    topik: text(body.topik),
    peserta: listOf(body.peserta).filter((value): value is string => typeof value === 'string'),
  };
};

/** Reads a posted form: its values as typed, and the start or the problem of each bad field. */
function readForm(body: Record<string, unknown>, timeZone: string) {
  const values = valuesOf(body);
  const parsed = sessionForm.safeParse({ ...body, peserta: values.peserta });
  if (!parsed.success) {
    const problems: Problems = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && field in values) problems[field as Field] = 'invalid';
      else problems.tanggal ??= 'unknown_form';
    }
    return { values, problems } as const;
  }
  const [hour = 0, minute = 0] = parsed.data.jam.split(':').map(Number);
  const startsAt = instantAt(
    dayNumberOf(new Date(`${parsed.data.tanggal}T00:00:00Z`), 'UTC'),
    hour,
    minute,
    timeZone,
  );
  return { values, data: { ...parsed.data, startsAt } } as const;
}

interface StoredSession {
  _id: Types.ObjectId;
  mentor: Types.ObjectId;
  participants: Types.ObjectId[];
  startsAt: Date;
  place: string;
  topic: string;
}

export interface SessionFormModel {
  /** The session being changed; absent when a new one is planned. */
  session: { id: string; startsAt: Date } | undefined;
  /** Whom it is for; absent while a Dinsos admin has not chosen, who then picks from `mentors`. */
  mentor: { id: string; name: string } | undefined;
  mentors: { id: string; name: string; kecamatan: string[] }[];
  /** Who may be invited, the chosen ones ticked from `values.peserta`. */
  people: { id: string; name: string; desa: string; kecamatan: string }[];
  values: FormValues;
  problems: Problems;
  timeZone: string;
}

const body = z.record(z.string(), z.unknown());
const params = z.object({ id: z.string() });
const SESSIONS_PATH = '/dashboard/sesi';

type Models = ApiDependencies['models'];
type Acting = { now: Date; from: string };

/**
 * Who a mentor may invite: their active participants, and on an edit those already invited, from the
 * mentor's roster (one read by `_id`).
 */
async function invitable(models: Models, mentor: Types.ObjectId, invited: Types.ObjectId[] = []) {
  const already = new Set(invited.map(String));
  return (await readMentorRoster(models, String(mentor)))
    .filter((person) => person.status === 'active' || already.has(person.id))
    .sort(byPlaceAndName)
    .slice(0, PARTICIPANTS_LIMIT);
}

/** The mentor a form is for: the signed-in mentor, or the one a Dinsos admin picked. */
async function mentorOfForm(models: Models, account: Account, chosen: string) {
  if (account.kind === 'mentor') return { _id: new Types.ObjectId(account.id), name: account.name };
  if (!isAdmin(account) || !objectId.safeParse(chosen).success) return undefined;
  return (await models.mentors.findById(chosen, { name: 1 }).lean()) ?? undefined;
}

/** The form's model: its mentor (or those to choose from) and whom they may invite; audited. */
async function formOf(
  { models, auth }: ApiDependencies,
  account: Account,
  { now, from }: Acting,
  form: { values: FormValues; problems?: Problems; session?: StoredSession },
): Promise<SessionFormModel> {
  const { values, problems = {}, session } = form;
  const mentor = session
    ? await models.mentors.findById(session.mentor, { name: 1 }).lean()
    : await mentorOfForm(models, account, values.pendamping);
  const people = mentor ? await invitable(models, mentor._id, session?.participants) : [];
  await recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action: session ? 'session.edit_form' : 'session.new_form',
      ...(session ? { target: String(session._id) } : {}),
      from,
      details: { via: 'session', page: ACTING_PAGE, participants: people.length },
    },
    now,
  );
  // A Dinsos admin plans for a mentor: the mentor first, then that mentor's participants.
  const mentors =
    !mentor && isAdmin(account)
      ? await models.mentors.find({}, { name: 1, kecamatan: 1 }).sort({ name: 1 }).limit(500).lean()
      : [];
  return {
    session: session && { id: String(session._id), startsAt: session.startsAt },
    mentor: mentor ? { id: String(mentor._id), name: mentor.name } : undefined,
    mentors: mentors.map((item) => ({ id: String(item._id), name: item.name, kecamatan: item.kecamatan })),
    people: people.map((person) => ({
      id: person.id,
      name: person.name,
      desa: person.desa,
      kecamatan: person.kecamatan,
    })),
    values,
    problems,
    timeZone: auth.timeZone,
  };
}

/** A session that can still be changed: in scope, planned and not yet begun; or the refusal. */
async function changeable(models: Models, account: Account, id: string, now: Date) {
  const session = await sessionInScope(models, account, id);
  if (!session) return { refused: missingRefusal };
  if (session.status !== 'planned' || session.startsAt <= now) {
    return {
      refused: refusal(
        409,
        (t) => t('Tidak bisa diubah', 'Cannot be changed'),
        (t) =>
          t(
            'Sesi ini sudah dimulai, sudah berlangsung atau dibatalkan, jadi tidak bisa diubah lagi.',
            'This session has begun, was held or was cancelled, so it can no longer be changed.',
          ),
      ),
    };
  }
  return { session };
}

/** Plans a session through the actions the API shares, or shows the form again with its problems. */
async function planSession(
  dependencies: ApiDependencies,
  account: Account,
  { body, now, from }: PageInput<undefined, undefined, Record<string, unknown>>,
): Promise<Outcome<SessionFormModel>> {
  const form = readForm(body, dependencies.auth.timeZone);
  const refused = async (problems: Problems, status = 400) =>
    show(await formOf(dependencies, account, { now, from }, { values: form.values, problems }), status);
  const mentor = await mentorOfForm(dependencies.models, account, form.values.pendamping);
  if (!mentor) return refused({ pendamping: 'invalid' });
  if (!form.data) return refused(form.problems);
  const planned = await planSessionAs(
    dependencies,
    account,
    {
      mentor: mentor._id,
      startsAt: form.data.startsAt,
      place: form.data.tempat,
      topic: form.data.topik,
      participants: form.data.peserta,
    },
    { from, via: 'session', now, page: ACTING_PAGE },
  );
  if (!planned.ok) return refused(problemsOfRefusal(planned), planned.status);
  const count = new Set(form.data.peserta).size;
  return redirect(SESSIONS_PATH, {
    kind: 'ok',
    text: (t) =>
      t(
        `Sesi direncanakan. Undangan dan pengingat untuk ${count} peserta masuk antrean (${planned.invited} pesan).`,
        `Session planned. Invitations and reminders for ${count} participants are queued (${planned.invited} messages).`,
      ),
  });
}

/** Changes a session (those invited hear of it), or shows the form again with its problems. */
async function reviseSession(
  dependencies: ApiDependencies,
  account: Account,
  session: StoredSession,
  { body, now, from }: { body: Record<string, unknown> } & Acting,
): Promise<Outcome<SessionFormModel>> {
  const form = readForm(body, dependencies.auth.timeZone);
  const refused = async (problems: Problems, status = 400) =>
    show(
      await formOf(dependencies, account, { now, from }, { session, values: form.values, problems }),
      status,
    );
  if (!form.data) return refused(form.problems);
  const invited = [...new Set(form.data.peserta)];
  const unchanged =
    form.data.startsAt.getTime() === session.startsAt.getTime() &&
    form.data.tempat === session.place &&
    form.data.topik === session.topic &&
    invited.length === session.participants.length &&
    session.participants.every((id) => invited.includes(String(id)));
  if (unchanged) {
    return redirect(SESSIONS_PATH, {
      kind: 'ok',
      text: (t) => t('Tidak ada perubahan.', 'Nothing changed.'),
    });
  }
  const revised = await reviseSessionAs(
    dependencies,
    account,
    session,
    { startsAt: form.data.startsAt, place: form.data.tempat, topic: form.data.topik, participants: invited },
    { from, via: 'session', now, page: ACTING_PAGE },
  );
  if (!revised.ok) return refused(problemsOfRefusal(revised), revised.status);
  return redirect(SESSIONS_PATH, {
    kind: 'ok',
    text: (t) =>
      t(
        `Sesi diubah. Peserta diberi tahu (${revised.notices} pesan masuk antrean).`,
        `Session changed. Participants are told (${revised.notices} messages queued).`,
      ),
  });
}

/** The new-session form, the edit form and the cancel form, for mentors and Dinsos admins. */
export function sessionFormPages(dependencies: ApiDependencies): Page[] {
  const { models, auth } = dependencies;
  const common = { refuses: refusedWithoutSessions, title: formTitle, view: sessionFormView };
  return [
    declarePage({
      ...common,
      method: 'get',
      path: '/sesi/baru',
      query: z.object({ pendamping: z.string().catch('') }),
      load: async (account, { query, now, from }) =>
        show(
          await formOf(
            dependencies,
            account,
            { now, from },
            {
              values: {
                pendamping: query.pendamping,
                tanggal: '',
                jam: '09:00',
                tempat: '',
                topik: '',
                peserta: [],
              },
            },
          ),
        ),
    }),
    declarePage({
      ...common,
      method: 'post',
      path: '/sesi/baru',
      body,
      load: (account, input) => planSession(dependencies, account, input),
    }),
    declarePage({
      ...common,
      method: 'get',
      path: '/sesi/{id}/ubah',
      params,
      async load(account, { params, now, from }) {
        const { session, refused } = await changeable(models, account, params.id, now);
        if (!session) return refused;
        return show(
          await formOf(
            dependencies,
            account,
            { now, from },
            {
              session,
              values: {
                pendamping: '',
                ...dateAndTimeOf(session.startsAt, auth.timeZone),
                tempat: session.place,
                topik: session.topic,
                peserta: session.participants.map(String),
              },
            },
          ),
        );
      },
    }),
    declarePage({
      ...common,
      method: 'post',
      path: '/sesi/{id}/ubah',
      params,
      body,
      async load(account, input) {
        const { session, refused } = await changeable(models, account, input.params.id, input.now);
        if (!session) return refused;
        return reviseSession(dependencies, account, session, input);
      },
    }),
    declareAction({
      method: 'post',
      path: '/sesi/{id}/batal',
      params,
      body: z.object({ alasan: z.string().trim().min(3).max(300).optional().catch(undefined) }),
      refuses: refusedWithoutSessions,
      async load(account, { params, body, now, from }) {
        const { session, refused } = await changeable(models, account, params.id, now);
        if (!session) return refused;
        if (!body.alasan) {
          return redirect(`${SESSIONS_PATH}/${String(session._id)}/ubah`, {
            kind: 'error',
            text: (t) =>
              t(
                'Alasan pembatalan: tulis paling sedikit 3 huruf.',
                'Reason for cancelling: write at least 3 characters.',
              ),
          });
        }
        const cancelled = await cancelSessionAs(
          dependencies,
          account,
          session._id,
          { from, via: 'session', now, page: ACTING_PAGE },
          body.alasan,
        );
        return redirect(SESSIONS_PATH, {
          kind: 'ok',
          text: (t) =>
            t(
              `Sesi dibatalkan. Peserta diberi tahu (${cancelled.notices} pesan).`,
              `Session cancelled. Participants are told (${cancelled.notices} messages).`,
            ),
        });
      },
    }),
  ];
}

const formTitle = (model: SessionFormModel, t: Translate) =>
  model.session ? t('Ubah sesi', 'Edit session') : t('Rencanakan sesi', 'Plan a session');

/** A Dinsos admin's first step: which mentor the session is for. */
function mentorChoice(model: SessionFormModel, t: Translate, messages: string[]): SafeHtml {
  const invalid = model.problems.pendamping
    ? html`aria-invalid="true" aria-describedby="error-pendamping"`
    : '';
  return html`<h1>${formTitle(model, t)}</h1>
    ${messages.length > 0 ? html`<p class="flash error" role="alert">${messages.join(' ')}</p>` : ''}
    <form class="card" method="get" action="/dashboard/sesi/baru">
      <label for="pendamping">${t('Pendamping', 'Mentor')}</label>
      <select id="pendamping" name="pendamping" required ${invalid}>
        ${model.mentors.map(
          (item) =>
            html`<option value="${item.id}">
              ${item.name}${item.kecamatan.length > 0 ? ` (${item.kecamatan.join(', ')})` : ''}
            </option>`,
        )}
      </select>
      ${
        model.problems.pendamping
          ? html`<p class="field-error" id="error-pendamping">
              ${problemMessage(t, 'pendamping', model.problems.pendamping)}
            </p>`
          : ''
      }
      <p><button type="submit">${t('Lanjut: pilih peserta', 'Next: choose participants')}</button></p>
    </form>
    <p><a href="/dashboard/sesi">${t('Kembali ke daftar sesi', 'Back to the sessions')}</a></p>`;
}

/** The cancel form under a session being changed. */
function cancelForm(sessionId: string, t: Translate, viewer: Viewer): SafeHtml {
  return html`<h2>${t('Batalkan sesi', 'Cancel the session')}</h2>
    <form class="card" method="post" action="/dashboard/sesi/${sessionId}/batal">
      <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
      <label for="alasan">${t('Alasan pembatalan', 'Reason for cancelling')}</label>
      <input type="text" id="alasan" name="alasan" required minlength="3" maxlength="300" />
      <p class="meta">
        ${t(
          'Peserta yang diundang akan diberi tahu bahwa sesi dibatalkan.',
          'The invited participants will be told that the session is cancelled.',
        )}
      </p>
      <button type="submit" class="secondary">${t('Batalkan sesi', 'Cancel the session')}</button>
    </form>`;
}

/** The form planning or changing a session, with what was typed and each problem when shown again. */
export function sessionFormView(model: SessionFormModel, t: Translate, viewer: Viewer): SafeHtml {
  const { values, problems, session, mentor, people } = model;
  const messages = (Object.entries(problems) as [Field, Problem][]).map(([field, problem]) =>
    problemMessage(t, field, problem),
  );
  if (!mentor && isAdmin(viewer.account)) return mentorChoice(model, t, messages);
  const invalid = (field: Field) =>
    problems[field] ? html`aria-invalid="true" aria-describedby="error-${field}"` : '';
  const error = (field: Field) => {
    const problem = problems[field];
    return problem
      ? html`<p class="field-error" id="error-${field}">${problemMessage(t, field, problem)}</p>`
      : '';
  };
  const chosen = new Set(values.peserta);
  const action = session ? `/dashboard/sesi/${session.id}/ubah` : '/dashboard/sesi/baru';
  const participantBoxes = people.map(
    (person) =>
      html`<li>
        <label class="check"
          ><input
            type="checkbox"
            name="peserta"
            value="${person.id}"
            ${chosen.has(person.id) ? html`checked` : ''}
          />
          ${person.name} <span class="meta">${person.desa}, ${person.kecamatan}</span></label
        >
      </li>`,
  );
  return html`<h1>${formTitle(model, t)}</h1>
    ${
      session
        ? html`<p>${t('Sekarang', 'Now')}: ${pageTime(session.startsAt, viewer.language, model.timeZone)}</p>`
        : ''
    }
    ${messages.length > 0 ? html`<div class="flash error" role="alert">${messages.map((message) => html`<p>${message}</p>`)}</div>` : ''}
    <form class="card session-form" method="post" action="${action}">
      <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
      ${!session && isAdmin(viewer.account) && mentor ? html`<input type="hidden" name="pendamping" value="${mentor.id}" />` : ''}
      ${mentor ? html`<p>${t('Pendamping', 'Mentor')}: <strong>${mentor.name}</strong></p>` : ''}
      <div class="when">
        <div>
          <label for="tanggal">${t('Tanggal', 'Date')}</label>
          <input
            type="date"
            id="tanggal"
            name="tanggal"
            required
            value="${values.tanggal}"
            ${invalid('tanggal')}
          />
        </div>
        <div>
          <label for="jam">${t('Jam (WIB)', 'Time (WIB)')}</label>
          <input type="time" id="jam" name="jam" required value="${values.jam}" ${invalid('jam')} />
        </div>
      </div>
      ${error('tanggal')} ${error('jam')}
      <label for="tempat">${t('Tempat', 'Place')}</label>
      <input
        type="text"
        id="tempat"
        name="tempat"
        required
        maxlength="120"
        value="${values.tempat}"
        ${invalid('tempat')}
      />
      ${error('tempat')}
      <label for="topik">${t('Topik', 'Topic')}</label>
      <input
        type="text"
        id="topik"
        name="topik"
        required
        maxlength="120"
        value="${values.topik}"
        ${invalid('topik')}
      />
      ${error('topik')}
      <fieldset ${invalid('peserta')}>
        <legend>${t('Peserta yang diundang', 'Participants invited')}</legend>
        ${
          people.length === 0
            ? html`<p>
                ${t('Belum ada peserta aktif yang didampingi.', 'No active participant is followed yet.')}
              </p>`
            : html`<ul class="checks">
                ${participantBoxes}
              </ul>`
        }
      </fieldset>
      ${error('peserta')}
      <p class="meta">
        ${t(
          'Peserta menerima undangan lewat chat, lalu pengingat sehari dan 2 jam sebelumnya.',
          'Participants get the invitation in their chat, then reminders a day and 2 hours before.',
        )}
      </p>
      <button type="submit">
        ${session ? t('Simpan perubahan', 'Save the changes') : t('Rencanakan dan undang', 'Plan and invite')}
      </button>
    </form>
    ${session ? cancelForm(session.id, t, viewer) : ''}
    <p><a href="/dashboard/sesi">${t('Kembali ke daftar sesi', 'Back to the sessions')}</a></p>`;
}
