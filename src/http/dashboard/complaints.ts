import { redactNik } from '../../log';
import type { Request, Response } from 'express';
import type { Types } from 'mongoose';
import { auditActorOf, recordAudit } from '../../auth';
import { gridFsMediaStore } from '../../db/media-store';
import type { Models } from '../../db/models';
import type { ComplaintStatus } from '../../domain/complaints';
import { complaintCategoryName, offeredActions, type StaffActionKind } from '../../domain/complaints';
import { staffAnnouncement } from '../../domain/complaints/messages';
import { maskPhone } from '../../domain/identity';
import { sessionTime } from '../../domain/sessions/messages';
import type { ApiDependencies } from '../api/v1/dependencies';
import { complaintScopeOf } from '../../auth/scopes';
import {
  actOnComplaintAsStaff,
  complaintActionBody,
  complaintNumber,
  refusalOf,
} from '../actions/complaints';
import { fromOf } from '../request-from';
import { notAllowed, notStaff, say, STATUS_LABELS, type Words } from './complaint-words';
import { setFlash, takeFlash } from './form-cookies';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { page, type Viewer, refuse } from './layout';
import { slaBadge, slaBadgeOf } from './sla-badge';

const photoPath = (number: string, index: number) => `/dashboard/pengaduan/${number}/foto/${index}`;

const EVENT_LABELS: Record<string, Words> = {
  status: { id: 'status', en: 'status' },
  reply: { id: 'balasan petugas', en: 'staff reply' },
  message: { id: 'pesan pelapor', en: 'complainant’s message' },
  note: { id: 'catatan internal', en: 'internal note' },
  rating: { id: 'penilaian', en: 'rating' },
};

/** The half of a bilingual refusal ("Indonesian / English") for the page's language. */
const halfOf = (t: Translate, message: string) => {
  const [indonesian = message, english = indonesian] = message.split(' / ');
  return t(indonesian, english);
};

const notFound = (t: Translate) => t('Tidak ditemukan', 'Not found');

const noSuchComplaint = (response: Response, t: Translate, viewer: Viewer) =>
  refuse(response, 404, notFound(t), t('Pengaduan ini tidak ditemukan.', 'No such complaint.'), viewer);

/** The complaint's photos as small pictures, each a link to the whole one. */
function photoLinks(number: string, count: number, t: Translate): SafeHtml | string {
  if (count === 0) return '—';
  return html`<span class="photos"
    >${Array.from(
      { length: count },
      (_photo, index) =>
        html`<a href="${photoPath(number, index)}"
          ><img src="${photoPath(number, index)}" alt="${t('Foto', 'Photo')} ${index + 1}" loading="lazy"
        /></a>`,
    )}</span
  >`;
}

/** The complaint the address names, when the viewer may see it; otherwise refused, undefined. */
async function complaintInScope(models: Models, request: Request, response: Response, viewer: Viewer) {
  const t = translator(viewer.language);
  const scope = complaintScopeOf(viewer.account);
  if (!scope) return refuse(response, 403, notAllowed(t), notStaff(t), viewer);
  const number = complaintNumber.safeParse(request.params.number);
  const complaint = number.success ? await models.complaints.findOne({ number: number.data }).lean() : null;
  if (!complaint) {
    return noSuchComplaint(response, t, viewer);
  }
  if (scope.puskesos && !scope.puskesos.equals(complaint.puskesos)) {
    return refuse(
      response,
      403,
      notAllowed(t),
      t('Pengaduan ini milik Puskesos lain.', 'This complaint belongs to another Puskesos.'),
      viewer,
    );
  }
  return complaint;
}

