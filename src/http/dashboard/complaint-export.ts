import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../auth';
import type { ComplaintStatus } from '../../db/models/complaint';
import {
  COMPLAINT_EXPORT_FIELDS,
  COMPLAINT_SHEET,
  complaintRow,
  type ExportedComplaint,
} from '../../exports/complaints';
import type { ApiDependencies } from '../api/v1/dependencies';
import { complaintScopeOf } from '../api/v1/scope';
import { sendSheet } from '../export-response';
import { fromOf } from '../request-from';
import { STATUS_LABELS } from './complaints';
import { translator } from './language';
import { type Viewer, refuse } from './layout';

const exportQuery = z.strictObject({
  tampil: z.literal('semua').optional(),
  format: z.enum(['xlsx', 'csv']),
});

/**
 * The inbox's complaints as a file, with its scope (a Puskesos its own, a Dinsos admin every one) and
 * its choice of showing the closed ones; the phone masked as on the complaint's page.
 */
export function complaintExport({ models, auth, clock }: ApiDependencies) {
  return async function download(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const scope = complaintScopeOf(viewer.account);
    if (!scope) {
      return refuse(
        response,
        403,
        t('Tidak berhak', 'Not allowed'),
        t(
          'Pengaduan hanya untuk petugas Puskesos dan admin Dinsos.',
          'Complaints are for Puskesos staff and Dinsos admins only.',
        ),
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
          'Periksa format (xlsx atau csv) dan tampil (semua), contoh: ?tampil=semua&format=xlsx.',
          'Check format (xlsx or csv) and tampil (semua), for example: ?tampil=semua&format=xlsx.',
        ),
        viewer,
      );
    }
    const { tampil, format } = parsed.data;
    const now = clock();
    // Each collection read once: the complaints, then the names they refer to.
    const complaints = await models.complaints
      .find({ ...scope, ...(tampil ? {} : { status: { $ne: 'closed' } }) }, COMPLAINT_EXPORT_FIELDS)
      .sort({ createdAt: -1, _id: -1 })
      .lean<ExportedComplaint[]>();
    const participantIds = complaints.flatMap((complaint) =>
      complaint.participant ? [complaint.participant] : [],
    );
    const [units, participants] = await Promise.all([
      models.puskesos.find({}, { name: 1 }).lean(),
      models.participants.find({ _id: { $in: participantIds } }, { name: 1, phone: 1 }).lean(),
    ]);
    const names = {
      puskesos: new Map(units.map((unit) => [String(unit._id), unit.name])),
      participants: new Map(participants.map((person) => [String(person._id), person])),
      status: (status: string) => STATUS_LABELS[status as ComplaintStatus]?.id ?? status,
    };
    await sendSheet(
      response,
      { fileName: 'pengaduan', format, timeZone: auth.timeZone },
      COMPLAINT_SHEET,
      complaints.map((complaint) => complaintRow(complaint, names)),
      (count) =>
        recordAudit(
          models,
          {
            actor: auditActorOf(viewer.account),
            action: 'complaints.export',
            from: fromOf(request),
            details: {
              via: 'session',
              page: 'dashboard',
              format,
              count,
              ...(tampil ? { tampil } : {}),
            },
          },
          now,
        ),
    );
  };
}
