import { isWhole, wholePart } from './fixed-point';
import {
  AMBIGUOUS_REMAINDER,
  ambiguousSeparator,
  MONEY_EXAMPLE,
  NEGATIVE,
  NOT_UNDERSTOOD,
  NOT_WHOLE,
  SEVERAL_AMOUNTS,
  tooLarge,
  unknownWord,
} from './money-messages';
import { AMOUNT_FILLERS, NONE_PHRASES } from './number-vocabulary';
import { failed, parsed, skipped, type ParsedReply } from './parsed-reply';
import { isNumeral, readAmount } from './spoken-amount';
import { COURTESY_PHRASES, foldText, isCourtesyWord, isSkipRequest, trimDecorations, wordsOf } from './text';

/** A week's sales or savings above this is a typing slip (an extra zero), not a small business. */
export const DEFAULT_MAX_WEEKLY_AMOUNT = 1_000_000_000;

export interface MoneyOptions {
  /** Largest amount accepted, in rupiah (default Rp 1 miliar). */
  max?: number;
}

/**
 * Reads an amount of rupiah as people type it in chat: `150rb`, `1,5jt`, `Rp 1.500.000,-`,
 * `seratus lima puluh ribu`, `goceng`, `sarébu`, `tidak ada` (0). Always a whole, non-negative
 * number of rupiah, or a polite explanation of what is expected.
 */
export function parseMoney(text: string, options: MoneyOptions = {}): ParsedReply<number> {
  const max = options.max ?? DEFAULT_MAX_WEEKLY_AMOUNT;
  const folded = foldText(text);
  if (isSkipRequest(folded)) return skipped();
  // `,-` closes an amount on Indonesian receipts (`Rp1.500.000,-`): nothing follows the rupiah.
  const cleaned = trimDecorations(folded.replace(/[.,][-=]+(?=\s|$)/g, ' '));
  if (NONE_PHRASES.has(wordsOf(cleaned).join(' '))) return parsed(0);

  const unprefixed = cleaned
    .replace(/\bkurang lebih\b/g, ' ')
    .replace(/\b(?:rp|idr)\.?(?=[\s\d-]|$)/g, ' ')
    .trim();
  if (/^(?:-|minus\b|negatif\b|negative\b)/.test(unprefixed)) return failed(NEGATIVE, '50rb');

  const reading = readAmount(amountWords(unprefixed));
  switch (reading.kind) {
    case 'amount': {
      if (!isWhole(reading.value)) return failed(NOT_WHOLE, '1,5jt');
      const rupiah = wholePart(reading.value);
      if (rupiah > BigInt(max)) return failed(tooLarge(rupiah, max), '1.500.000');
      return parsed(Number(rupiah));
    }
    case 'unknown-word':
      return failed(unknownWord(reading.word), MONEY_EXAMPLE);
    case 'several-amounts':
      return failed(SEVERAL_AMOUNTS, '300rb');
    case 'ambiguous-separator': {
      const digitsOnly = reading.numeral.replace(/[.,]/g, '');
      return failed(ambiguousSeparator(reading.numeral, digitsOnly), digitsOnly);
    }
    case 'ambiguous-remainder':
      return failed(AMBIGUOUS_REMAINDER, '1.500.000');
    case 'unclear':
      return failed(NOT_UNDERSTOOD, MONEY_EXAMPLE);
  }
}

/** `rp1.500.000` → [`1.500.000`]; `1jt 500rb` → [`1`, `jt`, `500`, `rb`]; `1 500 000` → [`1500000`]. */
function amountWords(text: string): string[] {
  const words = text
    .replace(COURTESY_PHRASES, ' ')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/[-/+&=()*]+/g, ' ')
    .split(' ')
    .map((word) =>
      isNumeral(word) ? word.replace(/[.,]+$/, '') : word.replace(/^[.,:;!?'"]+|[.,:;!?'"]+$/g, ''),
    )
    .filter((word) => word.length > 0 && !AMOUNT_FILLERS.has(word) && !isCourtesyWord(word));
  const [first, ...rest] = words;
  // Thousands separated by spaces, as some phones format numbers: `1 500 000`.
  if (first && rest.length > 0 && /^\d{1,3}$/.test(first) && rest.every((word) => /^\d{3}$/.test(word))) {
    return [words.join('')];
  }
  return words;
}
