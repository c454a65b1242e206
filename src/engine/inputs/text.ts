/**
 * Shared clean-up of chat replies. People type on small keyboards, in any case, with accents
 * (`sarébu`), keycap emoji (`1️⃣`), a closing `🙏` and a polite `pak`/`bu`; none of it changes the answer.
 */

/** Lower case, accents and keycap marks removed, invisible characters dropped, spaces collapsed. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u200b-\u200d\u2060\ufeff]|\p{Emoji_Modifier}/gu, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Drops emoji and closing punctuation (`ya!!`, `150rb.`, `iya 🙏`) at either end. */
export function trimDecorations(text: string): string {
  return text
    .replace(/^[\s\p{Extended_Pictographic}]+/u, '')
    .replace(/[\s.!?,;:~\p{Extended_Pictographic}]+$/u, '')
    .trim();
}

/** Ways of addressing the bot or thanking it that carry no answer: `iya bu`, `150rb pak`. */
const COURTESY_WORDS = new Set([
  'pak',
  'bapak',
  'bu',
  'ibu',
  'kak',
  'kakak',
  'mas',
  'mbak',
  'teh',
  'teteh',
  'kang',
  'akang',
  'min',
  'makasih',
  'trims',
  'thanks',
  'nuhun',
]);

export const COURTESY_PHRASES = /\b(terima kasih|terimakasih|hatur nuhun|thank you)\b/g;

export const isCourtesyWord = (word: string): boolean => COURTESY_WORDS.has(word);

/** Splits a folded reply into words, without courtesy words and punctuation between words. */
export function wordsOf(folded: string): string[] {
  return folded
    .replace(COURTESY_PHRASES, ' ')
    .split(/[\s,;!?]+/)
    .map((word) => word.replace(/^[.]+|[.]+$/g, ''))
    .filter((word) => word.length > 0 && !COURTESY_WORDS.has(word));
}

const SKIP_WORDS = new Set([
  '-',
  '--',
  'lewati',
  'lewat',
  'lewatin',
  'lewatkan',
  'skip',
  'liwat',
  'liwati',
  'pass',
]);

/** `-`, `lewati`, `skip`: the person wants to leave an optional question empty. */
export function isSkipRequest(folded: string): boolean {
  return SKIP_WORDS.has(trimDecorations(folded)) || SKIP_WORDS.has(folded);
}
