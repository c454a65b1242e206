import type { Response } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { Account } from '../../auth';
import { wallClockOf } from '../../domain/calendar';
import type { ApiDependencies } from '../api/v1/dependencies';
import { sessionScopeOf } from '../../auth/scopes';
import type { Translate } from './language';
import { refuseWith, type Viewer } from './layout';
import { refusal } from './page';

export const objectId = z.string().regex(/^[0-9a-f]{24}$/i);

export const ACTING_PAGE = 'dashboard';

/** Puskesos staff have no sessions: the page says so rather than showing an empty list. */
export const staffRefusal = refusal(
  403,
  (t) => t('Tidak berhak', 'Not allowed'),
  (t) =>
    t(
      'Halaman sesi pendampingan hanya untuk pendamping dan admin Dinsos.',
      'The mentoring sessions pages are for mentors and Dinsos admins only.',
    ),
);

/** A declared session page's `refuses`: anyone without sessions (Puskesos staff) is told so. */
export const refusedWithoutSessions = (account: Account) =>
  sessionScopeOf(account) ? undefined : staffRefusal;

export const missingRefusal = refusal(
  404,
  (t) => t('Tidak ditemukan', 'Not found'),
  (t) => t('Sesi ini tidak ditemukan di antara sesi Anda.', 'This session is not among yours.'),
);

export const refuseStaff = (response: Response, viewer: Viewer) => refuseWith(response, staffRefusal, viewer);

export const refuseMissing = (response: Response, viewer: Viewer) =>
  refuseWith(response, missingRefusal, viewer);

/**
 * A session the account may see and change, by its address: the scope is part of the query, so
 * another mentor's session is simply not found.
 */
export async function sessionInScope(models: ApiDependencies['models'], account: Account, id: unknown) {
  const scope = sessionScopeOf(account);
  if (!scope || typeof id !== 'string' || !objectId.safeParse(id).success) return null;
  // Read by `_id` alone (the one filter served by an index), the scope checked on what was read.
  const session = await models.mentoringSessions.findById(new Types.ObjectId(id)).lean();
  return session && (!scope.mentor || session.mentor.equals(scope.mentor)) ? session : null;
}

export const STATUS_LABELS = {
  planned: ['direncanakan', 'planned'],
  done: ['sudah berlangsung', 'held'],
  cancelled: ['dibatalkan', 'cancelled'],
} as const;

export const statusLabel = (t: Translate, status: keyof typeof STATUS_LABELS) =>
  t(STATUS_LABELS[status][0], STATUS_LABELS[status][1]);

/** `2026-12-03` and `09:00`, as the date and time inputs hold a session's start in the program's zone. */
export function dateAndTimeOf(startsAt: Date, timeZone: string): { tanggal: string; jam: string } {
  const wall = wallClockOf(startsAt, timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    tanggal: `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`,
    jam: `${pad(wall.hour)}:${pad(wall.minute)}`,
  };
}

/** `Kamis, 3 Desember 2026 09.00`: a session's time on a page, in its language and the program's zone. */
export function pageTime(startsAt: Date, language: 'id' | 'en', timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(startsAt);
}

/** A form field that may be sent once, many times or not at all (checkboxes), as a list. */
export const listOf = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
