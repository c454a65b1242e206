import { say, shortMonth, type Language } from '../i18n';
import { ISO_WEEK_PATTERN, mondayOfIsoWeek } from './calendar';

/** How weeks are shown to people, in every message and digest. */

// Pages and conversations still take the shared formatting from here until they adopt src/i18n/.
export { formatRupiah, shortMonth } from '../i18n';

/**
 * How a week is named in a sentence: "minggu ini" only for the week in progress, a past week by its
 * dates (`minggu 16-22 Nov 2026`), so that a report of last month is not called this week's.
 */
export function weekInSentence(isoWeek: string, thisWeek: string, language: 'id' | 'en'): string {
  if (isoWeek === thisWeek) return say('conversation.thisWeek', language);
  return say('conversation.theWeekOf', language, { dates: formatIsoWeek(isoWeek, language) });
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

/** Whom lists of participants put first: by kecamatan, desa, then name, as the programme's sheets do. */
export const byPlaceAndName = (
  a: { kecamatan: string; desa: string; name: string },
  b: { kecamatan: string; desa: string; name: string },
) => a.kecamatan.localeCompare(b.kecamatan) || a.desa.localeCompare(b.desa) || a.name.localeCompare(b.name);
