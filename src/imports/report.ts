import type { RowProblem } from '../domain/imports/row';
import { say } from '../i18n';
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

/**
 * The report as printed for a person: one line per problem and warning, then the summary, in
 * Indonesian with the English counts beside it.
 */
export function formatReport(report: ImportReport): string {
  const at = ({ row, column, reason }: RowProblem) => ({
    row,
    column: column ? say('import.inColumn', 'id', { column }) : '',
    reason,
  });
  const lines = [
    ...report.problems.map((problem) => say('import.problemAt', 'id', at(problem))),
    ...report.warnings.map((warning) => say('import.warningAt', 'id', at(warning))),
  ];
  if (report.ignoredColumns.length > 0)
    lines.push(say('import.ignoredColumns', 'id', { columns: report.ignoredColumns.join(', ') }));
  const { rows, created, updated, unchanged, rejected } = report;
  const counts = { rows, created, updated, unchanged, rejected };
  lines.push(
    `${say('import.summaryOf', 'id', { kind: report.kind })} ${say('import.summaryCounts', 'id', counts)} ` +
      `(${say('import.summaryCounts', 'en', counts)})`,
  );
  return lines.join('\n');
}
