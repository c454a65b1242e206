import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit } from '../../auth';
import {
  mentorColumns,
  participantColumns,
  puskesosColumns,
  staffColumns,
  type ColumnSet,
} from '../../domain/imports/columns';
import {
  importFile,
  IMPORT_KINDS,
  UnreadableFileError,
  type ImportKind,
  type ImportReport,
} from '../../imports';
import type { ApiDependencies } from '../api/v1/dependencies';
import { fromOf } from '../request-from';
import { html, type SafeHtml } from './html';
import { translator } from './language';
import { page, type Viewer, refuse } from './layout';
import { uploadOf } from './multipart';

/** An office's spreadsheet of a few thousand rows is far below this; a larger file is not a roster. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const IMPORT_PATH = '/dashboard/impor';

/** The importer's own column definitions, so the page explains exactly what the importer checks. */
const COLUMNS_OF = {
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

const importForm = z.strictObject({ csrf: z.string(), kind: z.enum(IMPORT_KINDS) });

const kindOf = (value: unknown): ImportKind | undefined => IMPORT_KINDS.find((kind) => kind === value);

interface Outcome {
  status: number;
  kind?: ImportKind | undefined;
  /** A message naming what was wrong with the form or the file; nothing was stored. */
  error?: string | undefined;
  report?: ImportReport | undefined;
  file?: string | undefined;
}

export function importPages(dependencies: ApiDependencies) {
  const { models } = dependencies;

  function refuseUnlessAdmin(response: Response, viewer: Viewer): boolean {
    if (isAdmin(viewer.account)) return false;
    const t = translator(viewer.language);
    refuse(
      response,
      403,
      t('Tidak berhak', 'Not allowed'),
      t('Impor data hanya untuk admin Dinsos.', 'Only Dinsos admins may import data.'),
      viewer,
    );
    return true;
  }

  function columnGuide(viewer: Viewer): SafeHtml {
    const t = translator(viewer.language);
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

  function reportSection(viewer: Viewer, report: ImportReport, file: string): SafeHtml {
    const t = translator(viewer.language);
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
                viewer.language === 'en'
                  ? html`<p class="meta">The importer gives its reasons in Indonesian.</p>`
                  : ''
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

  function render(response: Response, viewer: Viewer, outcome: Outcome): void {
    const t = translator(viewer.language);
    const chosen = outcome.kind;
    const content = html`<h1>${t('Impor data', 'Import data')}</h1>
      ${outcome.error ? html`<p class="flash error" role="alert">${outcome.error}</p>` : ''}
      ${outcome.report && outcome.file ? reportSection(viewer, outcome.report, outcome.file) : ''}
      <form class="card import-form" method="post" action="${IMPORT_PATH}" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
        <label for="import-kind">${t('Jenis data', 'Kind of data')}</label>
        <select id="import-kind" name="kind" required>
          ${IMPORT_KINDS.map(
            (kind) =>
              html`<option value="${kind}" ${kind === chosen ? html`selected` : ''}>
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
      ${columnGuide(viewer)}`;
    response.status(outcome.status).send(String(page(t('Impor data', 'Import data'), content, viewer)));
  }

  function show(_request: Request, response: Response, viewer: Viewer) {
    if (refuseUnlessAdmin(response, viewer)) return;
    render(response, viewer, { status: 200 });
  }

  /** A file with only the headings of one kind, in the importer's own column names. */
  function template(request: Request, response: Response, viewer: Viewer) {
    if (refuseUnlessAdmin(response, viewer)) return;
    const kind = kindOf(request.params.kind);
    if (!kind) {
      const t = translator(viewer.language);
      refuse(
        response,
        404,
        t('Tidak ditemukan', 'Not found'),
        t('Jenis data ini tidak ada.', 'No such kind of data.'),
        viewer,
      );
      return;
    }
    response
      .type('text/csv; charset=utf-8')
      .attachment(`templat-${kind}.csv`)
      .send(`${Object.keys(COLUMNS_OF[kind]).join(',')}\n`);
  }

  /**
   * Runs the importer on the uploaded file and shows its report in the answer itself: the report is
   * the result of this one upload and is not kept, and sending the form again is harmless because
   * the import is idempotent.
   */
  async function submit(request: Request, response: Response, viewer: Viewer) {
    if (refuseUnlessAdmin(response, viewer)) return;
    const t = translator(viewer.language);
    const chosen = kindOf((request.body as Record<string, unknown> | undefined)?.kind);
    const nikVault = dependencies.nikVault;
    if (!nikVault) {
      return render(response, viewer, {
        status: 503,
        kind: chosen,
        error: t(
          'Impor belum bisa dipakai: kunci enkripsi NIK tidak dimuat oleh layanan.',
          'Import is not available: the service has not loaded the NIK encryption key.',
        ),
      });
    }
    const form = importForm.safeParse(request.body);
    if (!form.success) {
      return render(response, viewer, {
        status: 400,
        kind: chosen,
        error: t('Pilih jenis data yang diimpor.', 'Choose the kind of data to import.'),
      });
    }
    const kind = form.data.kind;
    const upload = uploadOf(request);
    if (!upload || (upload.name === '' && upload.content.length === 0)) {
      return render(response, viewer, {
        status: 400,
        kind,
        error: t('Pilih file yang diimpor (.xlsx atau .csv).', 'Choose the file to import (.xlsx or .csv).'),
      });
    }
    const file = upload.name || 'tanpa-nama';
    if (upload.tooLarge) {
      return render(response, viewer, {
        status: 413,
        kind,
        error: t(
          `File "${file}" lebih dari 5 MB dan tidak dibaca. Bagi menjadi beberapa file lalu impor satu per satu.`,
          `The file "${file}" is larger than 5 MB and was not read. Split it into several files and import them one by one.`,
        ),
      });
    }

    const now = dependencies.clock();
    const audit = (details: Record<string, unknown>) =>
      recordAudit(
        models,
        {
          actor: auditActorOf(viewer.account),
          action: 'import',
          target: kind,
          from: fromOf(request),
          details: { via: 'session', page: 'dashboard', kind, file, ...details },
        },
        now,
      );
    // The importer reads from a path and judges the file by its extension, as the CLI does.
    const extension = extname(file).toLowerCase();
    const directory = await mkdtemp(join(tmpdir(), 'pendamping-impor-'));
    const path = join(directory, `upload${/^\.[a-z0-9]{1,8}$/.test(extension) ? extension : ''}`);
    try {
      await writeFile(path, upload.content);
      const report = await importFile(kind, path, { models, nikVault, today: now });
      await audit({
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
      });
      render(response, viewer, { status: 200, kind, report, file });
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      // The importer's messages start with the path it read; the person knows the file by its name.
      const reason = error.message.split(path).join(file);
      await audit({ error: reason });
      render(response, viewer, {
        status: 422,
        kind,
        error: t(
          `File tidak bisa diimpor, tidak ada yang disimpan. ${reason}`,
          `The file cannot be imported; nothing was stored. ${reason}`,
        ),
      });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }

  return { show, template, submit };
}
