import type { Request, Response } from 'express';
import { auditActorOf, recordAudit } from '../../auth';
import {
  exportFileStem,
  exportOf,
  exportWorkbook,
  gatherHoldings,
  participantSubject,
} from '../../domain/privacy';
import type { ApiDependencies } from '../api/v1/dependencies';
import { fromOf } from '../request-from';
import { translator } from './language';
import { refuse, type Viewer } from './layout';
import { adminOnly } from './participants-common';

/**
 * POST /dashboard/peserta/:id/privasi/ekspor: everything held about a participant as .xlsx or JSON,
 * for the Dinsos admin only, audited. The same code as `npm run privacy -- export`.
 */
export function participantPrivacyExport({ models, clock, nikVault }: ApiDependencies) {
  return async function download(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const reason = t(
      'Ekspor dan penghapusan data pribadi hanya untuk admin Dinsos.',
      'Only Dinsos admins export or erase personal data.',
    );
    if (!adminOnly(response, viewer, t, reason)) return;
    const id = String(request.params.id);
    const subject = /^[0-9a-f]{24}$/i.test(id) ? await participantSubject(models, id) : undefined;
    if (!subject) {
      return refuse(
        response,
        404,
        t('Tidak ditemukan', 'Not found'),
        t('Peserta ini tidak ada.', 'No such participant.'),
        viewer,
      );
    }
    const format = (request.body as { format?: unknown } | undefined)?.format;
    if (format !== 'xlsx' && format !== 'json') {
      return refuse(
        response,
        400,
        t('Formulir tidak sah', 'Invalid form'),
        t(
          'Bentuk berkas: pilih xlsx atau json (contoh: xlsx).',
          'File format: choose xlsx or json (for example xlsx).',
        ),
        viewer,
      );
    }
    const holdings = await gatherHoldings(models, subject);
    const now = clock();
    const data = exportOf(holdings, now, nikVault);
    const body =
      format === 'xlsx' ? await exportWorkbook(data) : Buffer.from(`${JSON.stringify(data, null, 2)}\n`);
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'privacy.export',
        target: id,
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
  };
}