/** The forms of the actions the complaint's status allows this viewer, and no others. */
async function actionForms(
  models: Models,
  complaint: {
    status: ComplaintStatus;
    assignee?: Types.ObjectId | null | undefined;
    assigneeName?: string | null | undefined;
  },
  viewer: Viewer,
  form: (action: StaffActionKind, fields: SafeHtml | string, button: string) => SafeHtml,
): Promise<SafeHtml | string> {
  const t = translator(viewer.language);
  const { account } = viewer;
  if (account.kind !== 'staff') return '';
  const offered = new Set(
    offeredActions(
      {
        status: complaint.status,
        assignee: complaint.assignee
          ? { id: String(complaint.assignee), name: complaint.assigneeName ?? '' }
          : undefined,
      },
      { kind: 'staff', id: account.id, name: account.name },
    ),
  );
  const offer = (action: StaffActionKind, forms: () => SafeHtml) => (offered.has(action) ? forms() : '');
  const units = offered.has('route')
    ? await models.puskesos.find({}, { name: 1, kecamatan: 1 }).sort({ name: 1 }).lean()
    : [];
  return html`${offer(
      'route',
      () =>
        html`${form(
          'route',
          html`<label for="route-puskesos">${t('Teruskan ke Puskesos', 'Pass to the Puskesos')}</label
            ><select id="route-puskesos" name="puskesos" required>
              <option value="">${t('— pilih —', '— choose —')}</option>
              ${units.map(
                (unit) => html`<option value="${String(unit._id)}">${unit.name} (${unit.kecamatan})</option>`,
              )}
            </select>`,
          t('Teruskan', 'Pass on'),
        )}`,
    )}
    ${offer(
      'reply',
      () =>
        html`${form(
          'reply',
          html`<label for="reply-text">${t('Balasan ke pelapor', 'Reply to the complainant')}</label
            ><textarea id="reply-text" name="text" required maxlength="4000"></textarea>`,
          t('Kirim balasan', 'Send the reply'),
        )}`,
    )}
    <div class="actions">
      ${offer('take', () => form('take', '', t('Ambil', 'Take')))}
      ${offer('refer', () =>
        form(
          'refer',
          html`<label for="refer-service">${t('Rujuk ke layanan', 'Refer to the service')}</label
            ><input type="text" id="refer-service" name="service" required maxlength="100" />`,
          t('Rujuk', 'Refer'),
        ),
      )}
      ${offer('answer', () =>
        form(
          'answer',
          html`<label for="answer-text">${t('Jawaban (boleh kosong)', 'Answer (may be empty)')}</label
            ><input type="text" id="answer-text" name="text" maxlength="4000" />`,
          t('Selesai', 'Done'),
        ),
      )}
      ${offer('close', () =>
        form(
          'close',
          html`<label for="close-text"
              >${t('Catatan penutupan (boleh kosong)', 'Closing note (may be empty)')}</label
            ><input type="text" id="close-text" name="text" maxlength="4000" />`,
          t('Tutup', 'Close'),
        ),
      )}
      ${offer('reopen', () => form('reopen', '', t('Buka kembali', 'Reopen')))}
    </div>
    ${offer('note', () =>
      form(
        'note',
        html`<label for="note-text"
            >${t(
              'Catatan internal (tidak dikirim ke pelapor)',
              'Internal note (not sent to the complainant)',
            )}</label
          ><textarea id="note-text" name="text" required maxlength="4000"></textarea>`,
        t('Simpan catatan', 'Save the note'),
      ),
    )}`;
}

