import { ISO_WEEK_PATTERN, mondayOfIsoWeek } from './calendar';
import type { Language } from './program';

/** How amounts and weeks are shown to people, in every message and digest. */

const MONTHS: Record<Language, string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  su: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nop', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** `1500000` → `Rp1.500.000`, the way Indonesian receipts write it. */
export function formatRupiah(amount: number): string {
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}Rp${digits}`;
}

/**
 * How a week is named in a sentence: "minggu ini" only for the week in progress, a past week by its
 * dates (`minggu 16-22 Nov 2026`), so that a report of last month is not called this week's.
 */
export function weekInSentence(isoWeek: string, thisWeek: string, language: 'id' | 'en'): string {
  if (isoWeek === thisWeek) return language === 'en' ? 'this week' : 'minggu ini';
  const dates = formatIsoWeek(isoWeek, language);
  return language === 'en' ? `the week of ${dates}` : `minggu ${dates}`;
}

/** `2026-W48` → `23-29 Nov 2026`: people know dates, not week numbers. */
export function formatIsoWeek(isoWeek: string, language: Language): string {
  if (!ISO_WEEK_PATTERN.test(isoWeek)) return isoWeek;
  const monday = mondayOfIsoWeek(isoWeek);
  const sunday = new Date(monday);
  sunday.setUTCDate(monday.getUTCDate() + 6);
  const month = (date: Date) => shortMonth(date, language);
  const start =
    monday.getUTCMonth() === sunday.getUTCMonth()
      ? `${monday.getUTCDate()}`
      : `${monday.getUTCDate()} ${month(monday)}`;
  return `${start}-${sunday.getUTCDate()} ${month(sunday)} ${sunday.getUTCFullYear()}`;
}

/** The month of a UTC date as people abbreviate it (`Agu`, `Nov`), for labels that must be short. */
export function shortMonth(date: Date, language: Language): string {
  return MONTHS[language][date.getUTCMonth()] ?? '';
}
