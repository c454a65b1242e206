import { isoWeekOf, shiftIsoWeek } from '../../domain/calendar';
import { formatIsoWeek } from '../../domain/display';
import { formatDateTime, formatRupiah, say, type Language } from '../../i18n';
import type { ConversationContext } from '../messages';
import type { InputType } from '../flows/schema';
import type { AnswerValue } from './state';

/** `{sales}` shows a saved answer; `{week|when}` says a week as a question about it does ("minggu lalu"). */
export const PLACEHOLDER = /\{([a-z_]+)(?:\|(when))?\}/g;

/** A week as the person would name it: this week, last week, or its dates. */
export function weekWhen(
  isoWeek: string,
  context: Pick<ConversationContext, 'now' | 'timeZone' | 'language'>,
): string {
  const { language } = context;
  const current = isoWeekOf(context.now, context.timeZone);
  if (isoWeek === current) return say('conversation.thisWeek', language);
  if (isoWeek === shiftIsoWeek(current, -1)) return say('conversation.lastWeek', language);
  return say('conversation.weekOf', language, { dates: formatIsoWeek(isoWeek, language) });
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
    return formatDateTime(new Date(value), language, timeZone);
  if (type === 'yes_no' && typeof value === 'boolean')
    return say(value ? 'conversation.yes' : 'conversation.no', language);
  if (typeof value === 'object') return Object.values(value).join(', ');
  return String(value);
}
