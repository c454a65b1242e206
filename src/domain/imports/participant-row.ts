import { say } from '../../i18n';
import { addMonths } from '../calendar';
import { normalizePhone, parseNik } from '../identity';
import {
  CLUSTER_LABELS,
  parseCluster,
  parseLanguage,
  parseStage,
  parseTimeZone,
  STAGE_LABELS,
  type Cluster,
  type IndonesianTimeZone,
  type Language,
  type Stage,
} from '../program';
import { fail, ok, type Result } from '../result';
import { cellText, parseDateCell, parseRupiahCell, type Cell } from './cells';
import type { participantColumns } from './columns';
import type { RowReader, RowResult } from './row';

export type ParticipantColumn = keyof typeof participantColumns;

/** A participant row, normalized and checked, before it meets the database. */
export interface ParticipantRow {
  row: number;
  name: string;
  phone: string;
  nik?: string | undefined;
  kecamatan: string;
  desa: string;
  cluster: Cluster;
  stage: Stage;
  businessName?: string | undefined;
  businessDescription?: string | undefined;
  capitalAmount?: number | undefined;
  capitalDate?: Date | undefined;
  mentoringWindow?: { start: Date; end: Date } | undefined;
  mibiPhone?: string | undefined;
  tkskPhone?: string | undefined;
  language?: Language | undefined;
  timeZone?: IndonesianTimeZone | undefined;
}

/** The program gives three months of mentoring after the capital grant (DOMAIN.md). */
export const MENTORING_MONTHS = 3;

export function phoneCell(cell: Cell): Result<string> {
  return normalizePhone(cellText(cell));
}

/**
 * A NIK typed into Excel as a number keeps only 15 significant digits, so its last digit silently
 * becomes 0; such a cell is refused rather than stored wrong.
 */
export function nikCell(today: Date) {
  return (cell: Cell): Result<string> => {
    if (typeof cell === 'number' && cell >= 1e15) {
      return fail(say('import.nikAsNumber', 'id'));
    }
    const parsed = parseNik(cellText(cell), today);
    return parsed.ok ? ok(parsed.value.nik) : parsed;
  };
}

/** Title-cases place names so `CILILIN` and `cililin` are the same kecamatan. */
export function placeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(^|[\s-])\p{L}/gu, (letter) => letter.toUpperCase());
}

const clusterNames = Object.values(CLUSTER_LABELS).join(', ');
const stageNames = Object.values(STAGE_LABELS).join(', ');

export function parseParticipantRow(
  reader: RowReader<ParticipantColumn>,
  today: Date,
): RowResult<ParticipantRow> {
  const name = reader.required('nama');
  const phone = reader.requiredParsed('no_hp', phoneCell);
  const kecamatan = placeName(reader.required('kecamatan'));
  const desa = placeName(reader.required('desa'));
  const cluster = reader.vocabulary('klaster', parseCluster, clusterNames);
  const stage = reader.vocabulary('tahap', parseStage, stageNames);
  const nik = reader.optional('nik', nikCell(today));
  const capitalAmount = reader.optional('modal_usaha', parseRupiahCell);
  const capitalDate = reader.optional('tanggal_modal', parseDateCell);
  const mentoringStart = reader.optional('mulai_pendampingan', parseDateCell);
  const mibiPhone = reader.optional('hp_mibi', phoneCell);
  const tkskPhone = reader.optional('hp_tksk', phoneCell);
  const language = reader.vocabulary(
    'bahasa',
    parseLanguage,
    'id (Indonesia), en (English), su (Sunda)',
    false,
  );
  const timeZone = reader.vocabulary('zona_waktu', parseTimeZone, 'WIB, WITA, WIT', false);
  if (phone && (phone === mibiPhone || phone === tkskPhone)) {
    reader.problem('no_hp', say('import.samePhoneAsMentor', 'id'));
  }

  // A missing required value has always been recorded as a problem by the reader.
  if (!reader.valid || !phone || !cluster || !stage) return reader.failure();
  const value: ParticipantRow = {
    row: reader.row,
    name,
    phone,
    nik,
    kecamatan,
    desa,
    cluster,
    stage,
    businessName: reader.text('nama_usaha') || undefined,
    businessDescription: reader.text('deskripsi_usaha') || undefined,
    capitalAmount,
    capitalDate,
    mentoringWindow: mentoringStart && {
      start: mentoringStart,
      end: addMonths(mentoringStart, MENTORING_MONTHS),
    },
    mibiPhone,
    tkskPhone,
    language,
    timeZone,
  };
  return { ok: true, value };
}
