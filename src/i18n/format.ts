import type { Language } from './language';

/**
 * How numbers, amounts, dates and counted words are written to people, in one place, so that a
 * message, a digest and a page say `Rp1.500.000` and `Sabtu, 5 Desember pukul 09.00` alike.
 */

/** Sundanese speakers read Indonesian dates and numbers; English readers get British ones (day first). */
const LOCALES: Record<Language, string> = { id: 'id-ID', su: 'id-ID', en: 'en-GB' };

const localeOf = (language: Language) => LOCALES[language];

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per language and style, built on first use: building one costs far more than using it. */
function cached<F>(formats: Map<string, F>, key: string, build: () => F): F {
  let format = formats.get(key);
  if (!format) {
    format = build();
    formats.set(key, format);
  }
  return format;
}

/** `1234.5` → `1.234,5` in Indonesian, `1,234.5` in English; at most `fractionDigits` decimals. */
export function formatNumber(value: number, language: Language, fractionDigits = 0): string {
  return cached(
    numberFormats,
    `${language}:${fractionDigits}`,
    () => new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: fractionDigits }),
  ).format(value);
}

/**
 * `1500000` → `Rp1.500.000`, the way Indonesian receipts write it, in every language: the rupiah is
 * written the Indonesian way even in an English message. Whole rupiah only (there are no cents).
 */
export function formatRupiah(amount: number | bigint): string {
  const negative = amount < 0;
  const whole = typeof amount === 'bigint' ? (negative ? -amount : amount) : Math.abs(Math.trunc(amount));
  const digits = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}Rp${digits}`;
}

const SHORT_MONTHS: Record<Language, readonly string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  su: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nop', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** The month of a UTC date as people abbreviate it (`Agu`, `Nov`), for labels that must be short. */
export function shortMonth(date: Date, language: Language): string {
  return SHORT_MONTHS[language][date.getUTCMonth()] ?? '';
}

/** `Sabtu, 5 Desember pukul 09.00`: a moment as people are told it (a session, a deadline), in `timeZone`. */
export function formatDateTime(at: Date, language: Language, timeZone: string): string {
  return cached(
    dateFormats,
    `${language}:${timeZone}`,
    () =>
      new Intl.DateTimeFormat(localeOf(language), {
        timeZone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }),
  ).format(at);
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The form of a counted word: `plural(1, 'en', ['week', 'weeks'])` is `week`. Indonesian and Sundanese
 * do not inflect (`3 minggu`), so their texts name one form, which the rules then always choose.
 */
export function plural(count: number, language: Language, [one, other]: readonly [string, string]): string {
  const rules = cached(pluralRules, language, () => new Intl.PluralRules(localeOf(language)));
  return rules.select(count) === 'one' ? one : other;
}
