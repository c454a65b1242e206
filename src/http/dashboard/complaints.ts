import { redactNik } from '../../log';
import type { Request, Response } from 'express';
import type { Types } from 'mongoose';
import { auditActorOf, recordAudit } from '../../auth';
import { gridFsMediaStore } from '../../db/media-store';
import type { Models } from '../../db/models';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '../../domain/complaints';
import { literalPattern } from '../../db/regex';
import { dayNumberOf } from '../../domain/calendar';
import { complaintCategoryName, offeredActions, type StaffActionKind } from '../../domain/complaints';
import { KNOWN_CATEGORIES } from '../../domain/complaints/categories';
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
import {
  INBOX_FIELD_EXAMPLES,
  inboxFilter,
  inboxPath,
  inboxQueryOf,
  searchesNumber,
  type InboxQuery,
} from './complaint-inbox-query';
import { setFlash, takeFlash } from './form-cookies';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { page, type Viewer, refuse } from './layout';
import { inboxOrder, slaBadge, slaBadgeOf } from './sla-badge';

type Words = { id: string; en: string };

const photoPath = (number: string, index: number) => `/dashboard/pengaduan/${number}/foto/${index}`;

/** Short words for a table cell; the complainant's longer ones are in the domain's messages. */
export const STATUS_LABELS: Record<ComplaintStatus, Words> = {
  unrouted: { id: 'menunggu Puskesos', en: 'waiting for a Puskesos' },
  new: { id: 'baru', en: 'new' },
  acknowledged: { id: 'diterima', en: 'acknowledged' },
  in_progress: { id: 'ditangani', en: 'in progress' },
  referred: { id: 'dirujuk', en: 'referred' },
  answered: { id: 'dijawab', en: 'answered' },
  closed: { id: 'ditutup', en: 'closed' },
  reopened: { id: 'dibuka kembali', en: 'reopened' },
};

const EVENT_LABELS: Record<string, Words> = {
  status: { id: 'status', en: 'status' },
  reply: { id: 'balasan petugas', en: 'staff reply' },
  message: { id: 'pesan pelapor', en: 'complainant’s message' },
  note: { id: 'catatan internal', en: 'internal note' },
  rating: { id: 'penilaian', en: 'rating' },
};

/** An inbox page; the next one starts after its last number. */
const INBOX_PAGE = 50;
/** Participants whose name matches a search, at most (a name that common needs another filter). */
const NAME_MATCH_LIMIT = 200;
/** The "Belum ada Puskesos" queue is read a page at a time, in the order the complaints came. */
const QUEUE_PAGE = 20;

const say = (t: Translate, words: Words) => t(words.id, words.en);
const notStaff = (t: Translate) =>
  t(
    'Halaman pengaduan hanya untuk petugas Puskesos dan admin Dinsos.',
    'The complaints pages are for Puskesos staff and Dinsos admins only.',
  );

/** The half of a bilingual refusal ("Indonesian / English") for the page's language. */
const halfOf = (t: Translate, message: string) => {
  const [indonesian = message, english = indonesian] = message.split(' / ');
  return t(indonesian, english);
};

const notAllowed = (t: Translate) => t('Tidak berhak', 'Not allowed');
const notFound = (t: Translate) => t('Tidak ditemukan', 'Not found');

/** A search by name looks the names up among the participants first (a second scan, only then). */
export async function participantsNamedIn(models: Models, query: InboxQuery): Promise<Types.ObjectId[]> {
  if (!query.cari || searchesNumber(query.cari)) return [];
  const named = await models.participants
    .find({ name: { $regex: literalPattern(query.cari), $options: 'i' } }, { _id: 1 })
    .limit(NAME_MATCH_LIMIT)
    .lean();
  return named.map((participant) => participant._id);
}

