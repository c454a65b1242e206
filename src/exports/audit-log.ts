import type { Sheet } from './spreadsheet';

/** One audit entry as exported: who by name when the account is known, and the details in one line. */
export interface AuditRow {
  at: Date;
  actor: string;
  actorName: string | undefined;
  action: string;
  target: string | undefined;
  from: string | undefined;
  details: string;
}

export const AUDIT_SHEET: Sheet<AuditRow> = {
  name: 'Log audit',
  columns: [
    { header: 'Waktu', kind: 'time', width: 18, value: (row) => row.at },
    { header: 'Pelaku', kind: 'text', width: 20, value: (row) => row.actorName ?? row.actor },
    { header: 'Akun', kind: 'text', width: 32, value: (row) => row.actor },
    { header: 'Aksi', kind: 'text', width: 26, value: (row) => row.action },
    { header: 'Sasaran', kind: 'text', width: 20, value: (row) => row.target ?? null },
    { header: 'Dari', kind: 'text', width: 16, value: (row) => row.from ?? null },
    { header: 'Rincian', kind: 'text', width: 60, value: (row) => row.details },
  ],
};
