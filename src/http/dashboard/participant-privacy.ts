import type { Request, Response } from 'express';
import { auditActorOf, isAdmin, recordAudit } from '../../auth';
import {
  changesNothing,
  eraseHoldings,
  ERASURE_LABELS,
  erasurePlan,
  exportFileStem,
  exportOf,
  exportWorkbook,
  gatherHoldings,
  participantSubject,
  type ErasureCounts,
  type Holdings,
} from '../../domain/privacy';
import type { ApiDependencies } from '../api/v1/dependencies';
import { fromOf } from '../request-from';
import { setFlash } from './form-cookies';
import { html } from './html';
import { translator, type Translate } from './language';
import { page, refuse, type Viewer } from './layout';
import { PARTICIPANTS_PATH } from './participants-common';

/** What the admin types to confirm an erasure: a checkbox is too easily ticked. */
const CONFIRMATION = 'HAPUS';

/**
 * A participant's UU PDP rights on the dashboard, for the Dinsos admin only: export everything held
 * about them (.xlsx or JSON) and erase it, each a form with the session's CSRF token, the erasure
 * confirmed by typing HAPUS, and each audited. The same code as `npm run privacy`.
 */
export function participantPrivacyPages({ models, clock, nikVault, auth }: ApiDependencies) {
  const cookies = { security: auth.cookieSecurity };

  /** The participant's holdings, if the viewer is an admin and the participant exists; else refused. */
  async function holdingsFor(request: Request, response: Response, viewer: Viewer, t: Translate) {
    if (!isAdmin(viewer.account)) {
      refuse(
        response,
        403,
        t('Tidak berhak', 'Not allowed'),
        t(
          'Ekspor dan penghapusan data pribadi hanya untuk admin Dinsos.',
          'Only Dinsos admins export or erase personal data.',
        ),
        viewer,
      );
      return undefined;
    }
    const id = String(request.params.id);
    const subject = /^[0-9a-f]{24}$/i.test(id) ? await participantSubject(models, id) : undefined;
    if (!subject) {
      refuse(
        response,
        404,
        t('Tidak ditemukan', 'Not found'),
        t('Peserta ini tidak ada.', 'No such participant.'),
        viewer,
      );
      return undefined;
    }
    return gatherHoldings(models, subject);
  }

  function send(
    response: Response,
    status: number,
    holdings: Holdings,
    viewer: Viewer,
    t: Translate,
    problem?: string,
  ) {
    const subject = holdings.subject;
    if (subject.kind !== 'participant') throw new Error('a participant was expected');
    const id = String(subject.record._id);
    const plan = erasurePlan(holdings);
    const title = t('Hak atas data pribadi', 'Personal data rights');
    const content = html`<h1>${title}: ${subject.record.name}</h1>
      <p>
        ${t(
          'Sesuai UU PDP 27/2022, peserta berhak menerima salinan semua datanya dan meminta datanya dihapus.',
          'Under UU PDP 27/2022 a participant may receive a copy of all their data and ask for it to be erased.',
        )}
      </p>
      <form class="card" method="post" action="${PARTICIPANTS_PATH}/${id}/privasi/ekspor">
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
      <form class="card" method="post" action="${PARTICIPANTS_PATH}/${id}/privasi/hapus">
        <h2>${t('Hapus data pribadi', 'Erase personal data')}</h2>
        ${
          changesNothing(plan)
            ? html`<p>
                ${t('Data pribadi peserta ini sudah dihapus.', 'This participant’s personal data has been erased.')}
              </p>`
            : html`<p>
                  ${t(
                    'Nama, nomor HP, NIK, akun chat dan semua teks percakapan dihapus. Laporan dan pengaduan tetap dihitung dalam angka program, tanpa nama dan teks. Tidak bisa dibatalkan.',
                    'Name, phone, NIK, chat accounts and every conversation text are erased. Reports and complaints still count in the programme’s figures, without names or texts. This cannot be undone.',
                  )}
                </p>
                <table>
                  <tbody>
                    ${(Object.entries(plan) as [keyof ErasureCounts, number][]).map(
                      ([field, count]) =>
                        html`<tr>
                          <td>${t(ERASURE_LABELS[field].id, ERASURE_LABELS[field].en)}</td>
                          <td class="number">${count}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
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
                </div>`
        }
      </form>
      <p>
        <a href="${PARTICIPANTS_PATH}/${id}">${t('Kembali ke data peserta', 'Back to the participant')}</a>
      </p>`;
    response.status(status).send(String(page(title, content, viewer)));
  }

  async function show(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const holdings = await holdingsFor(request, response, viewer, t);
    if (holdings) send(response, 200, holdings, viewer, t);
  }

  async function download(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const format = (request.body as { format?: unknown } | undefined)?.format;
    const holdings = await holdingsFor(request, response, viewer, t);
    if (!holdings) return;
    if (format !== 'xlsx' && format !== 'json') {
      refuse(
        response,
        400,
        t('Formulir tidak sah', 'Invalid form'),
        t(
          'Bentuk berkas: pilih xlsx atau json (contoh: xlsx).',
          'File format: choose xlsx or json (for example xlsx).',
        ),
        viewer,
      );
      return;
    }
    const now = clock();
    const data = exportOf(holdings, now, nikVault);
    const body =
      format === 'xlsx' ? await exportWorkbook(data) : Buffer.from(`${JSON.stringify(data, null, 2)}\n`);
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'privacy.export',
        target: String(request.params.id),
        from: fromOf(request),
        details: { via: 'session', page: 'dashboard', format },
      },
      now,
    );
    response
      .status(200)
      .type(
        format === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'application/json',
      )
      .attachment(`${exportFileStem(holdings.subject.phone, now)}.${format}`)
      .send(body);
  }

  async function erase(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const holdings = await holdingsFor(request, response, viewer, t);
    if (!holdings) return;
    const confirm = (request.body as { confirm?: unknown } | undefined)?.confirm;
    if (typeof confirm !== 'string' || confirm.trim().toUpperCase() !== CONFIRMATION) {
      send(
        response,
        400,
        holdings,
        viewer,
        t,
        t(
          `Ketik ${CONFIRMATION} untuk menghapus; tidak ada yang dihapus.`,
          `Type ${CONFIRMATION} to erase; nothing was erased.`,
        ),
      );
      return;
    }
    const now = clock();
    const plan = erasurePlan(holdings);
    if (!changesNothing(plan)) {
      const counts = await eraseHoldings(models, holdings, now);
      await recordAudit(
        models,
        {
          actor: auditActorOf(viewer.account),
          action: 'privacy.erase',
          target: String(request.params.id),
          from: fromOf(request),
          details: { via: 'session', page: 'dashboard', counts },
        },
        now,
      );
    }
    setFlash(request, response, cookies, {
      kind: 'ok',
      text: changesNothing(plan)
        ? t(
            'Data pribadi peserta ini sudah dihapus sebelumnya.',
            'This participant’s personal data was already erased.',
          )
        : t('Data pribadi peserta dihapus.', 'The participant’s personal data was erased.'),
    });
    response.redirect(303, `${PARTICIPANTS_PATH}/${String(request.params.id)}`);
  }

  return { show, download, erase };
}
