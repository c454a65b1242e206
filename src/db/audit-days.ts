import type { Types } from 'mongoose';
import { isDuplicateKey } from './errors';
import { KeyedWriteGroups } from './group-commit';
import { writeUnderLease } from './leases';
import type { Models } from './models';
import { FIRST_AUDIT_DAY } from './models/audit-day';

/** An audit entry as its day keeps it. */
export interface AuditDayEntry {
  event: Types.ObjectId | string;
  at: Date;
  actor: string;
  action: string;
  target?: string | undefined;
  from?: string | undefined;
  details?: Record<string, unknown> | undefined;
}

/** The UTC date of an instant, `2026-12-08`: the key of its day. */
export const auditDayOf = (at: Date) => at.toISOString().slice(0, 10);

/** The day before `day`. */
export const dayBefore = (day: string) => auditDayOf(new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000));

/**
 * A day's document takes every entry of the day, and FerretDB applies a `$push` by reading and writing
 * the document back: each write holds the day's lease, and the entries that arrive meanwhile go in the
 * next write together (as week summaries do).
 */
const DAY_LEASE = { ttlMs: 10_000, patienceMs: 10_000 };

/** Keeps the earliest day named, where a page reading older days stops. */
async function noteFirstDay(models: Models, day: string): Promise<void> {
  await models.auditDays.create({ _id: FIRST_AUDIT_DAY, day }).catch((error: unknown) => {
    if (!isDuplicateKey(error)) throw error;
  });
}

const holdingDay = (models: Models, day: string, write: () => Promise<unknown>) =>
  writeUnderLease(models, `audit-day:${day}`, new Date(), DAY_LEASE, write);

/** A day's entries, pushed together under the day's lease. */
const dayWrites = new KeyedWriteGroups<Models, AuditDayEntry>((models, day, entries) =>
  holdingDay(models, day, async () => {
    const result = await models.auditDays.updateOne(
      { _id: day },
      { $push: { entries: { $each: entries } } },
      { upsert: true },
    );
    if (result.upsertedCount > 0) await noteFirstDay(models, day);
  }),
);

/** Appends an entry (already in `audit_events`) to its day. */
export function appendToAuditDay(models: Models, entry: AuditDayEntry): Promise<void> {
  return dayWrites.add(models, auditDayOf(entry.at), entry);
}

/** The entries of these days, each day read by `_id`; a day without entries gives none. */
export async function readAuditDays(
  models: Models,
  days: readonly string[],
): Promise<Map<string, AuditDayEntry[]>> {
  const found = await Promise.all(days.map((day) => models.auditDays.findById(day).lean()));
  return new Map(days.map((day, index) => [day, (found[index]?.entries ?? []) as AuditDayEntry[]]));
}

/** How many days are read at once (in parallel, each by `_id`) when reading back through the log. */
const DAYS_AT_ONCE = 7;

/**
 * Each day's entries (in the order written), newest day first, from `from` back to `last` (the earliest
 * day wanted, at the latest the earliest day with entries), at most `maxDays` days.
 */
export async function* auditDaysBack(
  models: Models,
  from: string,
  last: string,
  maxDays: number,
): AsyncGenerator<{ day: string; entries: AuditDayEntry[] }> {
  let day = from;
  let read = 0;
  while (day >= last && read < maxDays) {
    const batch: string[] = [];
    while (batch.length < DAYS_AT_ONCE && day >= last && read + batch.length < maxDays) {
      batch.push(day);
      day = dayBefore(day);
    }
    const found = await readAuditDays(models, batch);
    for (const one of batch) yield { day: one, entries: found.get(one) ?? [] };
    read += batch.length;
  }
}

/** The earliest day with entries, if any. */
export async function firstAuditDay(models: Models): Promise<string | undefined> {
  const first = await models.auditDays.findById(FIRST_AUDIT_DAY).lean();
  return first?.day ?? undefined;
}

/**
 * Replaces the copy of one entry in its day (an erasure's redaction of what a change said), under the
 * day's lease.
 */
export async function replaceInAuditDay(
  models: Models,
  event: Types.ObjectId,
  at: Date,
  details: Record<string, unknown>,
): Promise<void> {
  const day = auditDayOf(at);
  await holdingDay(models, day, async () => {
    const stored = await models.auditDays.findById(day).lean();
    const entries = (stored?.entries ?? []) as AuditDayEntry[];
    const index = entries.findIndex((entry) => String(entry.event) === String(event));
    if (index >= 0)
      await models.auditDays.updateOne({ _id: day }, { $set: { [`entries.${index}.details`]: details } });
  });
}

/**
 * Builds every day again from `audit_events`, read once: after entries were written around the service
 * (old data, a seed), or to check the days. Returns how many days it wrote.
 */
export async function rebuildAuditDays(models: Models): Promise<number> {
  const days = new Map<string, AuditDayEntry[]>();
  const events = models.auditEvents.find({}).lean().cursor();
  for await (const event of events) {
    const day = auditDayOf(event.at);
    const entries = days.get(day) ?? [];
    entries.push({
      event: event._id,
      at: event.at,
      actor: event.actor,
      action: event.action,
      ...(event.target ? { target: event.target } : {}),
      ...(event.from ? { from: event.from } : {}),
      ...(event.details ? { details: event.details as Record<string, unknown> } : {}),
    });
    days.set(day, entries);
  }
  // In the order written: by time, and `_id` (an ObjectId grows as entries are made) within an instant.
  const order = (a: AuditDayEntry, b: AuditDayEntry) =>
    +a.at - +b.at || String(a.event).localeCompare(String(b.event));
  for (const [day, entries] of days) {
    await holdingDay(models, day, () =>
      models.auditDays.replaceOne({ _id: day }, { _id: day, entries: entries.sort(order) }, { upsert: true }),
    );
  }
  const earliest = [...days.keys()].sort()[0];
  if (earliest)
    await models.auditDays.replaceOne(
      { _id: FIRST_AUDIT_DAY },
      { _id: FIRST_AUDIT_DAY, day: earliest },
      { upsert: true },
    );
  return days.size;
}
