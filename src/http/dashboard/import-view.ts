import {
  mentorColumns,
  participantColumns,
  puskesosColumns,
  staffColumns,
  type ColumnSet,
} from '../../domain/imports/columns';
import { IMPORT_KINDS, type ImportKind, type ImportReport } from '../../imports';
import { html, type SafeHtml } from './html';
import type { PageLanguage, Translate } from './language';
import type { Viewer } from './layout';

export const IMPORT_PATH = '/dashboard/impor';

/** The importer's own column definitions, so the page explains exactly what the importer checks. */
export const COLUMNS_OF = {
  participants: participantColumns,
  mentors: mentorColumns,
  staff: staffColumns,
  puskesos: puskesosColumns,
} satisfies Record<ImportKind, ColumnSet<string>>;

const KIND_LABELS: Record<ImportKind, { id: string; en: string }> = {
  participants: { id: 'Peserta (KPM)', en: 'Participants' },
  mentors: { id: 'Pendamping (MiBi dan TKSK)', en: 'Mentors (MiBi and TKSK)' },
  staff: { id: 'Petugas Puskesos dan Dinsos', en: 'Puskesos and Dinsos staff' },
  puskesos: { id: 'Puskesos', en: 'Puskesos units' },
};

/** A long report is cut on the page; the counts above it still cover every row. */
const PROBLEMS_SHOWN = 500;

/**
 * Why nothing was imported: the service has no NIK key, the form named no kind or sent no file, the
 * file is over the limit, or the importer could not read it (its reason, naming the file).
 */
export type ImportProblem =
  { reason: 'no_key' | 'no_kind' | 'no_file' | 'too_large' } | { reason: 'unreadable'; detail: string };

/** The problem in words, naming the file where there is one. */
function problemText(problem: ImportProblem, file: string, t: Translate): string {
  switch (problem.reason) {
    case 'no_key':
      return t(
        'Impor belum bisa dipakai: kunci enkripsi NIK tidak dimuat oleh layanan.',
        'Import is not available: the service has not loaded the NIK encryption key.',
      );
    case 'no_kind':
      return t('Pilih jenis data yang diimpor.', 'Choose the kind of data to import.');
    case 'no_file':
      return t('Pilih file yang diimpor (.xlsx atau .csv).', 'Choose the file to import (.xlsx or .csv).');
    case 'too_large':
      return t(
        `File "${file}" lebih dari 5 MB dan tidak dibaca. Bagi menjadi beberapa file lalu impor satu per satu.`,
        `The file "${file}" is larger than 5 MB and was not read. Split it into several files and import them one by one.`,
      );
    case 'unreadable':
      return t(
        `File tidak bisa diimpor, tidak ada yang disimpan. ${problem.detail}`,
        `The file cannot be imported; nothing was stored. ${problem.detail}`,
      );
  }
}

/** The import page: the form (with the kind chosen kept), and what the last upload came to. */
export interface ImportModel {
  kind?: ImportKind | undefined;
  /** What was wrong with the form or the file; nothing was stored. */
  problem?: ImportProblem | undefined;
  report?: ImportReport | undefined;
  /** The uploaded file's name, as the report names it. */
  file?: string | undefined;
}

