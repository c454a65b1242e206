import type { Response } from 'express';
import { CONTENT_TYPES, writeSheet, type ExportFormat, type Sheet } from '../exports/spreadsheet';

/**
 * Sends rows as a downloaded file, written as they come (a cursor's rows are never all in memory);
 * answers with the number of rows, for the audit line.
 */
export function sendSheet<Row>(
  response: Response,
  fileName: string,
  format: ExportFormat,
  sheet: Sheet<Row>,
  rows: Iterable<Row> | AsyncIterable<Row>,
  timeZone: string,
): Promise<number> {
  response.setHeader('content-disposition', `attachment; filename="${fileName}.${format}"`);
  response.type(CONTENT_TYPES[format]);
  return writeSheet(format, response, sheet, rows, timeZone);
}
