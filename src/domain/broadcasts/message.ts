import { say } from '../../i18n';
import { fail, ok, type Result } from '../result';
import type { Language } from '../program';

/**
 * The longest broadcast text: with its signature it stays within what a WhatsApp template's variable
 * carries (900 characters) outside the 24-hour window, and within one chat message everywhere.
 */
export const MAX_BROADCAST_CHARS = 700;

/** Who sends a broadcast, as its recipients read it under the text. */
export type BroadcastSender =
  | { kind: 'mentor'; name: string }
  | { kind: 'puskesos'; puskesos: string }
  | { kind: 'dinsos'; name: string };

/** The signature under the text: "Pendamping Rizky", "Puskesos Lumpaat", "Petugas Dinsos Wulan". */
export function signatureOf(sender: BroadcastSender, language: Language): string {
  const english = language === 'en';
  switch (sender.kind) {
    case 'mentor':
      return `${english ? 'Mentor' : 'Pendamping'} ${sender.name}`;
    case 'puskesos':
      return `Puskesos ${sender.puskesos}`;
    case 'dinsos':
      return `${english ? 'Dinsos staff' : 'Petugas Dinsos'} ${sender.name}`;
  }
}

/** The text as a recipient gets it: the sender's words, then who sent them. */
export const broadcastMessageText = (text: string, sender: BroadcastSender, language: Language) =>
  `${text}\n\n— ${signatureOf(sender, language)}`;

/**
 * The text as written on the form: trimmed, its line breaks made plain, not empty and not longer
 * than `MAX_BROADCAST_CHARS` characters (counted as people count them, an emoji as one).
 */
export function checkBroadcastText(written: string): Result<string> {
  const text = written.replace(/\r\n?/g, '\n').trim();
  const length = Array.from(text).length;
  if (length === 0) {
    return fail(say('broadcast.textEmpty', 'id'));
  }
  if (length > MAX_BROADCAST_CHARS) {
    return fail(say('broadcast.textTooLong', 'id', { length, max: MAX_BROADCAST_CHARS }));
  }
  return ok(text);
}