function columnGuide(t: Translate): SafeHtml {
  return html`${IMPORT_KINDS.map((kind) => {
    const columns = Object.entries(COLUMNS_OF[kind]);
    return html`<details class="import-kind">
      <summary>${t(KIND_LABELS[kind].id, KIND_LABELS[kind].en)} (${kind})</summary>
      <table>
        <thead>
          <tr>
            <th>${t('Kolom', 'Column')}</th>
            <th>${t('Wajib', 'Required')}</th>
            <th class="optional">${t('Judul lain yang diterima', 'Other headings accepted')}</th>
          </tr>
        </thead>
        <tbody>
          ${columns.map(
            ([column, spec]) =>
              html`<tr>
                <td><code>${column}</code></td>
                <td>${spec.required ? t('wajib', 'required') : t('boleh kosong', 'optional')}</td>
                <td class="optional">${spec.aliases.join(', ')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p>
        <a href="${IMPORT_PATH}/templat/${kind}" download
          >${t('Unduh templat CSV', 'Download a CSV template')} (${kind})</a
        >
      </p>
    </details>`;
  })}`;
}

function reportSection(report: ImportReport, file: string, t: Translate, language: PageLanguage): SafeHtml {
  const shown = report.problems.slice(0, PROBLEMS_SHOWN);
  return html`<section class="import-report card" aria-labelledby="import-report-title">
    <h2 id="import-report-title">${t('Hasil impor', 'Import result')}: ${file}</h2>
    <p class="import-counts">
      ${t(
        `${report.rows} baris dibaca: ${report.created} baru, ${report.updated} diubah, ${report.unchanged} tetap, ${report.rejected} ditolak.`,
        `${report.rows} rows read: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} refused.`,
      )}
    </p>
    <dl>
      <dt>${t('Baru', 'Created')}</dt>
      <dd id="count-created">${report.created}</dd>
      <dt>${t('Diubah', 'Updated')}</dt>
      <dd id="count-updated">${report.updated}</dd>
      <dt>${t('Tetap', 'Unchanged')}</dt>
      <dd id="count-unchanged">${report.unchanged}</dd>
      <dt>${t('Ditolak', 'Refused')}</dt>
      <dd id="count-rejected">${report.rejected}</dd>
    </dl>
    ${
      report.ignoredColumns.length > 0
        ? html`<p>
            ${t('Kolom diabaikan (tidak dikenal)', 'Columns ignored (unknown)')}:
            ${report.ignoredColumns.join(', ')}
          </p>`
        : ''
    }
    ${
      report.problems.length === 0
        ? html`<p>${t('Tidak ada baris yang ditolak.', 'No row was refused.')}</p>`
        : html`<h3>${t('Baris yang ditolak (tidak disimpan)', 'Rows refused (not stored)')}</h3>
            ${
              language === 'en' ? html`<p class="meta">The importer gives its reasons in Indonesian.</p>` : ''
            }
            <table class="import-problems">
              <thead>
                <tr>
                  <th>${t('Baris', 'Row')}</th>
                  <th>${t('Kolom', 'Column')}</th>
                  <th>${t('Alasan', 'Reason')}</th>
                </tr>
              </thead>
              <tbody>
                ${shown.map(
                  (problem) =>
                    html`<tr>
                      <td>${problem.row}</td>
                      <td>${problem.column ?? '—'}</td>
                      <td>${problem.reason}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            ${
              report.problems.length > shown.length
                ? html`<p>
                    ${t(
                      `… dan ${report.problems.length - shown.length} masalah lagi. Perbaiki yang di atas lalu impor ulang.`,
                      `… and ${report.problems.length - shown.length} more problems. Fix the ones above and import again.`,
                    )}
                  </p>`
                : ''
            }`
    }
    ${
      report.warnings.length === 0
        ? ''
        : html`<h3>${t('Peringatan (baris tetap disimpan)', 'Warnings (the rows were stored)')}</h3>
            <table class="import-warnings">
              <thead>
                <tr>
                  <th>${t('Baris', 'Row')}</th>
                  <th>${t('Kolom', 'Column')}</th>
                  <th>${t('Catatan', 'Note')}</th>
                </tr>
              </thead>
              <tbody>
                ${report.warnings.slice(0, PROBLEMS_SHOWN).map(
                  (warning) =>
                    html`<tr>
                      <td>${warning.row}</td>
                      <td>${warning.column ?? '—'}</td>
                      <td>${warning.reason}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            ${
              report.warnings.length > PROBLEMS_SHOWN
                ? html`<p>
                    ${t(
                      `… dan ${report.warnings.length - PROBLEMS_SHOWN} peringatan lagi.`,
                      `… and ${report.warnings.length - PROBLEMS_SHOWN} more warnings.`,
                    )}
                  </p>`
                : ''
            }`
    }
  </section>`;
}

/** The form, the report of the upload just made (not kept), and how to fill in each kind of file. */
export function importView(model: ImportModel, t: Translate, viewer: Viewer): SafeHtml {
  return html`<h1>${t('Impor data', 'Import data')}</h1>
    ${
      model.problem
        ? html`<p class="flash error" role="alert">${problemText(model.problem, model.file ?? '', t)}</p>`
        : ''
    }
    ${model.report && model.file ? reportSection(model.report, model.file, t, viewer.language) : ''}
    <form class="card import-form" method="post" action="${IMPORT_PATH}" enctype="multipart/form-data">
      <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
      <label for="import-kind">${t('Jenis data', 'Kind of data')}</label>
      <select id="import-kind" name="kind" required>
        ${IMPORT_KINDS.map(
          (kind) =>
            html`<option value="${kind}" ${kind === model.kind ? html`selected` : ''}>
              ${t(KIND_LABELS[kind].id, KIND_LABELS[kind].en)}
            </option>`,
        )}
      </select>
      <label for="import-file"
        >${t('File (.xlsx atau .csv, paling besar 5 MB)', 'File (.xlsx or .csv, at most 5 MB)')}</label
      >
      <input type="file" id="import-file" name="file" accept=".xlsx,.csv" required />
      <p>
        <button type="submit">${t('Impor', 'Import')}</button>
      </p>
    </form>
    <h2>${t('Cara mengisi file', 'How to fill in the file')}</h2>
    <p>
      ${t(
        'Baris pertama berisi judul kolom; setiap baris berikutnya satu orang atau satu Puskesos. Baris yang salah ditolak dengan nomor baris, kolom dan alasannya; baris lain tetap disimpan. Data dicocokkan dengan nomor HP (Puskesos: namanya), jadi mengimpor file yang sama lagi aman: hasilnya "0 baru, 0 diubah, N tetap".',
        'The first row holds the column headings; each following row is one person or one Puskesos. A wrong row is refused with its row number, column and reason; the other rows are still stored. Records are matched by phone number (Puskesos: by name), so importing the same file again is safe: the result is "0 created, 0 updated, N unchanged".',
      )}
    </p>
    <p>
      ${t(
        'Urutan: impor Puskesos sebelum petugas, dan pendamping sebelum peserta (peserta menyebut pendampingnya dengan nomor HP).',
        'Order: import Puskesos before staff, and mentors before participants (a participant names their mentors by phone number).',
      )}
    </p>
    ${columnGuide(t)}`;
}
