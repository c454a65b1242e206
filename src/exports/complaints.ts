import type { Types } from 'mongoose';
import { complaintCategoryName } from '../domain/complaints/categories';
import { maskPhone } from '../domain/identity';
import type { StaffLanguage } from '../i18n';
import type { Sheet } from './spreadsheet';
import { wordsIn } from './words';

/** A complaint as read for the export: what the inbox and the detail page show, never a photo. */
export interface ExportedComplaint {
  number: string;
  createdAt: Date;
  puskesos?: Types.ObjectId | null;
  participant?: Types.ObjectId | null;
  complainantPhone?: string | null;
  desa: string;
  category: string;
  text: string;
  status: string;
  assigneeName?: string | null;
  dueAt?: Date | null;
  events?: { kind?: string | null; at: Date }[];
  rating?: { score?: number | null } | null;
}

export const COMPLAINT_EXPORT_FIELDS = {
  number: 1,
  createdAt: 1,
  puskesos: 1,
  participant: 1,
  complainantPhone: 1,
  desa: 1,
  category: 1,
  text: 1,
  status: 1,
  assigneeName: 1,
  dueAt: 1,
  'events.kind': 1,
  'events.at': 1,
  'rating.score': 1,
} as const;

/** The names a complaint's row refers to, and the words of its status. */
export interface ComplaintNames {
  puskesos: Map<string, string>;
  participants: Map<string, { name: string; phone: string }>;
  status: (status: string) => string;
}

export interface ComplaintRow {
  complaint: ExportedComplaint;
  puskesos: string | null;
  complainant: string | null;
  /** Masked, as the complaint's page shows it to everyone. */
  phone: string | null;
  status: string;
  firstReplyAt: Date | null;
}

export function complaintRow(complaint: ExportedComplaint, names: ComplaintNames): ComplaintRow {
  const participant = complaint.participant
    ? names.participants.get(String(complaint.participant))
    : undefined;
  const phone = participant?.phone ?? complaint.complainantPhone ?? null;
  return {
    complaint,
    puskesos: complaint.puskesos ? (names.puskesos.get(String(complaint.puskesos)) ?? null) : null,
    complainant: participant?.name ?? null,
    phone: phone ? maskPhone(phone) : null,
    status: names.status(complaint.status),
    firstReplyAt: complaint.events?.find((event) => event.kind === 'reply')?.at ?? null,
  };
}

/** The complaints' sheet, headed in the viewer's language. */
export function complaintSheet(language?: StaffLanguage): Sheet<ComplaintRow> {
  const w = wordsIn(language);
  return {
    name: w('export.complaintSheet'),
    columns: [
      { header: w('export.number'), kind: 'text', width: 18, value: (row) => row.complaint.number },
      { header: w('export.received'), kind: 'time', width: 18, value: (row) => row.complaint.createdAt },
      { header: w('export.puskesos'), kind: 'text', width: 20, value: (row) => row.puskesos },
      {
        header: w('export.category'),
        kind: 'text',
        width: 28,
        // Named as the inbox and the report name it, never by the code the flows store.
        value: (row) => complaintCategoryName(row.complaint.category),
      },
      { header: w('export.desa'), kind: 'text', width: 16, value: (row) => row.complaint.desa },
      {
        header: w('export.complainant'),
        kind: 'text',
        width: 20,
        value: (row) => row.complainant ?? w('export.notAParticipant'),
      },
      { header: w('export.phone'), kind: 'text', width: 16, value: (row) => row.phone },
      { header: w('export.complaintText'), kind: 'text', width: 50, value: (row) => row.complaint.text },
      { header: w('export.status'), kind: 'text', width: 16, value: (row) => row.status },
      {
        header: w('export.staffMember'),
        kind: 'text',
        width: 18,
        value: (row) => row.complaint.assigneeName ?? null,
      },
      { header: w('export.deadline'), kind: 'time', width: 18, value: (row) => row.complaint.dueAt ?? null },
      { header: w('export.firstAnswered'), kind: 'time', width: 18, value: (row) => row.firstReplyAt },
      {
        header: w('export.rating'),
        kind: 'count',
        width: 10,
        value: (row) => row.complaint.rating?.score ?? null,
      },
    ],
  };
}

/** The sheet in Indonesian, for the dashboard's export until its page passes the viewer's language. */
export const COMPLAINT_SHEET = complaintSheet('id');