async function detail(dependencies: ApiDependencies, request: Request, response: Response, viewer: Viewer) {
  const { models, auth } = dependencies;
  const t = translator(viewer.language);
  const when = (at: Date) => sessionTime(at, viewer.language, auth.timeZone);
  const complaint = await complaintInScope(models, request, response, viewer);
  if (!complaint) return;
  const now = dependencies.clock();
  const [puskesos, participant] = await Promise.all([
    models.puskesos.findById(complaint.puskesos, { name: 1 }).lean(),
    complaint.participant
      ? models.participants.findById(complaint.participant, { name: 1, phone: 1 }).lean()
      : null,
  ]);
  await recordAudit(
    models,
    {
      actor: auditActorOf(viewer.account),
      action: 'complaint.read',
      target: complaint.number,
      from: fromOf(request),
      details: { via: 'session', page: 'dashboard' },
    },
    now,
  );
  const phone = participant?.phone ?? complaint.complainantPhone;
  const sla = slaBadgeOf(complaint.dueAt ?? undefined, now);
  const statusOf = (status: ComplaintStatus) => say(t, STATUS_LABELS[status]);
  const eventLabel = (kind: string) => {
    const words = EVENT_LABELS[kind];
    return words ? say(t, words) : kind;
  };
  const thread = complaint.events.map(
    (event) =>
      html`<li class="${event.kind}">
        <div class="meta">
          ${when(event.at)} ·
          ${eventLabel(event.kind)}${event.byName ? html` · ${event.byName}` : ''}${event.to ? html` · ${event.from ? `${statusOf(event.from)} → ` : ''}${statusOf(event.to)}` : ''}
        </div>
        ${event.text ? html`<div class="text">${redactNik(event.text)}</div>` : ''}
      </li>`,
  );
  // The main actions (reply, pass on) stand out; the others are secondary buttons.
  const form = (action: StaffActionKind, fields: SafeHtml | string, button: string) =>
    html`<form class="action" method="post" action="/dashboard/pengaduan/${complaint.number}/aksi">
      <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
      <input type="hidden" name="action" value="${action}" />
      ${fields}
      <button type="submit" ${action === 'reply' || action === 'route' ? '' : html` class="secondary"`}>
        ${button}
      </button>
    </form>`;
  const content = html`<h1>${complaint.number} ${slaBadge(t, sla)}</h1>
    <div class="card">
      <dl>
        <dt>Status</dt>
        <dd>${statusOf(complaint.status)}${complaint.referredTo ? ` (${complaint.referredTo})` : ''}</dd>
        <dt>Puskesos</dt>
        <dd>${puskesos?.name ?? t('belum ada', 'none yet')}</dd>
        <dt>${t('Kategori', 'Category')}</dt>
        <dd>${complaintCategoryName(complaint.category, viewer.language)}</dd>
        <dt>${t('Desa', 'Village')}</dt>
        <dd>${complaint.desa}</dd>
        <dt>${t('Pelapor', 'Complainant')}</dt>
        <dd>
          ${participant?.name ?? t('bukan peserta', 'not a participant')}${phone ? ` · ${maskPhone(phone)}` : ''}
        </dd>
        <dt>${t('Petugas', 'Staff')}</dt>
        <dd>${complaint.assigneeName ?? t('belum diambil', 'not taken yet')}</dd>
        <dt>${t('Masuk', 'Received')}</dt>
        <dd>${when(complaint.createdAt)}</dd>
        <dt>${t('Batas waktu', 'Deadline')}</dt>
        <dd>${complaint.dueAt ? when(complaint.dueAt) : '—'}</dd>
        ${
          complaint.rating
            ? html`<dt>${t('Penilaian', 'Rating')}</dt>
                <dd>
                  ${complaint.rating.score ?? '—'} /
                  5${complaint.rating.solved === false ? t(', belum selesai', ', not solved') : ''}
                </dd>`
            : ''
        }
        <dt>${t('Foto', 'Photos')}</dt>
        <dd>${photoLinks(complaint.number, complaint.photos.length, t)}</dd>
      </dl>
      <h2>${t('Isi pengaduan', 'The complaint')}</h2>
      <p class="text">${redactNik(complaint.text)}</p>
    </div>
    <h2>${t('Riwayat', 'History')}</h2>
    <ol class="thread">
      ${thread}
    </ol>
    <h2>${t('Tindakan', 'Actions')}</h2>
    <div class="card">${await actionForms(models, complaint, viewer, form)}</div>
    <p>
      <a href="/dashboard/pengaduan">${t('Kembali ke daftar pengaduan', 'Back to the complaints')}</a>
    </p>`;
  const flash = takeFlash(request, response, { security: auth.cookieSecurity });
  response.send(String(page(complaint.number, content, viewer, flash)));
}

/**
 * A photo sent with the complaint, for those who may see the complaint: read from GridFS, never
 * cached by the browser or a proxy, and only ever served as the image it was stored as.
 */
