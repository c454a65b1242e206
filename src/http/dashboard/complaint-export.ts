import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../auth';
import type { Models } from '../../db/models';
import type { ComplaintStatus } from '../../domain/complaints';
import type { ComplaintIndexEntry } from '../../domain/complaints/complaint-index';
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
import { inboxQueryOf } from './complaint-inbox-query';
import { selectComplaints } from './complaint-inbox-read';
import { STATUS_LABELS } from './complaint-words';
import { translator } from './language';
import { type Viewer, refuse } from './layout';

const fileFormat = z.enum(['xlsx', 'csv']);

/** Complaints read by `_id` at once while the file is written: enough to keep the reads busy, few in memory. */
const READS_AT_ONCE = 20;

/**
 * The complainants' phones of the listed complaints (a participant's is on their record): one read of
 * `participants` (phones only), and only when a listed complaint is a participant's.
 */
async function participantPhones(models: Models, entries: readonly ComplaintIndexEntry[]) {
  const wanted = new Set(entries.flatMap((entry) => (entry.participant ? [entry.participant] : [])));
  const phones = new Map<string, string>();
  if (wanted.size === 0) return phones;
  for await (const person of models.participants.find({}, { phone: 1 }).lean().cursor()) {
    if (wanted.has(String(person._id))) phones.set(String(person._id), person.phone);
  }
  return phones;
}

/**
 * The listed complaints read whole by `_id`, a few at once, in the list's order: the file is written
 * as they come, never held whole.
 */
async function* complaintsOf(models: Models, entries: readonly ComplaintIndexEntry[]) {
  for (let start = 0; start < entries.length; start += READS_AT_ONCE) {
    const read = await Promise.all(
      entries
        .slice(start, start + READS_AT_ONCE)
        .map((entry) =>
          models.complaints.findById(entry.id, COMPLAINT_EXPORT_FIELDS).lean<ExportedComplaint>(),
        ),
    );
    for (const complaint of read) if (complaint) yield complaint;
  }
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
    // What the file lists and its names come from the scope's indexes (read by `_id`), the phones from
    // one read of the participants, each complaint by `_id`: a year's file reads no collection twice.
    const entries = (await selectComplaints(models, scope, query, { now, timeZone: auth.timeZone })).sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id),
    );
    const [units, phones] = await Promise.all([
      models.puskesos.find({}, { name: 1 }).lean(),
      participantPhones(models, entries),
    ]);
    const names = {
      puskesos: new Map(units.map((unit) => [String(unit._id), unit.name])),
      participants: new Map(
        entries.flatMap((entry) =>
          entry.participant
            ? [
                [
                  entry.participant,
                  { name: entry.complainant ?? '', phone: phones.get(entry.participant) ?? '' },
                ],
              ]
            : [],
        ),
      ),
      status: (value: string) => STATUS_LABELS[value as ComplaintStatus]?.id ?? value,
    };
    async function* rows() {
      for await (const complaint of complaintsOf(models, entries)) yield complaintRow(complaint, names);
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
