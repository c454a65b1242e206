import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { wallClockOf } from '../domain/calendar';

/**
 * What every export writes, as .xlsx or CSV: a sheet of columns whose kind decides how a value is
 * kept intact in Excel (amounts as numbers, times as dates in the programme's zone, phone numbers as
 * text).
 */
export type CellValue = string | number | Date | null;
export type CellKind = 'text' | 'identifier' | 'amount' | 'count' | 'time';

export interface Column<Row> {
  header: string;
  kind: CellKind;
  width: number;
  value: (row: Row) => CellValue;
}

export interface Sheet<Row> {
  name: string;
  columns: Column<Row>[];
}

export type ExportFormat = 'xlsx' | 'csv';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * The instant as the programme's clocks show it, as a date without a zone (Excel has none): its UTC
 * fields are the wall clock in `timeZone`, so 16:00 WIB reads 16:00 in the cell, not 09:00.
 */
export function wallClockDate(instant: Date, timeZone: string): Date {
  const { year, month, day, hour, minute } = wallClockOf(instant, timeZone);
  return new Date(Date.UTC(year, month - 1, day, hour, minute));
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `2026-11-21 16:00`: a date and time Excel recognises whatever the computer's regional settings. */
function csvTime(instant: Date, timeZone: string): string {
  const { year, month, day, hour, minute } = wallClockOf(instant, timeZone);
  return `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}`;
}

/**
 * Digits Excel would turn into a number and so lose: a leading zero (`0812…`), a `+` (`+62812…`,
 * also read as a formula), or more digits than it keeps (15), such as a NIK.
 */
const MANGLED_AS_NUMBER = /^(\+\d+|0\d+|\d{12,})$/;
/** A text Excel would run as a formula: `=HYPERLINK(...)` typed as a name, `+`, `-`, `@`. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell of a CSV line, before quoting: what Excel shows when it opens the file is `value`. */
export function csvCell(value: CellValue, kind: CellKind, timeZone: string): string {
  if (value === null || value === '') return '';
  if (value instanceof Date) return csvTime(value, timeZone);
  if (typeof value === 'number') return String(value);
  if ((kind === 'identifier' || MANGLED_AS_NUMBER.test(value)) && /^\+?\d+$/.test(value)) {
    // Excel shows the result of the constant formula ="0812…", which is the text itself.
    return `="${value}"`;
  }
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A CSV line for Excel with Indonesian settings, whose list separator is `;` (`,` is the decimal mark). */
export function csvLine(cells: string[]): string {
  return `${cells.map((cell) => (/[";\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(';')}\r\n`;
}

/** The byte order mark that makes Excel read the file as UTF-8 (names with accents, "Rp"). */
export const CSV_BOM = '\uFEFF';

/** Writes the rows as they come, so that a large export is never whole in memory; respects back-pressure. */
export async function writeCsv<Row>(
  output: Writable,
  sheet: Sheet<Row>,
  rows: Iterable<Row> | AsyncIterable<Row>,
  timeZone: string,
): Promise<number> {
  let count = 0;
  await written(output, CSV_BOM + csvLine(sheet.columns.map((column) => column.header)));
  for await (const row of rows) {
    await written(
      output,
      csvLine(sheet.columns.map((column) => csvCell(column.value(row), column.kind, timeZone))),
    );
    count += 1;
  }
  output.end();
  return count;
}

function written(output: Writable, text: string): Promise<void> {
  return output.write(text) ? Promise.resolve() : new Promise((resolve) => output.once('drain', resolve));
}

const NUMBER_FORMAT: Partial<Record<CellKind, string>> = {
  amount: '#,##0',
  time: 'yyyy-mm-dd hh:mm',
};

/** The same rows as a streamed workbook: each row is committed (written out) as soon as it is added. */
export async function writeXlsx<Row>(
  output: Writable,
  sheet: Sheet<Row>,
  rows: Iterable<Row> | AsyncIterable<Row>,
  timeZone: string,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  workbook.creator = 'Pendamping';
  // Excel allows 31 characters and no `:\/?*[]` in a sheet's name.
  const worksheet = workbook.addWorksheet(sheet.name.replace(/[:\\/?*[\]]/g, '-').slice(0, 31));
  worksheet.columns = sheet.columns.map((column, index) => ({
    header: column.header,
    key: String(index),
    width: column.width,
    style: NUMBER_FORMAT[column.kind] ? { numFmt: NUMBER_FORMAT[column.kind] } : {},
  }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.getRow(1).commit();
  let count = 0;
  for await (const row of rows) {
    worksheet
      .addRow(
        sheet.columns.map((column) => {
          const value = column.value(row);
          return value instanceof Date ? wallClockDate(value, timeZone) : value;
        }),
      )
      .commit();
    count += 1;
  }
  worksheet.commit();
  await workbook.commit();
  return count;
}

/** Either writer, by the format asked for. */
export function writeSheet<Row>(
  format: ExportFormat,
  output: Writable,
  sheet: Sheet<Row>,
  rows: Iterable<Row> | AsyncIterable<Row>,
  timeZone: string,
): Promise<number> {
  return format === 'csv'
    ? writeCsv(output, sheet, rows, timeZone)
    : writeXlsx(output, sheet, rows, timeZone);
}
