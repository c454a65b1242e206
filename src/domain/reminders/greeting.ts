import { text, type LocalizedText } from '../../i18n';
import { wallClockOf } from '../calendar';

/**
 * The greeting for the local time a message goes out: pagi until 11, siang until 15, sore until 18,
 * then malam (until 4 in the morning), as people in Indonesia say it.
 */
export function greetingAt(at: Date, timeZone: string): LocalizedText {
  const { hour } = wallClockOf(at, timeZone);
  if (hour >= 4 && hour < 11) return text('reminder.greetingMorning');
  if (hour >= 11 && hour < 15) return text('reminder.greetingMidday');
  if (hour >= 15 && hour < 18) return text('reminder.greetingAfternoon');
  return text('reminder.greetingEvening');
}
