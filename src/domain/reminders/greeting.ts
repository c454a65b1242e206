import type { LocalizedText } from '../../engine/text';

const GREETINGS = {
  pagi: { id: 'Selamat pagi', en: 'Good morning', su: 'Wilujeng enjing' },
  siang: { id: 'Selamat siang', en: 'Good afternoon', su: 'Wilujeng siang' },
  sore: { id: 'Selamat sore', en: 'Good afternoon', su: 'Wilujeng sonten' },
  malam: { id: 'Selamat malam', en: 'Good evening', su: 'Wilujeng wengi' },
} satisfies Record<string, LocalizedText>;

/**
 * The greeting for the local time a message goes out: pagi until 11, siang until 15, sore until 18,
 * then malam (until 4 in the morning), as people in Indonesia say it.
 */
export function greetingAt(at: Date, timeZone: string): LocalizedText {
  const hour =
    Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at)) % 24;
  if (hour >= 4 && hour < 11) return GREETINGS.pagi;
  if (hour >= 11 && hour < 15) return GREETINGS.siang;
  if (hour >= 15 && hour < 18) return GREETINGS.sore;
  return GREETINGS.malam;
}
