import type { RowProblem } from '../domain/imports/row';
import type { UpsertOutcome } from './upsert';

export const IMPORT_KINDS = ['participants', 'mentors', 'staff', 'puskesos'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportReport {
  kind: ImportKind;
  file: string;
  /** Data rows read (empty rows are not counted). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not stored; each has one or more problems. */
  rejected: number;
  problems: RowProblem[];
  /** Headings that match no known column, ignored. */
  ignoredColumns: string[];
  /** Rows stored, but worth a look: a desa no Puskesos serves, a participant without a mentor. */
  warnings: RowProblem[];
}

/** What happened to one valid row when it met the database. */
export type StoreOutcome = UpsertOutcome | RowProblem[];

export function summarize(
  kind: ImportKind,
  file: string,
  rows: number,
  parseProblems: RowProblem[],
  outcomes: StoreOutcome[],
  ignoredColumns: string[],
  warnings: RowProblem[] = [],
): ImportReport {
  const storeProblems = outcomes.filter((outcome): outcome is RowProblem[] => Array.isArray(outcome)).flat();
  const problems = [...parseProblems, ...storeProblems].sort((a, b) => a.row - b.row);
  const count = (outcome: UpsertOutcome) => outcomes.filter((entry) => entry === outcome).length;
  return {
    kind,
    file,
    rows,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    rejected: new Set(problems.map((problem) => problem.row)).size,
    problems,
    ignoredColumns,
    warnings,
  };
}

/** The report as printed for a person: one line per problem, then the summary line. */
export function formatReport(report: ImportReport): string {
  const lines = report.problems.map(
    (problem) =>
      `baris ${problem.row}${problem.column ? `, kolom ${problem.column}` : ''}: ${problem.reason}`,
  );
  for (const warning of report.warnings) {
    lines.push(
      `peringatan baris ${warning.row}${warning.column ? `, kolom ${warning.column}` : ''}: ${warning.reason}`,
    );
  }
  if (report.ignoredColumns.length > 0)
    lines.push(`kolom diabaikan (tidak dikenal): ${report.ignoredColumns.join(', ')}`);
  lines.push(
    `Ringkasan ${report.kind}: ${report.rows} baris, ${report.created} baru, ${report.updated} diperbarui, ` +
      `${report.unchanged} tidak berubah, ${report.rejected} ditolak ` +
      `(${report.rows} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected)`,
  );
  return lines.join('\n');
}
