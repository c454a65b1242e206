import { isoWeekOf, shiftIsoWeek } from '../../domain/calendar';
import { formatIsoWeek, formatRupiah } from '../../domain/display';
import type { ConversationContext } from '../messages';
import type { Language } from '../../domain/program';
import { sessionTime } from '../../domain/sessions/messages';
import type { InputType } from '../flows/schema';
import type { AnswerValue } from './state';

export const YES_NO_LABELS: Record<Language, [string, string]> = {
  id: ['Ya', 'Tidak'],
  en: ['Yes', 'No'],
  su: ['Leres', 'Henteu'],
};

/** `{sales}` shows a saved answer; `{week|when}` says a week as a question about it does ("minggu lalu"). */
export const PLACEHOLDER = /\{([a-z_]+)(?:\|(when))?\}/g;

const WEEK_WHEN: Record<Language, { current: string; previous: string; other: (week: string) => string }> = {
  id: { current: 'minggu ini', previous: 'minggu lalu', other: (week) => `minggu ${week}` },
  en: { current: 'this week', previous: 'last week', other: (week) => `in the week of ${week}` },
  su: { current: 'minggu ieu', previous: 'minggu kamari', other: (week) => `minggu ${week}` },
};

/** A week as the person would name it: this week, last week, or its dates. */
export function weekWhen(
  isoWeek: string,
  context: Pick<ConversationContext, 'now' | 'timeZone' | 'language'>,
): string {
  const words = WEEK_WHEN[context.language];
  const current = isoWeekOf(context.now, context.timeZone);
  if (isoWeek === current) return words.current;
  if (isoWeek === shiftIsoWeek(current, -1)) return words.previous;
  return words.other(formatIsoWeek(isoWeek, context.language));
}

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
