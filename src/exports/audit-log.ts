import type { StaffLanguage } from '../i18n';
import type { Sheet } from './spreadsheet';
import { wordsIn } from './words';

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

/** The audit log's sheet, headed in the viewer's language. */
export function auditSheet(language?: StaffLanguage): Sheet<AuditRow> {
  const w = wordsIn(language);
  return {
    name: w('export.auditSheet'),
    columns: [
      { header: w('export.time'), kind: 'time', width: 18, value: (row) => row.at },
      { header: w('export.actor'), kind: 'text', width: 20, value: (row) => row.actorName ?? row.actor },
      { header: w('export.account'), kind: 'text', width: 32, value: (row) => row.actor },
      { header: w('export.action'), kind: 'text', width: 26, value: (row) => row.action },
      { header: w('export.target'), kind: 'text', width: 20, value: (row) => row.target ?? null },
      { header: w('export.from'), kind: 'text', width: 16, value: (row) => row.from ?? null },
      { header: w('export.details'), kind: 'text', width: 60, value: (row) => row.details },
    ],
  };
}

/** The sheet in Indonesian, for the dashboard's export until its page passes the viewer's language. */
export const AUDIT_SHEET = auditSheet('id');
