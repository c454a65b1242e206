import { REMINDER_LEAD_MS } from '../../domain/complaints';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';

export type SlaBadge = 'terlambat' | 'hampir' | 'aman' | 'selesai';

/**
 * A complaint's standing against its next deadline, as staff are alerted in chat: past it is
 * `terlambat`, within the reminder's lead (4 hours) `hampir`, else `aman`; without a deadline
 * (answered or closed) there is nothing to meet.
 */
export function slaBadgeOf(dueAt: Date | undefined, now: Date): SlaBadge {
  if (!dueAt) return 'selesai';
  if (dueAt <= now) return 'terlambat';
  if (dueAt.getTime() - now.getTime() <= REMINDER_LEAD_MS) return 'hampir';
  return 'aman';
}

const BADGE_LABELS: Record<SlaBadge, [string, string]> = {
  terlambat: ['terlambat', 'overdue'],
  hampir: ['hampir', 'due soon'],
  aman: ['aman', 'on time'],
  selesai: ['—', '—'],
};

/** A deadline's standing as a coloured word, the same for complaints and requests for a person. */
export const slaBadge = (t: Translate, kind: SlaBadge): SafeHtml =>
  html`<span class="badge ${kind}">${t(...BADGE_LABELS[kind])}</span>`;

const ORDER: Record<SlaBadge, number> = { terlambat: 0, hampir: 1, aman: 2, selesai: 3 };

/** Overdue first, then by the nearest deadline; those without one last, newest first. */
export function inboxOrder<T extends { dueAt?: Date | undefined; createdAt: Date; number: string }>(
  complaints: T[],
  now: Date,
): T[] {
  return [...complaints].sort(
    (a, b) =>
      ORDER[slaBadgeOf(a.dueAt, now)] - ORDER[slaBadgeOf(b.dueAt, now)] ||
      (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0) ||
      b.createdAt.getTime() - a.createdAt.getTime() ||
      a.number.localeCompare(b.number),
  );
}
