import ExcelJS from 'exceljs';
import { maskPhone, type NikVault } from '../identity';
import type { Holdings } from './holdings';

type Row = Record<string, unknown>;

/** What a person receives: who they are to the programme and every record held about them, by kind. */
export interface PersonalDataExport {
  exportedAt: string;
  subject: { kind: string; phone: string };
  sections: Record<string, Row[]>;
}

/** The sections in the order a reader goes through them, with the sheet names of the workbook. */
export const EXPORT_SECTIONS = {
  record: 'Data diri',
  conversations: 'Percakapan',
  inboundMessages: 'Pesan masuk',
  outbox: 'Pesan keluar',
  weeklyReports: 'Laporan mingguan',
  reportLedger: 'Buku tabungan',
  complaints: 'Pengaduan',
  mentoringSessions: 'Sesi pendampingan',
  sessionResponses: 'Jawaban undangan',
  sessionAttendance: 'Kehadiran',
  handovers: 'Permintaan bantuan',
  auditEvents: 'Catatan audit',
  apiTokens: 'Token API',
  webSessions: 'Sesi dasbor',
  signInCodes: 'Kode masuk',
  signInAttempts: 'Percobaan masuk',
} as const;

type Section = keyof typeof EXPORT_SECTIONS;

/**
 * The export of what is held: the NIK is decrypted into it (it is the person's own), the outbox's and
 * queues' keys stay, and nothing of another person is added. Without the key the NIK shows masked.
 */
export function exportOf(holdings: Holdings, now: Date, nikVault?: NikVault): PersonalDataExport {
  const { subject } = holdings;
  const record: Row[] = [];
  if (subject.kind !== 'resident') {
    const { nik, ...rest } = subject.record as Row & { nik?: { encrypted: string; masked: string } };
    record.push({
      kind: subject.kind,
      ...rest,
      ...(nik ? { nik: revealed(nik, nikVault) } : {}),
    });
  } else record.push({ kind: 'resident', phone: subject.phone });
  const sections: Record<Section, Row[]> = {
    record,
    conversations: holdings.conversations,
    inboundMessages: holdings.inboundMessages,
    outbox: holdings.outbox,
    weeklyReports: holdings.weeklyReports,
    reportLedger: holdings.reportLedger,
    complaints: holdings.complaints,
    // Who else was invited is theirs, not this person's: only how many.
    mentoringSessions: holdings.mentoringSessions.map(({ participants, ...session }) => ({
      ...session,
      invited: Array.isArray(participants) ? participants.length : 0,
    })),
    sessionResponses: holdings.sessionResponses,
    sessionAttendance: holdings.sessionAttendance,
    handovers: holdings.handovers,
    auditEvents: holdings.auditEvents,
    apiTokens: holdings.apiTokens,
    webSessions: holdings.webSessions,
    signInCodes: holdings.signInCodes,
    signInAttempts: holdings.signInAttempts,
  };
  return {
    exportedAt: now.toISOString(),
    subject: { kind: subject.kind, phone: subject.phone },
    // Ids and dates as text, the same in the JSON and the workbook.
    sections: JSON.parse(JSON.stringify(sections)) as Record<Section, Row[]>,
  };
}

function revealed(nik: { encrypted: string; masked: string }, nikVault?: NikVault): string {
  if (!nikVault) return nik.masked;
  try {
    return nikVault.reveal(nik.encrypted);
  } catch {
    // Encrypted under another key (a restored copy): the masked form is what can be given.
    return nik.masked;
  }
}

/** `privacy-export-2026-12-07-0812-xxxx-7777`: a file name that does not spell the number out. */
export function exportFileStem(phone: string, now: Date): string {
  return `privacy-export-${now.toISOString().slice(0, 10)}-${maskPhone(phone).replace(/\*/g, 'x')}`;
}

/** One sheet per section with records, one column per field (nested values as JSON). */
export async function exportWorkbook(data: PersonalDataExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(data.exportedAt);
  const about = workbook.addWorksheet('Tentang');
  about.addRows([
    ['Ekspor data pribadi (UU PDP 27/2022) / personal data export'],
    ['Dibuat / exported at', data.exportedAt],
    ['Nomor / phone', data.subject.phone],
    ['Jenis / kind', data.subject.kind],
  ]);
  for (const [section, rows] of Object.entries(data.sections)) {
    if (rows.length === 0) continue;
    const sheet = workbook.addWorksheet(EXPORT_SECTIONS[section as Section] ?? section.slice(0, 31));
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    sheet.addRow(columns);
    for (const row of rows)
      sheet.addRow(
        columns.map((column) => {
          const value = row[column];
          return value === null || value === undefined || typeof value !== 'object'
            ? value
            : JSON.stringify(value);
        }),
      );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
