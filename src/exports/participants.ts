import type { Types } from 'mongoose';
import { maskPhone } from '../domain/identity';
import {
  CLUSTER_LABELS,
  STAGE_LABELS,
  type Cluster,
  type ParticipantStatus,
  type Stage,
} from '../domain/program';
import type { StaffLanguage } from '../i18n';
import type { Sheet } from './spreadsheet';
import { wordsIn, type ExportWord } from './words';

/** A participant as read for the export: the full view's fields (mentors, admins) or a complaint's. */
export interface ExportedParticipant {
  _id: Types.ObjectId;
  name: string;
  phone: string;
  kecamatan: string;
  desa: string;
  cluster?: Cluster;
  stage?: Stage;
  status?: ParticipantStatus;
  business?: { name?: string | null } | null;
  capitalGrant?: { amount?: number | null } | null;
  mentoringWindow?: { start?: Date | null; end?: Date | null } | null;
  mentors?: { mibi?: Types.ObjectId | null; tksk?: Types.ObjectId | null } | null;
}

/** The fields each view reads: Puskesos staff never get business, money or mentors. */
export const PARTICIPANT_EXPORT_FIELDS = {
  full: {
    name: 1,
    phone: 1,
    kecamatan: 1,
    desa: 1,
    cluster: 1,
    stage: 1,
    status: 1,
    'business.name': 1,
    'capitalGrant.amount': 1,
    mentoringWindow: 1,
    mentors: 1,
  },
  complaint: { name: 1, phone: 1, kecamatan: 1, desa: 1 },
} as const;

const STATUS_WORDS: Record<ParticipantStatus, ExportWord> = {
  active: 'export.active',
  graduated: 'export.graduated',
  withdrawn: 'export.withdrawn',
};

const mentorsOf = (participant: ExportedParticipant, mentorName: Map<string, string>) =>
  [participant.mentors?.mibi, participant.mentors?.tksk]
    .map((id) => (id ? mentorName.get(String(id)) : undefined))
    .filter((name): name is string => name !== undefined)
    .join(', ');

/**
 * The participants' sheet for a view: in full for their mentors and Dinsos; for Puskesos staff what
 * the page shows them, the phone masked as there.
 */
export function participantSheet(
  view: 'full' | 'complaint',
  mentorName: Map<string, string>,
  language?: StaffLanguage,
): Sheet<ExportedParticipant> {
  const w = wordsIn(language);
  if (view === 'complaint') {
    return {
      name: w('export.participantSheet'),
      columns: [
        { header: w('export.name'), kind: 'text', width: 24, value: (row) => row.name },
        { header: w('export.phone'), kind: 'text', width: 16, value: (row) => maskPhone(row.phone) },
        { header: w('export.kecamatan'), kind: 'text', width: 16, value: (row) => row.kecamatan },
        { header: w('export.desa'), kind: 'text', width: 16, value: (row) => row.desa },
      ],
    };
  }
  return {
    name: w('export.participantSheet'),
    columns: [
      { header: w('export.name'), kind: 'text', width: 24, value: (row) => row.name },
      { header: w('export.phone'), kind: 'identifier', width: 16, value: (row) => row.phone },
      { header: w('export.kecamatan'), kind: 'text', width: 16, value: (row) => row.kecamatan },
      { header: w('export.desa'), kind: 'text', width: 16, value: (row) => row.desa },
      {
        header: w('export.cluster'),
        kind: 'text',
        width: 14,
        value: (row) => (row.cluster ? CLUSTER_LABELS[row.cluster] : null),
      },
      {
        header: w('export.stage'),
        kind: 'text',
        width: 12,
        value: (row) => (row.stage ? STAGE_LABELS[row.stage] : null),
      },
      { header: w('export.mentor'), kind: 'text', width: 20, value: (row) => mentorsOf(row, mentorName) },
      {
        header: w('export.status'),
        kind: 'text',
        width: 10,
        value: (row) => w(STATUS_WORDS[row.status ?? 'active']),
      },
      { header: w('export.business'), kind: 'text', width: 20, value: (row) => row.business?.name ?? null },
      {
        header: w('export.capitalGrant'),
        kind: 'amount',
        width: 16,
        value: (row) => row.capitalGrant?.amount ?? null,
      },
      {
        header: w('export.mentoringStart'),
        kind: 'time',
        width: 18,
        value: (row) => row.mentoringWindow?.start ?? null,
      },
      {
        header: w('export.mentoringEnd'),
        kind: 'time',
        width: 18,
        value: (row) => row.mentoringWindow?.end ?? null,
      },
    ],
  };
}
