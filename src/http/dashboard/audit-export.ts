import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit } from '../../auth';
import { AUDIT_SHEET, type AuditRow } from '../../exports/audit-log';
import type { ApiDependencies } from '../api/v1/dependencies';
import { sendSheet } from '../export-response';
import { fromOf } from '../request-from';
import { AUDIT_DATE, auditEntries } from './audit-entries';
import { actorsNamed, auditQuery, summarizeDetails } from './audit-log';
import { translator } from './language';
import { type Viewer, refuse } from './layout';

const date = z.string().regex(AUDIT_DATE).optional();
const exportQuery = auditQuery
  .omit({ sebelum: true, tanggal: true })
  .extend({ format: z.enum(['xlsx', 'csv']), dari: date, sampai: date });

/**
 * The audit log with the page's filters as a file, for Dinsos admins only: every matching entry from
 * `dari` to `sampai` (local dates; by default the whole log), newest first, read day by day (each day
 * by `_id`, src/db/audit-days.ts) and written as it comes.
 */
export function auditLogExport({ models, auth, clock }: ApiDependencies) {
  return async function download(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    if (!isAdmin(viewer.account)) {
      return refuse(
        response,
        403,
        t('Tidak berhak', 'Not allowed'),
        t('Log audit hanya untuk admin Dinsos.', 'The audit log is for Dinsos admins only.'),
        viewer,
      );
    }
    const parsed = exportQuery.safeParse(request.query);
    if (!parsed.success) {
      return refuse(
        response,
        400,
        t('Filter tidak sah', 'Invalid filter'),
        t(
          'Periksa aksi (huruf, angka, titik, garis bawah), pelaku (paling banyak 100 huruf), tanggal dari/sampai (2026-12-08) dan format (xlsx atau csv), contoh: ?aksi=sign_in&format=xlsx.',
          'Check the action (letters, digits, dots, underscores), actor (at most 100 characters), dates dari/sampai (2026-12-08) and format (xlsx or csv), for example: ?aksi=sign_in&format=xlsx.',
        ),
        viewer,
      );
    }
    const { aksi, pelaku, dari, sampai, format } = parsed.data;
    const now = clock();
    const actors = pelaku ? new Set(await actorsNamed(models, pelaku)) : undefined;
    // Each collection read once: the accounts' names, then the entries as they come.
    const [staff, mentors] = await Promise.all([
      models.staff.find({}, { name: 1 }).lean(),
      models.mentors.find({}, { name: 1 }).lean(),
    ]);
    const names = new Map([
      ...staff.map((record): [string, string] => [
        auditActorOf({ kind: 'staff', id: String(record._id) }),
        record.name,
      ]),
      ...mentors.map((record): [string, string] => [
        auditActorOf({ kind: 'mentor', id: String(record._id) }),
        record.name,
      ]),
    ]);
    const entries = auditEntries(
      models,
      { action: aksi, actors, since: dari, until: sampai },
      { now, timeZone: auth.timeZone },
    );
    async function* rows(): AsyncGenerator<AuditRow> {
      for await (const entry of entries) {
        yield {
          at: entry.at,
          actor: entry.actor,
          actorName: names.get(entry.actor),
          action: entry.action,
          target: entry.target ?? undefined,
          from: entry.from ?? undefined,
          details: summarizeDetails(entry.details),
        };
      }
    }
    await sendSheet(
      response,
      { fileName: 'log-audit', format, timeZone: auth.timeZone },
      AUDIT_SHEET,
      rows(),
      (count) =>
        recordAudit(
          models,
          {
            actor: auditActorOf(viewer.account),
            action: 'audit.export',
            from: fromOf(request),
            details: {
              via: 'session',
              page: 'dashboard',
              format,
              count,
              ...(aksi ? { aksi } : {}),
              ...(pelaku ? { pelaku } : {}),
              ...(dari ? { dari } : {}),
              ...(sampai ? { sampai } : {}),
            },
          },
          now,
        ),
    );
  };
}
