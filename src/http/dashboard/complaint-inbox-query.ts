import { Types } from 'mongoose';
import { z } from 'zod';
import { COMPLAINT_STATUSES, isOpen } from '../../domain/complaints';
import { dayNumberOf, instantAt } from '../../domain/calendar';
import type { ComplaintIndexEntry } from '../../domain/complaints/complaint-index';
import { complaintNumber } from '../actions/complaints';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const objectId = z.string().refine((text) => Types.ObjectId.isValid(text) && text.length === 24);

/**
 * The inbox's choices as the address carries them (so a filtered page can be bookmarked and shared):
 * an empty field of the form means "any", as if it were absent.
 */
export const inboxQuery = z.object({
  cari: z.string().trim().max(100).optional(),
  /** `terbuka` (not closed, the default), `terlambat` (open and past its deadline), `semua`, or one status. */
  status: z.enum(['terbuka', 'terlambat', 'semua', ...COMPLAINT_STATUSES]).optional(),
  kategori: z
    .string()
    .regex(/^[a-z_]{1,30}$/)
    .optional(),
  puskesos: objectId.optional(),
  /** A staff member's id, or `belum` for those nobody has taken. */
  petugas: z.union([z.literal('belum'), objectId]).optional(),
  dari: z.string().regex(DAY).optional(),
  sampai: z.string().regex(DAY).optional(),
  /** The page after this number (pages run newest first by number, which follows `createdAt`). */
  sebelum: complaintNumber.optional(),
  /** The "Belum ada Puskesos" queue's own page key. */
  antrean: complaintNumber.optional(),
});

export type InboxQuery = z.infer<typeof inboxQuery>;

/** The query with its empty fields dropped, and the earlier `?tampil=semua` read as `status=semua`. */
export function inboxQueryOf(raw: Record<string, unknown>) {
  const given = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => !(typeof value === 'string' && value.trim() === '')),
  );
  const { tampil, ...rest } = given;
  return inboxQuery
    .strict()
    .safeParse(tampil === 'semua' && !rest.status ? { ...rest, status: 'semua' } : rest);
}

/** What each field is, with an example, for the page that refuses a choice it cannot read. */
export const INBOX_FIELD_EXAMPLES: Record<string, { id: string; en: string }> = {
  cari: { id: 'cari (paling banyak 100 huruf)', en: 'search (at most 100 characters)' },
  status: { id: 'status (contoh: terbuka, semua, new)', en: 'status (for example: terbuka, semua, new)' },
  kategori: { id: 'kategori (contoh: rtlh)', en: 'category (for example: rtlh)' },
  puskesos: { id: 'Puskesos', en: 'Puskesos' },
  petugas: { id: 'petugas', en: 'staff' },
  dari: { id: 'dari tanggal (contoh 2026-11-01)', en: 'from date (for example 2026-11-01)' },
  sampai: { id: 'sampai tanggal (contoh 2026-11-30)', en: 'to date (for example 2026-11-30)' },
  sebelum: { id: 'halaman (contoh PGD-2026-000123)', en: 'page (for example PGD-2026-000123)' },
  antrean: { id: 'halaman antrean (contoh PGD-2026-000123)', en: 'queue page (for example PGD-2026-000123)' },
};

const startOfDay = (day: string, timeZone: string) =>
  instantAt(dayNumberOf(new Date(`${day}T12:00:00Z`), 'UTC'), 0, 0, timeZone);

/** Whether a search is a complaint's number (then neither names nor texts are searched). */
export const searchesNumber = (text: string) => numberPattern(text) !== undefined;

/**
 * The search as a number: the whole `PGD-2026-000123`, or its end (`123`, `2026-000123`), which staff
 * read out over the phone.
 */
function numberPattern(text: string): RegExp | undefined {
  const match = /^(?:PGD-)?(?:(\d{4})-)?(\d{1,6})$/i.exec(text);
  if (!match) return undefined;
  const [, year, serial = ''] = match;
  return new RegExp(`^PGD-${year ?? '\\d{4}'}-${serial.padStart(6, '0')}$`);
}

/**
 * Whether a complaint's list entry is among the inbox's choices and after its page's key. Pure: the
 * caller reads the viewer's scope's indexes, and passes in the numbers of the complaints whose text
 * holds the words searched for (a search by words is the one choice the index cannot answer).
 */
export function inboxSelects(
  query: InboxQuery,
  context: { now: Date; timeZone: string; withWords: ReadonlySet<string> },
): (entry: ComplaintIndexEntry) => boolean {
  const status = query.status ?? 'terbuka';
  const from = query.dari ? startOfDay(query.dari, context.timeZone) : undefined;
  const until = query.sampai
    ? new Date(startOfDay(query.sampai, context.timeZone).getTime() + 86_400_000)
    : undefined;
  const searched = query.cari ? numberPattern(query.cari) : undefined;
  const words = query.cari && !searched ? query.cari.toLocaleLowerCase('id') : undefined;
  const statusFits = (entry: ComplaintIndexEntry) =>
    status === 'semua' ||
    (status === 'terbuka' && entry.status !== 'closed') ||
    (status === 'terlambat' &&
      isOpen(entry.status) &&
      entry.dueAt !== undefined &&
      entry.dueAt <= context.now) ||
    entry.status === status;
  return (entry) =>
    statusFits(entry) &&
    (!query.kategori || entry.category === query.kategori) &&
    (!query.puskesos || entry.puskesos === query.puskesos) &&
    (!query.petugas || (query.petugas === 'belum' ? !entry.assignee : entry.assignee === query.petugas)) &&
    (!from || entry.createdAt >= from) &&
    (!until || entry.createdAt < until) &&
    (!query.sebelum || entry.number < query.sebelum) &&
    (!searched || searched.test(entry.number)) &&
    (!words ||
      context.withWords.has(entry.number) ||
      Boolean(entry.complainant?.toLocaleLowerCase('id').includes(words)));
}

/** Whether a search is by words (a name or the complaint's text), not by number. */
export const searchesWords = (query: InboxQuery) => Boolean(query.cari && !searchesNumber(query.cari));

/** The inbox's address with these choices (and a page key), for links that keep the filters. */
export function inboxPath(query: InboxQuery): string {
  const fields = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) fields.set(key, value);
  const search = fields.toString();
  return search ? `/dashboard/pengaduan?${search}` : '/dashboard/pengaduan';
}
