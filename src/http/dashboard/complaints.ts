import type { Request, Response } from 'express';
import { auditActorOf, recordAudit } from '../../auth';
import type { ComplaintStatus } from '../../db/models/complaint';
import { dayNumberOf } from '../../domain/calendar';
import { maskPhone } from '../../domain/identity';
import { sessionTime } from '../../domain/sessions/messages';
import type { ApiDependencies } from '../api/v1/dependencies';
import { complaintScopeOf } from '../api/v1/scope';
import { actOnComplaintAsStaff, complaintActionBody, complaintNumber, refusalOf } from '../complaint-actions';
import { setFlash, takeFlash } from './form-cookies';
import { html, type SafeHtml } from './html';
import { page, refusalPage, type Viewer } from './layout';
import { inboxOrder, slaBadgeOf, type SlaBadge } from './sla-badge';

/** Short words for a table cell; the complainant's longer ones are in the domain's messages. */
const STATUS_LABELS: Record<ComplaintStatus, string> = {
  new: 'baru',
  acknowledged: 'diterima',
  in_progress: 'ditangani',
  referred: 'dirujuk',
  answered: 'dijawab',
  closed: 'ditutup',
  reopened: 'dibuka kembali',
};

const BADGE_LABELS: Record<SlaBadge, string> = {
  terlambat: 'terlambat',
  hampir: 'hampir',
  aman: 'aman',
  selesai: '—',
};

const EVENT_LABELS: Record<string, string> = {
  status: 'status',
  reply: 'balasan petugas',
  message: 'pesan pelapor',
  note: 'catatan internal',
  rating: 'penilaian',
};

const INBOX_LIMIT = 500;
const NOT_STAFF = 'Halaman pengaduan hanya untuk petugas Puskesos dan admin Dinsos.';

const badge = (kind: SlaBadge) => html`<span class="badge ${kind}">${BADGE_LABELS[kind]}</span>`;
const fromOf = (request: Request) => request.ip ?? request.socket.remoteAddress ?? 'unknown';

/** The Indonesian half of a bilingual refusal ("... / ..."), for an Indonesian page. */
const indonesian = (message: string) => message.split(' / ')[0] ?? message;

function refuse(response: Response, status: number, title: string, message: string, viewer: Viewer): void {
  response.status(status).send(String(refusalPage(title, message, viewer)));
}

