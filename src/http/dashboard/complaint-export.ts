import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../auth';
import type { ComplaintStatus } from '../../domain/complaints';
import {
  COMPLAINT_EXPORT_FIELDS,
  COMPLAINT_SHEET,
  complaintRow,
  type ExportedComplaint,
} from '../../exports/complaints';
import type { ApiDependencies } from '../api/v1/dependencies';
import { complaintScopeOf } from '../../auth/scopes';
import { sendSheet } from '../export-response';
import { fromOf } from '../request-from';
import { inboxFilter, inboxQueryOf } from './complaint-inbox-query';
import { participantsNamedIn, STATUS_LABELS } from './complaints';
import { translator } from './language';
import { type Viewer, refuse } from './layout';

const fileFormat = z.enum(['xlsx', 'csv']);

/** Complaints whose complainants' names are read at once: one read of the participants per thousand rows. */
const NAMES_PER_READ = 1_000;

/** The items of `source` in arrays of up to `size`, as they come. */
async function* inBatches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

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
    const { format: asked, ...choices } = request.query as Record<string, unknown>;
    const format = fileFormat.safeParse(asked);
    const parsed = inboxQueryOf(choices);
    if (!format.success || !parsed.success) {
      const fields = [
        ...(format.success ? [] : ['format (xlsx, csv)']),
        ...(parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0] ?? ''))),
      ];
      return refuse(
        response,
        400,
        t('Filter tidak sah', 'Invalid filter'),
        t(
          `Periksa: ${fields.join(', ')}; contoh: ?status=semua&format=xlsx.`,
          `Please check: ${fields.join(', ')}; for example: ?status=semua&format=xlsx.`,
        ),
        viewer,
      );
    }
    // Every page of the inbox's choices: its page keys do not apply to the file.
    const { sebelum: _page, antrean: _queuePage, ...query } = parsed.data;
    const now = clock();
    const namedParticipants = await participantsNamedIn(models, query);
    // The complaints as a cursor, a thousand at a time with the names they refer to: a year's file is
    // written as it is read, never held whole.
    const complaints = models.complaints
      .find(
        inboxFilter(query, scope, { now, timeZone: auth.timeZone, namedParticipants }),
        COMPLAINT_EXPORT_FIELDS,
      )
      .sort({ createdAt: -1, _id: -1 })
      .lean<ExportedComplaint[]>()
      .cursor();
    const units = await models.puskesos.find({}, { name: 1 }).lean();
    const puskesos = new Map(units.map((unit) => [String(unit._id), unit.name]));
    const status = (value: string) => STATUS_LABELS[value as ComplaintStatus]?.id ?? value;
    async function* rows() {
      for await (const batch of inBatches<ExportedComplaint>(complaints, NAMES_PER_READ)) {
        const participantIds = batch.flatMap((complaint) =>
          complaint.participant ? [complaint.participant] : [],
        );
        const people = participantIds.length
          ? await models.participants.find({ _id: { $in: participantIds } }, { name: 1, phone: 1 }).lean()
          : [];
        const participants = new Map(people.map((person) => [String(person._id), person]));
        for (const complaint of batch) yield complaintRow(complaint, { puskesos, participants, status });
      }
    }
    await sendSheet(
      response,
      { fileName: 'pengaduan', format: format.data, timeZone: auth.timeZone },
      COMPLAINT_SHEET,
      rows(),
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
              format: format.data,
              count,
              // Which choices shaped the file, never the words searched for.
              choices: Object.keys(query).sort(),
            },
          },
          now,
        ),
    );
  };
}
