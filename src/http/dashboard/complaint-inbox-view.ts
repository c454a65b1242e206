import { complaintCategoryName } from '../../domain/complaints';
import { KNOWN_CATEGORIES } from '../../domain/complaints/categories';
import type { ComplaintIndexEntry } from '../../domain/complaints/complaint-index';
import { COMPLAINT_STATUSES } from '../../domain/complaints';
import { dayNumberOf } from '../../domain/calendar';
import { sessionTime } from '../../domain/sessions/messages';
import { inboxPath, type InboxQuery } from './complaint-inbox-query';
import { say, STATUS_LABELS } from './complaint-words';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';
import { slaBadge, slaBadgeOf } from './sla-badge';

/** The "Belum ada Puskesos" queue's page, for the Dinsos admin on the inbox's first page. */
export interface UnroutedQueue {
  entries: { _id: string; desa: string; kecamatan?: string | undefined; category: string; createdAt: Date }[];
  total: number;
  after: string | undefined;
  next: string | undefined;
}

/** What an inbox page shows: its complaints' list entries, the form's choices, the queue. */
export interface InboxModel {
  query: InboxQuery;
  admin: boolean;
  now: Date;
  timeZone: string;
  complaints: ComplaintIndexEntry[];
  nextKey: string | undefined;
  units: { id: string; name: string }[];
  staff: { id: string; name: string }[];
  queue: UnroutedQueue | undefined;
}

const option = (value: string, label: string, chosen: string | undefined) =>
  html`<option value="${value}" ${value === (chosen ?? '') ? html`selected` : ''}>${label}</option>`;

/** The inbox's choices as a form that sends them in the address. */
function inboxFilters(model: InboxModel, t: Translate, viewer: Viewer, filtered: boolean): SafeHtml {
  const { query, admin, units, staff } = model;
  const { language } = viewer;
  return html`<form class="filters card" method="get" action="/dashboard/pengaduan">
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
              ${units.map((unit) => option(unit.id, unit.name, query.puskesos))}
            </select>
          </div>`
        : ''
    }
    <div>
      <label for="petugas">${t('Petugas', 'Staff')}</label>
      <select id="petugas" name="petugas">
        ${option('', t('Semua', 'All'), query.petugas)}
        ${option('belum', t('Belum diambil', 'Not taken yet'), query.petugas)}
        ${staff.map((member) => option(member.id, member.name, query.petugas))}
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
}

/** The page's complaints as table rows: the complainant's name as their record shows it. */
function inboxRows(model: InboxModel, t: Translate, viewer: Viewer): SafeHtml[] {
  const { admin, now, timeZone } = model;
  const { language } = viewer;
  const puskesosNames = new Map(model.units.map((unit) => [unit.id, unit.name]));
  const today = dayNumberOf(now, timeZone);
  // Counted from `createdAt`, the service's clock when the complaint was made; never below zero.
  const daysOld = (days: number) => t(`${days} hari`, days === 1 ? '1 day' : `${days} days`);
  return model.complaints.map(
    (complaint) =>
      html`<tr>
        <td><a href="/dashboard/pengaduan/${complaint.number}">${complaint.number}</a></td>
        <td class="optional">
          ${complaint.participant ? (complaint.complainant ?? '—') : t('warga', 'resident')}
        </td>
        <td>${say(t, STATUS_LABELS[complaint.status])}</td>
        <td class="optional">${complaintCategoryName(complaint.category, language)}</td>

        <td class="optional">${complaint.desa}</td>
        ${
          admin
            ? html`<td>
                ${
                  complaint.puskesos
                    ? (puskesosNames.get(complaint.puskesos) ?? '—')
                    : t('belum ada', 'none yet')
                }
              </td>`
            : ''
        }
        <td>${daysOld(Math.max(0, today - dayNumberOf(complaint.createdAt, timeZone)))}</td>
        <td class="optional">${complaint.assigneeName ?? t('belum diambil', 'not taken yet')}</td>
        <td>${slaBadge(t, slaBadgeOf(complaint.dueAt, now))}</td>
      </tr>`,
  );
}

/** The admin's queue of complaints no Puskesos serves, oldest first. */
function unroutedQueueView(queue: UnroutedQueue, t: Translate, viewer: Viewer, timeZone: string): SafeHtml {
  const { language } = viewer;
  const { total, after, next } = queue;
  const shown = queue.entries;
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
                      <td>${sessionTime(entry.createdAt, language, timeZone)}</td>
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

/** Pure: an inbox page from its model, in the viewer's language. */
export function inboxView(model: InboxModel, t: Translate, viewer: Viewer): SafeHtml {
  const { query, nextKey, complaints, admin } = model;
  const { antrean: _queuePage, sebelum: _page, ...choices } = query;
  const filtered = Object.keys(choices).length > 0;
  const filters = inboxFilters(model, t, viewer, filtered);
  const rows = inboxRows(model, t, viewer);
  const waiting = model.queue ? unroutedQueueView(model.queue, t, viewer, model.timeZone) : '';
  // The file has the inbox's scope and choices, every page of them.
  const exportPath = (format: 'xlsx' | 'csv') =>
    `/dashboard/pengaduan/unduh?${new URLSearchParams({ ...choices, format }).toString()}`;
  return html`<h1>${t('Pengaduan', 'Complaints')}</h1>
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
}
