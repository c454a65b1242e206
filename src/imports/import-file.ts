import {
  matchHeadings,
  mentorColumns,
  participantColumns,
  puskesosColumns,
  staffColumns,
  type ColumnSet,
} from '../domain/imports/columns';
import type { Cell } from '../domain/imports/cells';
import { parseMentorRow } from '../domain/imports/mentor-row';
import { parseParticipantRow } from '../domain/imports/participant-row';
import { parsePuskesosRow } from '../domain/imports/puskesos-row';
import { RowReader, type RowProblem, type RowResult } from '../domain/imports/row';
import { parseStaffRow } from '../domain/imports/staff-row';
import { say } from '../i18n';
import { readTable, UnreadableFileError, type Table } from './read-table';
import { summarize, type ImportKind, type ImportReport, type StoreOutcome } from './report';
import { storeMentors, storeParticipants, storePuskesos, storeStaff, type StoreContext } from './store';
import { participantWarnings } from './warnings';

interface Importer<K extends string, R> {
  columns: ColumnSet<K>;
  parse(reader: RowReader<K>, today: Date): RowResult<R>;
  store(rows: R[], context: StoreContext): Promise<StoreOutcome[]>;
  /** What is stored but will not work as people expect: reported, never refused. */
  warn?(rows: R[], context: StoreContext): Promise<RowProblem[]>;
}

const importer = <K extends string, R>(definition: Importer<K, R>) => definition;

const IMPORTERS = {
  participants: importer({
    columns: participantColumns,
    parse: parseParticipantRow,
    store: storeParticipants,
    warn: participantWarnings,
  }),
  mentors: importer({ columns: mentorColumns, parse: parseMentorRow, store: storeMentors }),
  staff: importer({ columns: staffColumns, parse: parseStaffRow, store: storeStaff }),
  puskesos: importer({ columns: puskesosColumns, parse: parsePuskesosRow, store: storePuskesos }),
} satisfies Record<ImportKind, unknown>;

export interface ImportContext extends StoreContext {
  today: Date;
}

/**
 * Imports a CSV or XLSX file: every row is checked, valid rows are upserted by their natural key,
 * invalid ones are reported with row, column and reason and not stored. Throws
 * `UnreadableFileError` when the file itself cannot be used.
 */
export async function importFile(
  kind: ImportKind,
  path: string,
  context: ImportContext,
): Promise<ImportReport> {
  const table = await readTable(path);
  switch (kind) {
    case 'participants':
      return runImport(kind, path, table, IMPORTERS.participants, context);
    case 'mentors':
      return runImport(kind, path, table, IMPORTERS.mentors, context);
    case 'staff':
      return runImport(kind, path, table, IMPORTERS.staff, context);
    case 'puskesos':
      return runImport(kind, path, table, IMPORTERS.puskesos, context);
  }
}

async function runImport<K extends string, R>(
  kind: ImportKind,
  path: string,
  table: Table,
  { columns, parse, store, warn }: Importer<K, R>,
  context: ImportContext,
): Promise<ImportReport> {
  const headings = matchHeadings(columns, table.headings);
  if (headings.missing.length > 0) {
    throw new UnreadableFileError(
      say('import.missingColumns', 'id', {
        file: path,
        missing: headings.missing.join(', '),
        headings: table.headings.join(', '),
      }),
    );
  }
  const positions = new Map<K, number>(
    [...headings.found].map(([column, heading]) => [column, table.headings.indexOf(heading)]),
  );

  const valid: R[] = [];
  const problems: RowProblem[] = [];
  for (const { row, cells } of table.rows) {
    const byColumn = new Map<K, Cell>([...positions].map(([column, index]) => [column, cells[index]]));
    const result = parse(new RowReader(row, byColumn, headings.found), context.today);
    if (result.ok) valid.push(result.value);
    else problems.push(...result.problems);
  }
  const outcomes = await store(valid, context);
  const stored = valid.filter((_row, index) => !Array.isArray(outcomes[index]));
  const warnings = warn ? await warn(stored, context) : [];
  return summarize(kind, path, table.rows.length, problems, outcomes, headings.ignored, warnings);
}
