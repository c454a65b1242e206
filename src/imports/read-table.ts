import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Cell } from '../domain/imports/cells';
import { say } from '../i18n';

/** A sheet as read from a file: its headings and its data rows, numbered as a spreadsheet shows them. */
export interface Table {
  headings: string[];
  rows: { row: number; cells: Cell[] }[];
}

/** The file cannot be read at all (missing, unknown format, corrupt, empty); no row was looked at. */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
}

export async function readTable(path: string): Promise<Table> {
  const extension = extname(path).toLowerCase();
  if (extension !== '.csv' && extension !== '.xlsx') {
    throw new UnreadableFileError(say('import.onlyCsvOrXlsx', 'id', { file: path }));
  }
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    throw new UnreadableFileError(
      say('import.unreadable', 'id', { file: path, code: (error as NodeJS.ErrnoException).code ?? 'error' }),
    );
  }
  const grid = extension === '.csv' ? readCsv(path, content) : await readXlsx(path, content);
  const headerIndex = grid.findIndex((line) =>
    line.some((cell) => cell !== undefined && String(cell).trim() !== ''),
  );
  if (headerIndex < 0) throw new UnreadableFileError(say('import.empty', 'id', { file: path }));
  const headings = (grid[headerIndex] ?? []).map((cell) => (cell === undefined ? '' : String(cell).trim()));
  const rows = grid
    .map((cells, index) => ({ row: index + 1, cells }))
    .slice(headerIndex + 1)
    .filter(({ cells }) => cells.some((cell) => cell !== undefined && String(cell).trim() !== ''));
  return { headings, rows };
}

function readCsv(path: string, content: Buffer): Cell[][] {
  const text = content.toString('utf8');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  // Spreadsheets set to Indonesian export CSV with semicolons, since the comma is the decimal mark.
  const delimiter = (firstLine.match(/;/g) ?? []).length > (firstLine.match(/,/g) ?? []).length ? ';' : ',';
  try {
    return parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw new UnreadableFileError(
      say('import.invalidCsv', 'id', { file: path, detail: (error as Error).message }),
    );
  }
}

async function readXlsx(path: string, content: Buffer): Promise<Cell[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableFileError(
      say('import.invalidXlsx', 'id', { file: path, detail: (error as Error).message }),
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError(say('import.noSheet', 'id', { file: path }));
  const grid: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    grid[rowNumber - 1] = cells;
  });
  return Array.from(grid, (cells) => cells ?? []);
}

/** Flattens exceljs's cell values (rich text, formulas, hyperlinks) to what a person sees. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return cellValue((value as ExcelJS.CellFormulaValue).result ?? null);
  }
  if ('hyperlink' in value) return value.text;
  return undefined;
}
