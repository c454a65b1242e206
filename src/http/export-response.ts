import { PassThrough } from 'node:stream';
import type { Response } from 'express';
import { CONTENT_TYPES, writeSheet, type ExportFormat, type Sheet } from '../exports/spreadsheet';

/**
 * Sends rows as a downloaded file, written as they come (a cursor's rows are never all in memory).
 * The audit line, which needs the number of rows, is written before the file's last byte: a file
 * whose audit fails never arrives whole, and one that arrived whole is in the log.
 */
export async function sendSheet<Row>(
  response: Response,
  download: { fileName: string; format: ExportFormat; timeZone: string },
  sheet: Sheet<Row>,
  rows: Iterable<Row> | AsyncIterable<Row>,
  audit: (count: number) => Promise<unknown>,
): Promise<void> {
  response.setHeader('content-disposition', `attachment; filename="${download.fileName}.${download.format}"`);
  response.type(CONTENT_TYPES[download.format]);
  // The download has begun: a year's file may take longer than a request's deadline to write whole.
  response.flushHeaders();
  const body = new PassThrough();
  const flushed = new Promise<void>((resolve, reject) => {
    body.once('end', resolve);
    body.once('error', reject);
  });
  body.pipe(response, { end: false });
  const count = await writeSheet(download.format, body, sheet, rows, download.timeZone);
  await flushed;
  await audit(count);
  response.end();
}