export function complaintPages(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const cookies = { security: auth.cookieSecurity };
  const when = (at: Date) => sessionTime(at, 'id', auth.timeZone);

  async function inbox(request: Request, response: Response, viewer: Viewer) {
    const scope = complaintScopeOf(viewer.account);
    if (!scope) return refuse(response, 403, 'Tidak berhak', NOT_STAFF, viewer);
    const now = dependencies.clock();
    const withClosed = request.query.tampil === 'semua';
    const found = await models.complaints
      .find(
        { ...scope, ...(withClosed ? {} : { status: { $ne: 'closed' } }) },
        { number: 1, status: 1, category: 1, desa: 1, assigneeName: 1, dueAt: 1, createdAt: 1 },
      )
      .sort({ createdAt: -1 })
      .limit(INBOX_LIMIT)
      .lean();
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'complaints.list',
        from: fromOf(request),
        details: { via: 'session', page: 'dashboard', count: found.length },
      },
      now,
    );
    const today = dayNumberOf(now, auth.timeZone);
    const complaints = inboxOrder(
      found.map((complaint) => ({ ...complaint, dueAt: complaint.dueAt ?? undefined })),
      now,
    );
    const rows = complaints.map(
      (complaint) =>
        html`<tr>
          <td><a href="/dashboard/pengaduan/${complaint.number}">${complaint.number}</a></td>
          <td>${STATUS_LABELS[complaint.status]}</td>
          <td class="optional">${complaint.category}</td>
          <td class="optional">${complaint.desa}</td>
          <td>${today - dayNumberOf(complaint.createdAt, auth.timeZone)} hari</td>
          <td class="optional">${complaint.assigneeName ?? 'belum diambil'}</td>
          <td>${badge(slaBadgeOf(complaint.dueAt, now))}</td>
        </tr>`,
    );
    const overdue = complaints.filter((complaint) => slaBadgeOf(complaint.dueAt, now) === 'terlambat').length;
    const content = html`<h1>Pengaduan</h1>
      <p>
        ${complaints.length} pengaduan${withClosed ? '' : ' belum ditutup'}, ${overdue} terlambat.
        ${
          withClosed
            ? html`<a href="/dashboard/pengaduan">Sembunyikan yang ditutup</a>`
            : html`<a href="/dashboard/pengaduan?tampil=semua">Tampilkan juga yang ditutup</a>`
        }
      </p>
      ${
        complaints.length === 0
          ? html`<p>Tidak ada pengaduan.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>Nomor</th>
                  <th>Status</th>
                  <th class="optional">Kategori</th>
                  <th class="optional">Desa</th>
                  <th>Umur</th>
                  <th class="optional">Petugas</th>
                  <th>Batas waktu</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }`;
    response.send(String(page('Pengaduan', content, viewer, takeFlash(request, response, cookies))));
  }

  async function detail(request: Request, response: Response, viewer: Viewer) {
    const scope = complaintScopeOf(viewer.account);
    if (!scope) return refuse(response, 403, 'Tidak berhak', NOT_STAFF, viewer);
    const number = complaintNumber.safeParse(request.params.number);
    const complaint = number.success ? await models.complaints.findOne({ number: number.data }).lean() : null;
    if (!complaint) {
      return refuse(response, 404, 'Tidak ditemukan', 'Pengaduan ini tidak ditemukan.', viewer);
    }
    if (scope.puskesos && !scope.puskesos.equals(complaint.puskesos)) {
      return refuse(response, 403, 'Tidak berhak', 'Pengaduan ini milik Puskesos lain.', viewer);
    }
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
    const thread = complaint.events.map(
      (event) =>
        html`<li class="${event.kind}">
          <div class="meta">
            ${when(event.at)} ·
            ${EVENT_LABELS[event.kind] ?? event.kind}${event.byName ? html` · ${event.byName}` : ''}${event.to ? html` · ${event.from ? `${STATUS_LABELS[event.from]} → ` : ''}${STATUS_LABELS[event.to]}` : ''}
          </div>
          ${event.text ? html`<div class="text">${event.text}</div>` : ''}
        </li>`,
    );
    const form = (action: string, fields: SafeHtml | string, button: string, secondary = false) =>
      html`<form class="action" method="post" action="/dashboard/pengaduan/${complaint.number}/aksi">
        <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
        <input type="hidden" name="action" value="${action}" />
        ${fields}
        <button type="submit" ${secondary ? html` class="secondary"` : ''}>${button}</button>
      </form>`;
    const content = html`<h1>${complaint.number} ${badge(sla)}</h1>
      <div class="card">
        <dl>
          <dt>Status</dt>
          <dd>
            ${STATUS_LABELS[complaint.status]}${complaint.referredTo ? ` (${complaint.referredTo})` : ''}
          </dd>
          <dt>Puskesos</dt>
          <dd>${puskesos?.name ?? '—'}</dd>
          <dt>Kategori</dt>
          <dd>${complaint.category}</dd>
          <dt>Desa</dt>
          <dd>${complaint.desa}</dd>
          <dt>Pelapor</dt>
          <dd>${participant?.name ?? 'bukan peserta'}${phone ? ` · ${maskPhone(phone)}` : ''}</dd>
          <dt>Petugas</dt>
          <dd>${complaint.assigneeName ?? 'belum diambil'}</dd>
          <dt>Masuk</dt>
          <dd>${when(complaint.createdAt)}</dd>
          <dt>Batas waktu</dt>
          <dd>${complaint.dueAt ? when(complaint.dueAt) : '—'}</dd>
          ${
            complaint.rating
              ? html`<dt>Penilaian</dt>
                  <dd>
                    ${complaint.rating.score ?? '—'} /
                    5${complaint.rating.solved === false ? ', belum selesai' : ''}
                  </dd>`
              : ''
          }
          <dt>Foto</dt>
          <dd>${complaint.photos.length}</dd>
        </dl>
        <h2>Isi pengaduan</h2>
        <p class="text">${complaint.text}</p>
      </div>
      <h2>Riwayat</h2>
      <ol class="thread">
        ${thread}
      </ol>
      <h2>Tindakan</h2>
      <div class="card">
        ${form(
          'reply',
          html`<label for="reply-text">Balasan ke pelapor</label
            ><textarea id="reply-text" name="text" required maxlength="4000"></textarea>`,
          'Kirim balasan',
        )}
        <div class="actions">
          ${form('take', '', 'Ambil', true)}
          ${form(
            'refer',
            html`<label for="refer-service">Rujuk ke layanan</label
              ><input type="text" id="refer-service" name="service" required maxlength="100" />`,
            'Rujuk',
            true,
          )}
          ${form(
            'answer',
            html`<label for="answer-text">Jawaban (boleh kosong)</label
              ><input type="text" id="answer-text" name="text" maxlength="4000" />`,
            'Selesai',
            true,
          )}
          ${form(
            'close',
            html`<label for="close-text">Catatan penutupan (boleh kosong)</label
              ><input type="text" id="close-text" name="text" maxlength="4000" />`,
            'Tutup',
            true,
          )}
          ${complaint.status === 'closed' || complaint.status === 'answered' ? form('reopen', '', 'Buka kembali', true) : ''}
        </div>
        ${form(
          'note',
          html`<label for="note-text">Catatan internal (tidak dikirim ke pelapor)</label
            ><textarea id="note-text" name="text" required maxlength="4000"></textarea>`,
          'Simpan catatan',
          true,
        )}
      </div>
      <p><a href="/dashboard/pengaduan">Kembali ke daftar pengaduan</a></p>`;
    response.send(String(page(complaint.number, content, viewer, takeFlash(request, response, cookies))));
  }

  /** A form's action: the API's own path, then back to the complaint with what happened (PRG). */
  async function act(request: Request, response: Response, viewer: Viewer) {
    const number = complaintNumber.safeParse(request.params.number);
    if (!number.success) {
      return refuse(response, 404, 'Tidak ditemukan', 'Pengaduan ini tidak ditemukan.', viewer);
    }
    const back = `/dashboard/pengaduan/${number.data}`;
    if (viewer.account.kind !== 'staff' || !complaintScopeOf(viewer.account)) {
      return refuse(response, 403, 'Tidak berhak', NOT_STAFF, viewer);
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
          ? 'Tulis nama layanan rujukan.'
          : missing.includes('text')
            ? 'Tulis teksnya dulu.'
            : 'Tindakan tidak dikenal.',
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
      outcome.ok
        ? { kind: 'ok', text: outcome.announcement }
        : { kind: 'error', text: indonesian(refusalOf(outcome).message) },
    );
    response.redirect(303, back);
  }

  return { inbox, detail, act };
}
