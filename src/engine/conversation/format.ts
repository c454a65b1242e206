import { formatIsoWeek, formatRupiah } from '../../domain/display';
import type { Language } from '../../domain/program';
import { sessionTime } from '../../domain/sessions/messages';
import type { InputType } from '../flows/schema';
import type { AnswerValue } from './state';

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
  timeZone = 'Asia/Jakarta',
): string {
  if (value === undefined || value === null) return '-';
  if (type === 'money' && typeof value === 'number') return formatRupiah(value);
  if (type === 'week' && typeof value === 'string') return formatIsoWeek(value, language);
  if (type === 'datetime' && typeof value === 'string')
    return sessionTime(new Date(value), language, timeZone);
  if (type === 'yes_no' && typeof value === 'boolean') return YES_NO_LABELS[language][value ? 0 : 1];
  if (typeof value === 'object') return Object.values(value).join(', ');
  return String(value);
}