async function photo(dependencies: ApiDependencies, request: Request, response: Response, viewer: Viewer) {
  const { models } = dependencies;
  const t = translator(viewer.language);
  const complaint = await complaintInScope(models, request, response, viewer);
  if (!complaint) return;
  const index = Number(request.params.index);
  const mediaId = Number.isInteger(index) ? complaint.photos[index] : undefined;
  const stored = mediaId ? await gridFsMediaStore(models.complaints.db).read(mediaId) : undefined;
  if (!stored || !/^image\/(jpeg|png|webp)$/.test(stored.contentType)) {
    return refuse(response, 404, notFound(t), t('Foto ini tidak ada.', 'No such photo.'), viewer);
  }
  await recordAudit(
    models,
    {
      actor: auditActorOf(viewer.account),
      action: 'complaint.photo',
      target: complaint.number,
      from: fromOf(request),
      details: { via: 'session', page: 'dashboard', photo: index },
    },
    dependencies.clock(),
  );
  response.setHeader('Cache-Control', 'private, no-store');
  response.type(stored.contentType).send(stored.bytes);
}

/** A form's action: the API's own path, then back to the complaint with what happened (PRG). */
async function act(dependencies: ApiDependencies, request: Request, response: Response, viewer: Viewer) {
  const t = translator(viewer.language);
  const cookies = { security: dependencies.auth.cookieSecurity };
  const number = complaintNumber.safeParse(request.params.number);
  if (!number.success) {
    return noSuchComplaint(response, t, viewer);
  }
  const back = `/dashboard/pengaduan/${number.data}`;
  if (viewer.account.kind !== 'staff' || !complaintScopeOf(viewer.account)) {
    return refuse(response, 403, notAllowed(t), notStaff(t), viewer);
  }
  // An empty optional field of a form means "not given", as an absent key does in the API.
  const fields = Object.fromEntries(
    Object.entries((request.body ?? {}) as Record<string, unknown>).filter(
      ([key, value]) => key !== 'csrf' && !(typeof value === 'string' && value.trim() === ''),
    ),
  );
  const body = complaintActionBody.safeParse(fields);
  if (!body.success) {
    const missing = body.error.issues.map((issue) => issue.path.join('.'));
    setFlash(request, response, cookies, {
      kind: 'error',
      text: missing.includes('service')
        ? t('Tulis nama layanan rujukan.', 'Write the name of the service referred to.')
        : missing.includes('puskesos')
          ? t('Pilih Puskesos tujuannya.', 'Choose the Puskesos to pass it to.')
          : missing.includes('text')
            ? t('Tulis teksnya dulu.', 'Write the text first.')
            : t('Tindakan tidak dikenal.', 'Unknown action.'),
    });
    return response.redirect(303, back);
  }
  const outcome = await actOnComplaintAsStaff(dependencies, viewer.account, number.data, body.data, {
    from: fromOf(request),
    via: 'session',
    now: dependencies.clock(),
  });
  setFlash(
    request,
    response,
    cookies,
    // What staff read in their chat group, said in the page's language.
    outcome.ok
      ? {
          kind: 'ok',
          text: outcome.events
            .map((event) => staffAnnouncement(outcome.number, event, viewer.language))
            .join('\n'),
        }
      : { kind: 'error', text: halfOf(t, refusalOf(outcome).message) },
  );
  response.redirect(303, back);
}

/**
 * A complaint's page, its photos and its actions' forms (the inbox is a declared page of its own,
 * src/http/dashboard/complaint-inbox.ts).
 */
export function complaintPages(dependencies: ApiDependencies) {
  return {
    detail: (request: Request, response: Response, viewer: Viewer) =>
      detail(dependencies, request, response, viewer),
    photo: (request: Request, response: Response, viewer: Viewer) =>
      photo(dependencies, request, response, viewer),
    act: (request: Request, response: Response, viewer: Viewer) =>
      act(dependencies, request, response, viewer),
  };
}
