import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import { importFile, IMPORT_KINDS, UnreadableFileError, type ImportKind } from '../../imports';
import type { ApiDependencies } from '../api/v1/dependencies';
import { COLUMNS_OF, importView, type ImportModel } from './import-view';
import type { UploadedFile } from './multipart';
import type { Translate } from './language';
import { declareAction, declarePage, refusal, send, show, type Page } from './page';

export { IMPORT_PATH } from './import-view';

/** An office's spreadsheet of a few thousand rows is far below this; a larger file is not a roster. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/**
 * The whole body of an import: a file somewhat over the limit is still read (and dropped) so that the
 * page can say it is too large; one far over it is refused as it comes.
 */
const MAX_IMPORT_BODY_BYTES = 2 * MAX_UPLOAD_BYTES;

const importForm = z.strictObject({ csrf: z.string(), kind: z.enum(IMPORT_KINDS) });

const kindOf = (value: unknown): ImportKind | undefined => IMPORT_KINDS.find((kind) => kind === value);

const refusesNonAdmin = (account: Account) =>
  isAdmin(account)
    ? undefined
    : refusal(
        403,
        (t) => t('Tidak berhak', 'Not allowed'),
        (t) => t('Impor data hanya untuk admin Dinsos.', 'Only Dinsos admins may import data.'),
      );

const importTitle = (_model: ImportModel, t: Translate) => t('Impor data', 'Import data');

/** The import page (GET), a template per kind, and the upload that runs the importer (POST). */
export function importPages(dependencies: ApiDependencies): Page[] {
  const form = declarePage<ImportModel>({
    method: 'get',
    path: '/impor',
    refuses: refusesNonAdmin,
    load: async () => show({}),
    title: importTitle,
    view: importView,
  });
  return [form, templateDownload(), importUpload(dependencies)];
}

/** GET /dashboard/impor/templat/{kind}: a file with only the headings of one kind, as the importer names them. */
function templateDownload(): Page {
  return declareAction({
    method: 'get',
    path: '/impor/templat/{kind}',
    params: z.object({ kind: z.string() }),
    refuses: refusesNonAdmin,
    load: async (_account, { params }) => {
      const kind = kindOf(params.kind);
      if (!kind) {
        return refusal(
          404,
          (t) => t('Tidak ditemukan', 'Not found'),
          (t) => t('Jenis data ini tidak ada.', 'No such kind of data.'),
        );
      }
      return send({
        type: 'text/csv; charset=utf-8',
        attachment: `templat-${kind}.csv`,
        body: `${Object.keys(COLUMNS_OF[kind]).join(',')}\n`,
      });
    },
  });
}

/**
 * POST /dashboard/impor: runs the importer on the uploaded file and shows its report in the answer
 * itself: the report is the result of this one upload and is not kept, and sending the form again is
 * harmless because the import is idempotent.
 */
function importUpload(dependencies: ApiDependencies): Page {
  const { models } = dependencies;
  return declarePage<ImportModel, undefined, undefined, z.ZodType<Record<string, unknown>>>({
    method: 'post',
    path: '/impor',
    // The form's fields, judged below: a page that says what is missing rather than "cannot be read".
    body: z.record(z.string(), z.unknown()),
    upload: { fileBytes: MAX_UPLOAD_BYTES, bodyBytes: MAX_IMPORT_BODY_BYTES },
    refuses: refusesNonAdmin,
    async load(account, { body, upload, now, from }) {
      const chosen = kindOf(body.kind);
      const nikVault = dependencies.nikVault;
      if (!nikVault) return show<ImportModel>({ kind: chosen, problem: { reason: 'no_key' } }, 503);
      const form = importForm.safeParse(body);
      if (!form.success) return show<ImportModel>({ kind: chosen, problem: { reason: 'no_kind' } }, 400);
      const kind = form.data.kind;
      if (!upload || (upload.name === '' && upload.content.length === 0)) {
        return show<ImportModel>({ kind, problem: { reason: 'no_file' } }, 400);
      }
      const file = upload.name || 'tanpa-nama';
      if (upload.tooLarge) return show<ImportModel>({ kind, file, problem: { reason: 'too_large' } }, 413);
      const audit = (details: Record<string, unknown>) =>
        recordAudit(
          models,
          {
            actor: auditActorOf(account),
            action: 'import',
            target: kind,
            from,
            details: { via: 'session', page: 'dashboard', kind, file, ...details },
          },
          now,
        );
      const read = await readUpload(upload, file, (path) =>
        importFile(kind, path, { models, nikVault, today: now }),
      );
      if (!read.ok) {
        await audit({ error: read.reason });
        return show<ImportModel>({ kind, file, problem: { reason: 'unreadable', detail: read.reason } }, 422);
      }
      const { report } = read;
      await audit({
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
      });
      return show<ImportModel>({ kind, report, file });
    },
    // The answer is the same page, with the report of what was imported.
    title: importTitle,
    view: importView,
  });
}

/**
 * The upload written to a file of its own for the importer, which reads from a path and judges the
 * file by its extension as the CLI does; the importer's refusal of it, with the file named as the
 * person knows it rather than by that path.
 */
async function readUpload<R>(
  upload: UploadedFile,
  file: string,
  importer: (path: string) => Promise<R>,
): Promise<{ ok: true; report: R } | { ok: false; reason: string }> {
  const extension = extname(file).toLowerCase();
  const directory = await mkdtemp(join(tmpdir(), 'pendamping-impor-'));
  const path = join(directory, `upload${/^\.[a-z0-9]{1,8}$/.test(extension) ? extension : ''}`);
  try {
    await writeFile(path, upload.content);
    return { ok: true, report: await importer(path) };
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    return { ok: false, reason: error.message.split(path).join(file) };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