export function complaintPages(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const photos = gridFsMediaStore(models.complaints.db);
  const cookies = { security: auth.cookieSecurity };
  const whenIn = (viewer: Viewer) => (at: Date) => sessionTime(at, viewer.language, auth.timeZone);

  async function inbox(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const { language } = viewer;
    const scope = complaintScopeOf(viewer.account);
    if (!scope) return refuse(response, 403, notAllowed(t), notStaff(t), viewer);
    const parsed = inboxQueryOf({ ...request.query });
    if (!parsed.success) {
      const named = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))]
        .map((field) => (INBOX_FIELD_EXAMPLES[field] ? say(t, INBOX_FIELD_EXAMPLES[field]) : field))
        .join(', ');
      return refuse(
        response,
        400,
        t('Pilihan tidak dikenal', 'Unrecognised choice'),
        t(`Periksa pilihan: ${named}.`, `Please check: ${named}.`),
        viewer,
      );
    }
    const query = parsed.data;
    const now = dependencies.clock();
    const admin = !scope.puskesos;
    const namedParticipants = await participantsNamedIn(models, query);
    // One bounded read a page: newest first by number, 50 and one more to know a next page exists.
    const found = await models.complaints
      .find(inboxFilter(query, scope, { now, timeZone: auth.timeZone, namedParticipants }), {
        number: 1,
        status: 1,
        category: 1,
        desa: 1,
        puskesos: 1,
        participant: 1,
        assigneeName: 1,
        dueAt: 1,
        createdAt: 1,
      })
      .sort({ number: -1 })
      .limit(INBOX_PAGE + 1)
      .lean();
    const shown = found.slice(0, INBOX_PAGE);
    const nextKey = found.length > INBOX_PAGE ? shown.at(-1)?.number : undefined;
    const [units, staff, people] = await Promise.all([
      models.puskesos
        .find(admin ? {} : { _id: scope.puskesos }, { name: 1 })
        .sort({ name: 1 })
        .lean(),
      models.staff
        .find(admin ? { puskesos: { $exists: true } } : { puskesos: scope.puskesos }, { name: 1 })
        .sort({ name: 1 })
        .lean(),
      // The complainants' names, read by `_id`: at most the page's 50.
      models.participants
        .find(
          {
            _id: {
              $in: shown.flatMap((complaint) => (complaint.participant ? [complaint.participant] : [])),
            },
          },
          { name: 1 },
        )
        .lean(),
    ]);
    const puskesosNames = new Map(units.map((unit) => [String(unit._id), unit.name]));
    const names = new Map(people.map((person) => [String(person._id), person.name]));
    const waiting = admin && !query.sebelum ? await unroutedQueue(request, viewer) : '';
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'complaints.list',
        from: fromOf(request),
        details: {
          via: 'session',
          page: 'dashboard',
          count: shown.length,
          // Which choices, never the words searched for (they may name a person).
          filters: Object.keys(query).filter((key) => key !== 'antrean'),
        },
      },
      now,
    );
    const today = dayNumberOf(now, auth.timeZone);
    // Each page is the next 50 by number; within it, overdue first, as staff work them.
    const complaints = inboxOrder(
      shown.map((complaint) => ({ ...complaint, dueAt: complaint.dueAt ?? undefined })),
      now,
    );
    // Counted from `createdAt`, the service's clock when the complaint was made; never below zero.
    const daysOld = (days: number) => t(`${days} hari`, days === 1 ? '1 day' : `${days} days`);
    const rows = complaints.map(
      (complaint) =>
        html`<tr>
          <td><a href="/dashboard/pengaduan/${complaint.number}">${complaint.number}</a></td>
          <td class="optional">
            ${complaint.participant ? (names.get(String(complaint.participant)) ?? '—') : t('warga', 'resident')}
          </td>
          <td>${say(t, STATUS_LABELS[complaint.status])}</td>
          <td class="optional">${complaintCategoryName(complaint.category, language)}</td>

          <td class="optional">${complaint.desa}</td>
          ${
            admin
              ? html`<td>
                  ${
                    complaint.puskesos
                      ? (puskesosNames.get(String(complaint.puskesos)) ?? '—')
                      : t('belum ada', 'none yet')
                  }
                </td>`
              : ''
          }
          <td>${daysOld(Math.max(0, today - dayNumberOf(complaint.createdAt, auth.timeZone)))}</td>
          <td class="optional">${complaint.assigneeName ?? t('belum diambil', 'not taken yet')}</td>
          <td>${slaBadge(t, slaBadgeOf(complaint.dueAt, now))}</td>
        </tr>`,
    );
    const option = (value: string, label: string, chosen: string | undefined) =>
      html`<option value="${value}" ${value === (chosen ?? '') ? html`selected` : ''}>${label}</option>`;
    const { antrean: _queuePage, sebelum: _page, ...choices } = query;
    const filtered = Object.keys(choices).length > 0;
    const filters = html`<form class="filters card" method="get" action="/dashboard/pengaduan">
      <div class="search">
        <label for="cari">${t('Cari nomor, nama atau isi', 'Search number, name or text')}</label>
        <input
          type="search"
          id="cari"
          name="cari"
          value="${query.cari ?? ''}"
          maxlength="100"
          placeholder="${t('contoh: 000123, Siti, banjir', 'e.g. 000123, Siti, flood')}"
        />
      </div>
      <div>
        <label for="status">Status</label>
        <select id="status" name="status">
          ${option('terbuka', t('Belum ditutup', 'Not closed'), query.status ?? 'terbuka')}
          ${option('terlambat', t('Terlambat', 'Overdue'), query.status)}
          ${option('semua', t('Semua', 'All'), query.status)}
          ${COMPLAINT_STATUSES.filter((status) => admin || status !== 'unrouted').map((status) =>
            option(status, say(t, STATUS_LABELS[status]), query.status),
          )}
        </select>
      </div>
      <div>
        <label for="kategori">${t('Kategori', 'Category')}</label>
        <select id="kategori" name="kategori">
          ${option('', t('Semua', 'All'), query.kategori)}
          ${KNOWN_CATEGORIES.map((code) => option(code, complaintCategoryName(code, language), query.kategori))}
        </select>
      </div>
      ${
        admin
          ? html`<div>
              <label for="puskesos">Puskesos</label>
              <select id="puskesos" name="puskesos">
                ${option('', t('Semua', 'All'), query.puskesos)}
                ${units.map((unit) => option(String(unit._id), unit.name, query.puskesos))}
              </select>
            </div>`
          : ''
      }
      <div>
        <label for="petugas">${t('Petugas', 'Staff')}</label>
        <select id="petugas" name="petugas">
          ${option('', t('Semua', 'All'), query.petugas)}
          ${option('belum', t('Belum diambil', 'Not taken yet'), query.petugas)}
          ${staff.map((member) => option(String(member._id), member.name, query.petugas))}
        </select>
      </div>
      <div>
        <label for="dari">${t('Masuk dari', 'Received from')}</label>
        <input type="date" id="dari" name="dari" value="${query.dari ?? ''}" />
      </div>
      <div>
        <label for="sampai">${t('sampai', 'to')}</label>
        <input type="date" id="sampai" name="sampai" value="${query.sampai ?? ''}" />
      </div>
      <div class="buttons">
        <button type="submit">${t('Tampilkan', 'Show')}</button>
        ${filtered ? html`<a href="/dashboard/pengaduan">${t('Hapus pilihan', 'Clear')}</a>` : ''}
      </div>
    </form>`;
    // The file has the inbox's scope and choices, every page of them.
    const exportPath = (format: 'xlsx' | 'csv') =>
      `/dashboard/pengaduan/unduh?${new URLSearchParams({ ...choices, format }).toString()}`;
    const content = html`<h1>${t('Pengaduan', 'Complaints')}</h1>
      ${waiting} ${filters}
      <p>
        <a href="/dashboard/pengaduan/laporan"
          >${t('Laporan pengaduan per bulan', 'Monthly complaints report')}</a
        >
      </p>
      <p class="actions">
        <a class="button" href="${exportPath('xlsx')}" download>${t('Unduh Excel', 'Download Excel')}</a>
        <a class="button secondary" href="${exportPath('csv')}" download>${t('Unduh CSV', 'Download CSV')}</a>
      </p>
      ${
        complaints.length === 0
          ? html`<p class="empty">
              ${
                filtered || query.sebelum
                  ? t(
                      'Tidak ada pengaduan yang cocok dengan pilihan ini.',
                      'No complaints match these choices.',
                    )
                  : t('Tidak ada pengaduan yang belum ditutup.', 'No open complaints.')
              }
            </p>`
          : html`<p>
                ${t(
                  `${complaints.length} pengaduan di halaman ini, terbaru dulu (yang terlambat di atas).`,
                  `${complaints.length} ${complaints.length === 1 ? 'complaint' : 'complaints'} on this page, newest first (overdue at the top).`,
                )}
              </p>
              <table>
                <thead>
                  <tr>
                    <th>${t('Nomor', 'Number')}</th>
                    <th class="optional">${t('Pelapor', 'Complainant')}</th>
                    <th>Status</th>
                    <th class="optional">${t('Kategori', 'Category')}</th>
                    <th class="optional">${t('Desa', 'Village')}</th>
                    ${admin ? html`<th>Puskesos</th>` : ''}
                    <th>${t('Umur', 'Age')}</th>
                    <th class="optional">${t('Petugas', 'Staff')}</th>
                    <th>${t('Batas waktu', 'Deadline')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows}
                </tbody>
              </table>`
      }
      <nav class="pager" aria-label="${t('Halaman pengaduan', 'Complaint pages')}">
        ${query.sebelum ? html`<a href="${inboxPath(choices)}">${t('« Terbaru', '« Newest')}</a>` : ''}
        ${
          nextKey
            ? html`<a rel="next" href="${inboxPath({ ...choices, sebelum: nextKey })}"
                >${t('Berikutnya »', 'Next »')}</a
              >`
            : ''
        }
      </nav>`;
    response.send(
      String(page(t('Pengaduan', 'Complaints'), content, viewer, takeFlash(request, response, cookies))),
    );
  }

  /**
   * The admin's "Belum ada Puskesos" queue: complaints from a desa no Puskesos serves, oldest first, a
   * page at a time after the number in `?antrean` (read from the small queue, not from every complaint).
   */
  async function unroutedQueue(request: Request, viewer: Viewer): Promise<SafeHtml> {
    const t = translator(viewer.language);
    const { language } = viewer;
    const after = inboxQueryOf({ ...request.query }).data?.antrean;
    const [entries, total] = await Promise.all([
      models.unroutedComplaints
        .find(after ? { _id: { $gt: after } } : {})
        .sort({ _id: 1 })
        .limit(QUEUE_PAGE + 1)
        .lean(),
      models.unroutedComplaints.countDocuments(),
    ]);
    const shown = entries.slice(0, QUEUE_PAGE);
    const next = entries.length > QUEUE_PAGE ? shown.at(-1)?._id : undefined;
    return html`<section class="card" id="belum-ada-puskesos">
      <h2>${t('Belum ada Puskesos', 'No Puskesos yet')} (${total})</h2>
      ${
        total === 0
          ? html`<p>${t('Semua pengaduan sudah punya Puskesos.', 'Every complaint has a Puskesos.')}</p>`
          : html`<p>
                ${t(
                  'Desa pelapor belum dilayani Puskesos mana pun. Buka pengaduannya lalu teruskan ke Puskesos.',
                  'No Puskesos serves the complainant’s village. Open the complaint and pass it to a Puskesos.',
                )}
              </p>
              <table>
                <thead>
                  <tr>
                    <th>${t('Nomor', 'Number')}</th>
                    <th>${t('Desa', 'Village')}</th>
                    <th class="optional">${t('Kecamatan', 'District')}</th>
                    <th class="optional">${t('Kategori', 'Category')}</th>
                    <th>${t('Masuk', 'Received')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${shown.map(
                    (entry) =>
                      html`<tr>
                        <td><a href="/dashboard/pengaduan/${entry._id}">${entry._id}</a></td>
                        <td>${entry.desa}</td>
                        <td class="optional">${entry.kecamatan ?? '—'}</td>
                        <td class="optional">${complaintCategoryName(entry.category, language)}</td>
                        <td>${sessionTime(entry.createdAt, language, auth.timeZone)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              <nav class="pager" aria-label="${t('Halaman antrean', 'Queue pages')}">
                ${after ? html`<a href="/dashboard/pengaduan">${t('« Awal', '« First')}</a>` : ''}
                ${
                  next
                    ? html`<a rel="next" href="/dashboard/pengaduan?antrean=${next}"
                        >${t('Berikutnya »', 'Next »')}</a
                      >`
                    : ''
                }
              </nav>`
      }
    </section>`;
  }

  /** The complaint the address names, when the viewer may see it; otherwise refused, undefined. */
  async function complaintInScope(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const scope = complaintScopeOf(viewer.account);
    if (!scope) return refuse(response, 403, notAllowed(t), notStaff(t), viewer);
    const number = complaintNumber.safeParse(request.params.number);
    const complaint = number.success ? await models.complaints.findOne({ number: number.data }).lean() : null;
    if (!complaint) {
      return refuse(
        response,
        404,
        notFound(t),
        t('Pengaduan ini tidak ditemukan.', 'No such complaint.'),
        viewer,
      );
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
                  (unit) =>
                    html`<option value="${String(unit._id)}">${unit.name} (${unit.kecamatan})</option>`,
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

  async function detail(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const when = whenIn(viewer);
    const complaint = await complaintInScope(request, response, viewer);
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
          <dd>
            ${
              complaint.photos.length === 0
                ? '—'
                : html`<span class="photos"
                    >${complaint.photos.map(
                      (_photo, index) =>
                        html`<a href="${photoPath(complaint.number, index)}"
                          ><img
                            src="${photoPath(complaint.number, index)}"
                            alt="${t('Foto', 'Photo')} ${index + 1}"
                            loading="lazy"
                        /></a>`,
                    )}</span
                  >`
            }
          </dd>
        </dl>
        <h2>${t('Isi pengaduan', 'The complaint')}</h2>
        <p class="text">${redactNik(complaint.text)}</p>
      </div>
      <h2>${t('Riwayat', 'History')}</h2>
      <ol class="thread">
        ${thread}
      </ol>
      <h2>${t('Tindakan', 'Actions')}</h2>
      <div class="card">${await actionForms(complaint, viewer, form)}</div>
      <p>
        <a href="/dashboard/pengaduan">${t('Kembali ke daftar pengaduan', 'Back to the complaints')}</a>
      </p>`;
    response.send(String(page(complaint.number, content, viewer, takeFlash(request, response, cookies))));
  }

  /**
   * A photo sent with the complaint, for those who may see the complaint: read from GridFS, never
   * cached by the browser or a proxy, and only ever served as the image it was stored as.
   */
  async function photo(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const complaint = await complaintInScope(request, response, viewer);
    if (!complaint) return;
    const index = Number(request.params.index);
    const mediaId = Number.isInteger(index) ? complaint.photos[index] : undefined;
    const stored = mediaId ? await photos.read(mediaId) : undefined;
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
  async function act(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const number = complaintNumber.safeParse(request.params.number);
    if (!number.success) {
      return refuse(
        response,
        404,
        notFound(t),
        t('Pengaduan ini tidak ditemukan.', 'No such complaint.'),
        viewer,
      );
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

  return { inbox, detail, photo, act };
}
