import { formatRupiah, text, type LocalizedText } from '../../i18n';

/** What the person reads when an amount was not understood: what we expect, with an example. */

export const MONEY_EXAMPLE = '150rb';

export const NOT_UNDERSTOOD = text('input.moneyNotUnderstood');

export const SEVERAL_AMOUNTS = text('input.severalAmounts');

export const NOT_WHOLE = text('input.notWhole');

/** `1jt 500` is 1.500.000 to some and 1.000.500 to others. */
export const AMBIGUOUS_REMAINDER = text('input.ambiguousRemainder');

export const NEGATIVE = text('input.negative');

export function unknownWord(word: string): LocalizedText {
  return text('input.unknownWord', { word: word.length > 20 ? `${word.slice(0, 20)}…` : word });
}

/** `1,500` is 1.5 in Indonesian and 1500 in English: the digits alone are not. */
export function ambiguousSeparator(numeral: string, digitsOnly: string): LocalizedText {
  return text('input.ambiguousSeparator', { numeral, digits: digitsOnly });
}

/** Echoes the amount as read, so that a slip (`1.500 jt`) shows itself. */
export function tooLarge(amount: bigint, max: number): LocalizedText {
  return text('input.tooLarge', { amount: formatRupiah(amount), limit: formatRupiah(max) });
}
