import { auditDayOf, auditDaysBack, dayBefore, firstAuditDay, type AuditDayEntry } from '../../db/audit-days';
import type { Models } from '../../db/models';
import { instantAt } from '../../domain/calendar';

/** How many days one view of the audit log reads at most: a filter matching little stops there, with a link to go on. */
export const AUDIT_DAYS_PER_VIEW = 62;

/** A date typed in a filter, `2026-12-08`. */
export const AUDIT_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Where a page of the log starts: before the entry at `index` of `day` (in the order written). */
export const AUDIT_CURSOR = /^(\d{4}-\d{2}-\d{2})\.(\d{1,7})$/;
/** After any entry a day can hold. */
const END_OF_DAY = 9_999_999;

export interface AuditSelection {
  /** An action's prefix (`sign_in`). */
  action?: string | undefined;
  /** The actors meant, when the filter names some. */
  actors?: ReadonlySet<string> | undefined;
  /** Up to the end of this local date, and from the start of that one. */
  until?: string | undefined;
  since?: string | undefined;
}

/** The instant a local date ends in `timeZone`. */
const endOfLocalDate = (date: string, timeZone: string) =>
  instantAt(Date.parse(`${date}T00:00:00Z`) / 86_400_000 + 1, 0, 0, timeZone);

/** Whether an entry is one the selection asks for, and its days (UTC) to read, newest first. */
function selectionOf(selection: AuditSelection, now: Date, timeZone: string) {
  const until = selection.until ? endOfLocalDate(selection.until, timeZone) : undefined;
  const since = selection.since ? endOfLocalDate(dayBefore(selection.since), timeZone) : undefined;
  return {
    keep: (entry: AuditDayEntry) =>
      (!selection.action || entry.action.startsWith(selection.action)) &&
      (!selection.actors || selection.actors.has(entry.actor)) &&
      (!until || entry.at < until) &&
      (!since || entry.at >= since),
    newestDay: auditDayOf(until ? new Date(until.getTime() - 1) : now),
    oldestDay: since ? auditDayOf(since) : undefined,
  };
}

export interface AuditPage {
  entries: AuditDayEntry[];
  /** The cursor of the next older page, when there may be one. */
  older: string | undefined;
}

/**
 * One page of the log, newest first: the days read by `_id` from the cursor's (or the selection's
 * newest) back, filtered as they come, until a page and one more are found, the earliest day is
 * passed, or `AUDIT_DAYS_PER_VIEW` days are read (then the next page goes on from there).
 */
export async function readAuditPage(
  models: Models,
  selection: AuditSelection,
  cursor: string | undefined,
  { now, timeZone, size }: { now: Date; timeZone: string; size: number },
): Promise<AuditPage> {
  const first = await firstAuditDay(models);
  if (!first) return { entries: [], older: undefined };
  const { keep, newestDay, oldestDay } = selectionOf(selection, now, timeZone);
  const at = cursor ? AUDIT_CURSOR.exec(cursor) : null;
  const start = at
    ? { day: at[1] ?? newestDay, index: Number(at[2]) }
    : { day: newestDay, index: END_OF_DAY };
  const last = oldestDay && oldestDay > first ? oldestDay : first;
  const found: { entry: AuditDayEntry; day: string; index: number }[] = [];
  let lastRead: string | undefined;
  for await (const { day, entries } of auditDaysBack(models, start.day, last, AUDIT_DAYS_PER_VIEW)) {
    lastRead = day;
    const top = day === start.day ? Math.min(start.index, entries.length) : entries.length;
    for (let index = top - 1; index >= 0 && found.length <= size; index--) {
      const entry = entries[index];
      if (entry && keep(entry)) found.push({ entry, day, index });
    }
    if (found.length > size) break;
  }
  const shown = found.slice(0, size);
  const lastShown = shown.at(-1);
  const older =
    found.length > size && lastShown
      ? `${lastShown.day}.${lastShown.index}`
      : lastRead && lastRead > last
        ? `${dayBefore(lastRead)}.${END_OF_DAY}`
        : undefined;
  return { entries: shown.map(({ entry }) => entry), older };
}

/**
 * Every entry of the selection, newest first, day by day (each by `_id`): what an export writes as it
 * reads, however long the log.
 */
export async function* auditEntries(
  models: Models,
  selection: AuditSelection,
  { now, timeZone }: { now: Date; timeZone: string },
): AsyncGenerator<AuditDayEntry> {
  const first = await firstAuditDay(models);
  if (!first) return;
  const { keep, newestDay, oldestDay } = selectionOf(selection, now, timeZone);
  const last = oldestDay && oldestDay > first ? oldestDay : first;
  for await (const { entries } of auditDaysBack(models, newestDay, last, Number.MAX_SAFE_INTEGER)) {
    for (let index = entries.length - 1; index >= 0; index--) {
      const entry = entries[index];
      if (entry && keep(entry)) yield entry;
    }
  }
}
