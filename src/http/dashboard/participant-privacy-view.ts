import { ERASURE_LABELS, HELD_KINDS, type ErasureCounts, type PrivacyRequestsOf } from '../../domain/privacy';
import type { PrivacyOutcome } from '../../db/models/privacy-request';
import { privacyTexts } from '../../i18n/texts/privacy';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';
import { PARTICIPANTS_PATH } from './participants-common';

/** What the admin types to confirm an erasure: a checkbox is too easily ticked. */
export const CONFIRMATION = 'HAPUS';

export interface PrivacyPageModel {
  participant: { id: string; name: string; erased: boolean };
  requests: PrivacyRequestsOf;
  timeZone: string;
  /** The erasure form came back without HAPUS typed: nothing was asked. */
  unconfirmed: boolean;
}

/** Pure: the page from its model, each request's state (waiting, done with its counts) in its card. */
export function privacyView(model: PrivacyPageModel, t: Translate, viewer: Viewer): SafeHtml {
  const { participant } = model;
  const action = (name: string) => `${PARTICIPANTS_PATH}/${participant.id}/privasi/${name}`;
  return html`<h1>${t('Hak atas data pribadi', 'Personal data rights')}: ${participant.name}</h1>
    <p>
      ${t(
        'Sesuai UU PDP 27/2022, peserta berhak menerima salinan semua datanya dan meminta datanya dihapus.',
        'Under UU PDP 27/2022 a participant may receive a copy of all their data and ask for it to be erased.',
      )}
    </p>
    <form class="card" method="post" action="${action('ekspor')}">
      <h2>${t('Ekspor data', 'Export data')}</h2>
      <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
      <div class="field">
        <label for="field-format">${t('Bentuk berkas', 'File format')}</label>
        <select id="field-format" name="format">
          <option value="xlsx">Excel (.xlsx)</option>
          <option value="json">JSON</option>
        </select>
      </div>
      <div class="actions"><button type="submit">${t('Unduh', 'Download')}</button></div>
    </form>
    ${countCard(model, t, viewer, action('hitung'))} ${erasureCard(model, t, viewer, action('hapus'))}
    <p>
      <a href="${PARTICIPANTS_PATH}/${participant.id}"
        >${t('Kembali ke data peserta', 'Back to the participant')}</a
      >
    </p>`;
}

const waitingNote = (t: Translate) =>
  html`<p class="notice" role="status">
    ${t(
      'Sedang diproses. Muat ulang halaman ini sebentar lagi untuk melihat hasilnya.',
      'Being processed. Reload this page in a moment to see the outcome.',
    )}
  </p>`;

function countsTable(rows: [string, number][]): SafeHtml {
  return html`<table>
    <tbody>
      ${rows.map(
        ([label, count]) =>
          html`<tr>
            <td>${label}</td>
            <td class="number">${count}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const doneAt = (outcome: PrivacyOutcome, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(
    outcome.doneAt,
  );

/** How much is held about them, as last counted; a new count is a request. */
function countCard(model: PrivacyPageModel, t: Translate, viewer: Viewer, target: string): SafeHtml {
  const { waiting, done } = model.requests;
  const counted = done.count;
  const counts = (counted?.counts ?? {}) as Partial<Record<(typeof HELD_KINDS)[number], number>>;
  const rows = HELD_KINDS.flatMap((kind): [string, number][] => {
    const count = counts[kind];
    return count ? [[t(privacyTexts[kind].id, privacyTexts[kind].en), count]] : [];
  });
  return html`<form class="card" method="post" action="${target}">
    <h2>${t('Data yang disimpan', 'Data held')}</h2>
    ${
      counted
        ? html`<p>${t('Dihitung pada', 'Counted on')} ${doneAt(counted, model.timeZone)}:</p>
            ${rows.length ? countsTable(rows) : html`<p>${t('Tidak ada catatan.', 'No records.')}</p>`}`
        : ''
    }
    ${
      waiting.count
        ? waitingNote(t)
        : html`<input type="hidden" name="csrf" value="${viewer.csrfToken}" />
            <div class="actions">
              <button type="submit" class="secondary">
                ${t('Hitung data yang disimpan', 'Count the data held')}
              </button>
            </div>`
    }
  </form>`;
}

/** The erasure: under way, done (with what it changed), or the form confirmed by typing HAPUS. */
function erasureCard(model: PrivacyPageModel, t: Translate, viewer: Viewer, target: string): SafeHtml {
  const { waiting, done } = model.requests;
  const erased = done.erase;
  const changed = (erased?.counts ?? {}) as Partial<ErasureCounts>;
  const rows = (Object.keys(ERASURE_LABELS) as (keyof ErasureCounts)[]).flatMap(
    (field): [string, number][] =>
      changed[field] ? [[t(ERASURE_LABELS[field].id, ERASURE_LABELS[field].en), changed[field]]] : [],
  );
  const heading = html`<h2>${t('Hapus data pribadi', 'Erase personal data')}</h2>`;
  if (waiting.erase) return html`<div class="card">${heading} ${waitingNote(t)}</div>`;
  if (model.participant.erased) {
    return html`<div class="card">
      ${heading}
      <p>
        ${t('Data pribadi peserta ini sudah dihapus.', 'This participant’s personal data has been erased.')}
      </p>
      ${
        erased
          ? html`<p>${t('Dihapus pada', 'Erased on')} ${doneAt(erased, model.timeZone)}:</p>
              ${countsTable(rows)}`
          : ''
      }
    </div>`;
  }
  const problem = model.unconfirmed
    ? t(
        `Ketik ${CONFIRMATION} untuk menghapus; tidak ada yang dihapus.`,
        `Type ${CONFIRMATION} to erase; nothing was erased.`,
      )
    : undefined;
  return html`<form class="card" method="post" action="${target}">
    ${heading}
    <p>
      ${t(
        'Nama, nomor HP, NIK, akun chat dan semua teks percakapan dihapus. Laporan dan pengaduan tetap dihitung dalam angka program, tanpa nama dan teks. Tidak bisa dibatalkan.',
        'Name, phone, NIK, chat accounts and every conversation text are erased. Reports and complaints still count in the programme’s figures, without names or texts. This cannot be undone.',
      )}
    </p>
    <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
    <div class="field">
      <label for="field-confirm"
        >${t(`Ketik ${CONFIRMATION} untuk menghapus`, `Type ${CONFIRMATION} to erase`)}</label
      >
      <input
        type="text"
        id="field-confirm"
        name="confirm"
        autocomplete="off"
        ${problem ? html`aria-invalid="true" aria-describedby="error-confirm"` : ''}
      />
      ${problem ? html`<p class="field-error" id="error-confirm">${problem}</p>` : ''}
    </div>
    <div class="actions">
      <button type="submit">${t('Hapus data pribadi', 'Erase personal data')}</button>
    </div>
  </form>`;
}
