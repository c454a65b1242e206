import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

/** A CSV as Excel with Indonesian settings reads it: UTF-8 after a byte order mark, `;` between cells. */
export async function openCsv(path: string) {
  const bytes = await readFile(path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
  const [headers = [], ...rows] = parse(text, { delimiter: ';', record_delimiter: '\r\n' }) as string[][];
  return {
    headers,
    rows: rows.map((cells) => new Map(headers.map((header, index) => [header, cells[index]]))),
  };
}
