import { say } from '../../i18n';
import { monthNumber } from '../calendar';
import { fail, ok, type Result } from '../result';

/** A spreadsheet cell as read from CSV (always text) or XLSX (text, number or date). */
export type Cell = string | number | Date | undefined;

export function cellText(cell: Cell): string {
  if (cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/**
 * A calendar date as offices write it: `2026-03-01`, `1/3/2026`, `01-03-2026` (day first, as in
 * Indonesia), `1 Maret 2026`, or an Excel date cell. Returned as midnight UTC of that day.
 */
export function parseDateCell(cell: Cell): Result<Date> {
  if (cell instanceof Date)
    return ok(new Date(Date.UTC(cell.getUTCFullYear(), cell.getUTCMonth(), cell.getUTCDate())));
  const text = cellText(cell).toLowerCase();
  let parts: [number, number, number] | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const written = /^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$/.exec(text);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst) parts = [Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1])];
  else if (written && monthNumber(written[2] ?? ''))
    parts = [Number(written[3]), monthNumber(written[2] ?? '') ?? 0, Number(written[1])];
  if (!parts) return fail(say('import.dateUnreadable', 'id'));
  const [year, month, day] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return fail(say('import.dateNotInCalendar', 'id'));
  if (year < 2015 || year > 2100) return fail(say('import.yearOutsideProgram', 'id', { year }));
  return ok(date);
}

/** Whole Rupiah as written in a spreadsheet: `3500000`, `3.500.000`, `Rp 3.500.000,-`. */
export function parseRupiahCell(cell: Cell): Result<number> {
  if (typeof cell === 'number') {
    return Number.isSafeInteger(cell) && cell >= 0 ? ok(cell) : fail(say('import.amountNotWhole', 'id'));
  }
  const text = cellText(cell)
    .replace(/^(rp\.?|idr)\s*/i, '')
    .replace(/,-$/, '')
    .replace(/,00$/, '');
  if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(text)) return fail(say('import.amountUnreadable', 'id'));
  const amount = Number(text.replace(/\./g, ''));
  return Number.isSafeInteger(amount) ? ok(amount) : fail(say('import.amountTooLarge', 'id'));
}

/** `Cililin, Cihampelas; Batujajar` → three names; empty entries dropped. */
export function listCell(cell: Cell): string[] {
  return cellText(cell)
    .split(/[,;/]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
