import { Types } from 'mongoose';
import { z } from 'zod';
import { COMPLAINT_STATUSES } from '../../domain/complaints';
import { literalPattern } from '../../db/regex';
import { dayNumberOf, instantAt } from '../../domain/calendar';
import { OPEN_STATUSES } from '../../domain/complaints/lifecycle';
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
 * The one query of an inbox page: the viewer's scope, the choices, and the page's key. Pure; the
 * participants whose name matches the search are looked up by the caller and passed in.
 */
export function inboxFilter(
  query: InboxQuery,
  scope: { puskesos?: Types.ObjectId },
  context: { now: Date; timeZone: string; namedParticipants: readonly Types.ObjectId[] },
): Record<string, unknown> {
  const status = query.status ?? 'terbuka';
  const created: Record<string, Date> = {};
  if (query.dari) created.$gte = startOfDay(query.dari, context.timeZone);
  if (query.sampai) {
    created.$lt = new Date(startOfDay(query.sampai, context.timeZone).getTime() + 86_400_000);
  }
  const numbers: Record<string, unknown> = {};
  if (query.sebelum) numbers.$lt = query.sebelum;
  const searched = query.cari ? numberPattern(query.cari) : undefined;
  if (searched) numbers.$regex = searched;
  const text = query.cari && !searched ? new RegExp(literalPattern(query.cari), 'i') : undefined;
  return {
    ...scope,
    ...(status === 'terbuka' ? { status: { $ne: 'closed' } } : {}),
    ...(status === 'terlambat' ? { status: { $in: OPEN_STATUSES }, dueAt: { $lte: context.now } } : {}),
    ...(status !== 'terbuka' && status !== 'terlambat' && status !== 'semua' ? { status } : {}),
    ...(query.kategori ? { category: query.kategori } : {}),
    ...(query.puskesos && !scope.puskesos ? { puskesos: new Types.ObjectId(query.puskesos) } : {}),
    ...(query.petugas === 'belum' ? { assignee: { $exists: false } } : {}),
    ...(query.petugas && query.petugas !== 'belum' ? { assignee: new Types.ObjectId(query.petugas) } : {}),
    ...(Object.keys(created).length > 0 ? { createdAt: created } : {}),
    ...(Object.keys(numbers).length > 0 ? { number: numbers } : {}),
    ...(text ? { $or: [{ text }, { participant: { $in: [...context.namedParticipants] } }] } : {}),
  };
}

/** The inbox's address with these choices (and a page key), for links that keep the filters. */
export function inboxPath(query: InboxQuery): string {
  const fields = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) fields.set(key, value);
  const search = fields.toString();
  return search ? `/dashboard/pengaduan?${search}` : '/dashboard/pengaduan';
}
