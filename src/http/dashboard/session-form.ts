import type { Request, Response } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import { dayNumberOf, instantAt } from '../../domain/calendar';
import type { ApiDependencies } from '../api/v1/dependencies';
import { cancelSessionAs, planSessionAs, reviseSessionAs, type SessionRefusal } from '../actions/sessions';
import { sessionScopeOf } from '../../auth/scopes';
import { fromOf } from '../request-from';
import { setFlash, takeFlash } from './form-cookies';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { page, type Viewer, refuse } from './layout';
import {
  ACTING_PAGE,
  dateAndTimeOf,
  listOf,
  objectId,
  pageTime,
  refuseMissing,
  refuseStaff,
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

const cancelForm = z.strictObject({ csrf: z.string(), alasan: z.string().trim().min(3).max(300) });

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

function refusalMessages(t: Translate, refusal: SessionRefusal): Partial<Record<Field, string>> {
  if (refusal.field === 'startsAt') {
    return {
      tanggal: t(
        'Tanggal dan jam: waktu itu sudah lewat, pilih waktu yang akan datang.',
        'Date and time: that time has passed; choose one to come.',
      ),
    };
  }
  return {
    peserta: t(
      'Peserta: ada peserta yang bukan dampingan pendamping sesi ini.',
      'Participants: some are not followed by this session’s mentor.',
    ),
  };
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

/** The new-session form, the edit form and the cancel form. */
export function sessionFormPages(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const cookies = { security: auth.cookieSecurity };

  /** Who a mentor may invite: their active participants, and on an edit those already invited. */
  async function invitable(mentor: Types.ObjectId, invited: Types.ObjectId[] = []) {
    return models.participants
      .find(
        {
          $and: [
            { $or: [{ 'mentors.mibi': mentor }, { 'mentors.tksk': mentor }] },
            { $or: [{ status: 'active' }, { _id: { $in: invited } }] },
          ],
        },
        { name: 1, desa: 1, kecamatan: 1 },
      )
      .sort({ kecamatan: 1, desa: 1, name: 1 })
      .limit(PARTICIPANTS_LIMIT)
      .lean();
  }

  /** The mentor a form is for: the signed-in mentor, or the one a Dinsos admin picked. */
  async function mentorOfForm(account: Account, chosen: string) {
    if (account.kind === 'mentor') return { _id: new Types.ObjectId(account.id), name: account.name };
    if (!isAdmin(account) || !objectId.safeParse(chosen).success) return undefined;
    return (await models.mentors.findById(chosen, { name: 1 }).lean()) ?? undefined;
  }

  async function drawForm(
    request: Request,
    response: Response,
    viewer: Viewer,
    options: {
      values: FormValues;
      errors?: Partial<Record<Field, string>>;
      status?: number;
      session?: {
        _id: Types.ObjectId;
        mentor: Types.ObjectId;
        participants: Types.ObjectId[];
        startsAt: Date;
      };
    },
  ) {
    const t = translator(viewer.language);
    const { values, errors = {}, session } = options;
    const now = dependencies.clock();
    const mentor = session
      ? await models.mentors.findById(session.mentor, { name: 1 }).lean()
      : await mentorOfForm(viewer.account, values.pendamping);
    const people = mentor ? await invitable(mentor._id, session?.participants) : [];
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: session ? 'session.edit_form' : 'session.new_form',
        ...(session ? { target: String(session._id) } : {}),
        from: fromOf(request),
        details: { via: 'session', page: ACTING_PAGE, participants: people.length },
      },
      now,
    );
    const title = session ? t('Ubah sesi', 'Edit session') : t('Rencanakan sesi', 'Plan a session');
    const messages = Object.values(errors);
    const invalid = (field: Field) =>
      errors[field] ? html`aria-invalid="true" aria-describedby="error-${field}"` : '';
    const error = (field: Field) =>
      errors[field] ? html`<p class="field-error" id="error-${field}">${errors[field]}</p>` : '';
    const chosen = new Set(values.peserta);
    const action = session ? `/dashboard/sesi/${String(session._id)}/ubah` : '/dashboard/sesi/baru';

    // A Dinsos admin plans for a mentor: the mentor first, then that mentor's participants.
    if (!mentor && isAdmin(viewer.account)) {
      const mentors = await models.mentors
        .find({}, { name: 1, kecamatan: 1 })
        .sort({ name: 1 })
        .limit(500)
        .lean();
      const content = html`<h1>${title}</h1>
        ${messages.length > 0 ? html`<p class="flash error" role="alert">${messages.join(' ')}</p>` : ''}
        <form class="card" method="get" action="/dashboard/sesi/baru">
          <label for="pendamping">${t('Pendamping', 'Mentor')}</label>
          <select id="pendamping" name="pendamping" required ${invalid('pendamping')}>
            ${mentors.map(
              (item) =>
                html`<option value="${String(item._id)}">
                  ${item.name}${item.kecamatan.length > 0 ? ` (${item.kecamatan.join(', ')})` : ''}
                </option>`,
            )}
          </select>
          ${error('pendamping')}
          <p><button type="submit">${t('Lanjut: pilih peserta', 'Next: choose participants')}</button></p>
        </form>
        <p><a href="/dashboard/sesi">${t('Kembali ke daftar sesi', 'Back to the sessions')}</a></p>`;
      response.status(options.status ?? 200).send(String(page(title, content, viewer)));
      return;
    }

    const participantBoxes = people.map((person) => {
      const id = String(person._id);
      return html`<li>
        <label class="check"
          ><input type="checkbox" name="peserta" value="${id}" ${chosen.has(id) ? html`checked` : ''} />
          ${person.name} <span class="meta">${person.desa}, ${person.kecamatan}</span></label
        >
      </li>`;
    });
    const cancel: SafeHtml | string = session
      ? html`<h2>${t('Batalkan sesi', 'Cancel the session')}</h2>
          <form class="card" method="post" action="/dashboard/sesi/${String(session._id)}/batal">
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
          </form>`
      : '';
    const content = html`<h1>${title}</h1>
      ${
        session
          ? html`<p>
              ${t('Sekarang', 'Now')}: ${pageTime(session.startsAt, viewer.language, auth.timeZone)}
            </p>`
          : ''
      }
      ${messages.length > 0 ? html`<div class="flash error" role="alert">${messages.map((message) => html`<p>${message}</p>`)}</div>` : ''}
      <form class="card session-form" method="post" action="${action}">
        <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
        ${!session && isAdmin(viewer.account) && mentor ? html`<input type="hidden" name="pendamping" value="${String(mentor._id)}" />` : ''}
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
      ${cancel}
      <p><a href="/dashboard/sesi">${t('Kembali ke daftar sesi', 'Back to the sessions')}</a></p>`;
    response
      .status(options.status ?? 200)
      .send(String(page(title, content, viewer, takeFlash(request, response, cookies))));
  }

  /** Reads a posted form: its values as typed, and the start or the messages naming each bad field. */
  function readForm(body: Record<string, unknown>, t: Translate) {
    const values = valuesOf(body);
    const parsed = sessionForm.safeParse({ ...body, peserta: values.peserta });
    if (!parsed.success) {
      const errors: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (typeof field === 'string' && field in values)
          errors[field as Field] = fieldMessage(t, field as Field);
        else
          errors.tanggal ??= t(
            'Formulir tidak dikenal; muat ulang halaman.',
            'Unknown form; reload the page.',
          );
      }
      return { values, errors } as const;
    }
    const [hour = 0, minute = 0] = parsed.data.jam.split(':').map(Number);
    const startsAt = instantAt(
      dayNumberOf(new Date(`${parsed.data.tanggal}T00:00:00Z`), 'UTC'),
      hour,
      minute,
      auth.timeZone,
    );
    return { values, data: { ...parsed.data, startsAt } } as const;
  }

  async function newForm(request: Request, response: Response, viewer: Viewer) {
    if (!sessionScopeOf(viewer.account)) return refuseStaff(response, viewer);
    const chosen = typeof request.query.pendamping === 'string' ? request.query.pendamping : '';
    await drawForm(request, response, viewer, {
      values: { pendamping: chosen, tanggal: '', jam: '09:00', tempat: '', topik: '', peserta: [] },
    });
  }

  async function create(request: Request, response: Response, viewer: Viewer) {
    if (!sessionScopeOf(viewer.account)) return refuseStaff(response, viewer);
    const t = translator(viewer.language);
    const form = readForm((request.body ?? {}) as Record<string, unknown>, t);
    const mentor = await mentorOfForm(viewer.account, form.values.pendamping);
    if (!mentor) {
      return drawForm(request, response, viewer, {
        values: form.values,
        errors: { pendamping: fieldMessage(t, 'pendamping') },
        status: 400,
      });
    }
    if (!form.data)
      return drawForm(request, response, viewer, { values: form.values, errors: form.errors, status: 400 });
    const planned = await planSessionAs(
      dependencies,
      viewer.account,
      {
        mentor: mentor._id,
        startsAt: form.data.startsAt,
        place: form.data.tempat,
        topic: form.data.topik,
        participants: form.data.peserta,
      },
      { from: fromOf(request), via: 'session', now: dependencies.clock(), page: ACTING_PAGE },
    );
    if (!planned.ok) {
      return drawForm(request, response, viewer, {
        values: form.values,
        errors: refusalMessages(t, planned),
        status: planned.status,
      });
    }
    setFlash(request, response, cookies, {
      kind: 'ok',
      text: t(
        `Sesi direncanakan. Undangan dan pengingat untuk ${new Set(form.data.peserta).size} peserta masuk antrean (${planned.invited} pesan).`,
        `Session planned. Invitations and reminders for ${new Set(form.data.peserta).size} participants are queued (${planned.invited} messages).`,
      ),
    });
    response.redirect(303, '/dashboard/sesi');
  }

  /** A session that can still be changed: in scope, planned and not yet begun. */
  async function changeable(request: Request, response: Response, viewer: Viewer) {
    if (!sessionScopeOf(viewer.account)) {
      refuseStaff(response, viewer);
      return undefined;
    }
    const session = await sessionInScope(models, viewer.account, request.params.id);
    if (!session) {
      refuseMissing(response, viewer);
      return undefined;
    }
    if (session.status !== 'planned' || session.startsAt <= dependencies.clock()) {
      const t = translator(viewer.language);
      refuse(
        response,
        409,
        t('Tidak bisa diubah', 'Cannot be changed'),
        t(
          'Sesi ini sudah dimulai, sudah berlangsung atau dibatalkan, jadi tidak bisa diubah lagi.',
          'This session has begun, was held or was cancelled, so it can no longer be changed.',
        ),
        viewer,
      );
      return undefined;
    }
    return session;
  }

  async function editForm(request: Request, response: Response, viewer: Viewer) {
    const session = await changeable(request, response, viewer);
    if (!session) return;
    await drawForm(request, response, viewer, {
      session,
      values: {
        pendamping: '',
        ...dateAndTimeOf(session.startsAt, auth.timeZone),
        tempat: session.place,
        topik: session.topic,
        peserta: session.participants.map(String),
      },
    });
  }

  async function update(request: Request, response: Response, viewer: Viewer) {
    const session = await changeable(request, response, viewer);
    if (!session) return;
    const t = translator(viewer.language);
    const form = readForm((request.body ?? {}) as Record<string, unknown>, t);
    if (!form.data) {
      return drawForm(request, response, viewer, {
        session,
        values: form.values,
        errors: form.errors,
        status: 400,
      });
    }
    const back = '/dashboard/sesi';
    const invited = [...new Set(form.data.peserta)];
    const unchanged =
      form.data.startsAt.getTime() === session.startsAt.getTime() &&
      form.data.tempat === session.place &&
      form.data.topik === session.topic &&
      invited.length === session.participants.length &&
      session.participants.every((id) => invited.includes(String(id)));
    if (unchanged) {
      setFlash(request, response, cookies, {
        kind: 'ok',
        text: t('Tidak ada perubahan.', 'Nothing changed.'),
      });
      return response.redirect(303, back);
    }
    const revised = await reviseSessionAs(
      dependencies,
      viewer.account,
      session,
      {
        startsAt: form.data.startsAt,
        place: form.data.tempat,
        topic: form.data.topik,
        participants: invited,
      },
      { from: fromOf(request), via: 'session', now: dependencies.clock(), page: ACTING_PAGE },
    );
    if (!revised.ok) {
      return drawForm(request, response, viewer, {
        session,
        values: form.values,
        errors: refusalMessages(t, revised),
        status: revised.status,
      });
    }
    setFlash(request, response, cookies, {
      kind: 'ok',
      text: t(
        `Sesi diubah. Peserta diberi tahu (${revised.notices} pesan masuk antrean).`,
        `Session changed. Participants are told (${revised.notices} messages queued).`,
      ),
    });
    response.redirect(303, back);
  }

  async function cancel(request: Request, response: Response, viewer: Viewer) {
    const session = await changeable(request, response, viewer);
    if (!session) return;
    const t = translator(viewer.language);
    const form = cancelForm.safeParse(request.body ?? {});
    if (!form.success) {
      setFlash(request, response, cookies, {
        kind: 'error',
        text: t(
          'Alasan pembatalan: tulis paling sedikit 3 huruf.',
          'Reason for cancelling: write at least 3 characters.',
        ),
      });
      return response.redirect(303, `/dashboard/sesi/${String(session._id)}/ubah`);
    }
    const cancelled = await cancelSessionAs(
      dependencies,
      viewer.account,
      session._id,
      { from: fromOf(request), via: 'session', now: dependencies.clock(), page: ACTING_PAGE },
      form.data.alasan,
    );
    setFlash(request, response, cookies, {
      kind: 'ok',
      text: t(
        `Sesi dibatalkan. Peserta diberi tahu (${cancelled.notices} pesan).`,
        `Session cancelled. Participants are told (${cancelled.notices} messages).`,
      ),
    });
    response.redirect(303, '/dashboard/sesi');
  }

  return { newForm, create, editForm, update, cancel };
}
