import { ISO_WEEK_PATTERN, mondayOfIsoWeek } from '../../domain/calendar';
import type { Language } from '../../domain/program';
import type { InputType } from '../flows/schema';
import type { AnswerValue } from './state';

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

/** `2026-W48` → `23-29 Nov 2026`: people know dates, not week numbers. */
export function formatIsoWeek(isoWeek: string, language: Language): string {
  if (!ISO_WEEK_PATTERN.test(isoWeek)) return isoWeek;
  const monday = mondayOfIsoWeek(isoWeek);
  const sunday = new Date(monday);
  sunday.setUTCDate(monday.getUTCDate() + 6);
  const months = MONTHS[language];
  const month = (date: Date) => months[date.getUTCMonth()] ?? '';
  const start =
    monday.getUTCMonth() === sunday.getUTCMonth()
      ? `${monday.getUTCDate()}`
      : `${monday.getUTCDate()} ${month(monday)}`;
  return `${start}-${sunday.getUTCDate()} ${month(sunday)} ${sunday.getUTCFullYear()}`;
}

export const YES_NO_LABELS: Record<Language, [string, string]> = {
  id: ['Ya', 'Tidak'],
  en: ['Yes', 'No'],
  su: ['Leres', 'Henteu'],
};

/** An answer as shown back to the person in a confirmation. */
export function formatAnswer(
  type: InputType | undefined,
  value: AnswerValue | undefined,
  language: Language,
): string {
  if (value === undefined || value === null) return '-';
  if (type === 'money' && typeof value === 'number') return formatRupiah(value);
  if (type === 'week' && typeof value === 'string') return formatIsoWeek(value, language);
  if (type === 'yes_no' && typeof value === 'boolean') return YES_NO_LABELS[language][value ? 0 : 1];
  if (typeof value === 'object') return Object.values(value).join(', ');
  return String(value);
}
