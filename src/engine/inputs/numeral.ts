import { fromDigits } from './fixed-point';

/**
 * How to read the separators in a written number (`1.500.000`, `1,5`, `1,500,000`).
 *
 * Indonesian writes a dot between thousands and a comma before decimals, so `1.500` is one thousand
 * five hundred. English does the opposite, and the bot's English prompts invite it, so we accept
 * English only where it cannot be mistaken: two or more comma groups (`1,500,000`), or a dot before
 * decimals when a unit follows (`1.5 juta`, since `1.5` cannot be Indonesian thousands).
 * `1,500` with nothing after it is one and a half in Indonesian but 1500 in English: we ask.
 */
export type NumeralReading =
  { kind: 'number'; value: bigint } | { kind: 'ambiguous' } | { kind: 'malformed' };

const PLAIN = /^(\d+)$/;
const DOT_THOUSANDS = /^\d{1,3}(?:\.\d{3})+$/;
const COMMA_DECIMAL = /^(\d+|\d{1,3}(?:\.\d{3})+),(\d+)$/;
const COMMA_THOUSANDS = /^\d{1,3}(?:,\d{3}){2,}$/;
const COMMA_THOUSANDS_DOT_DECIMAL = /^(\d{1,3}(?:,\d{3})+)\.(\d+)$/;
const DOT_DECIMAL = /^(\d+)\.(\d+)$/;

export function readNumeral(raw: string, beforeUnit: boolean): NumeralReading {
  if (PLAIN.test(raw)) return number(raw, '');
  if (DOT_THOUSANDS.test(raw)) return number(raw.replace(/\./g, ''), '');
  const commaDecimal = COMMA_DECIMAL.exec(raw);
  if (commaDecimal) {
    const [, whole = '', fraction = ''] = commaDecimal;
    if (!beforeUnit && /^\d{1,3}$/.test(whole) && fraction.length === 3) return { kind: 'ambiguous' };
    return number(whole.replace(/\./g, ''), fraction);
  }
  if (COMMA_THOUSANDS.test(raw)) return number(raw.replace(/,/g, ''), '');
  const englishDecimal = COMMA_THOUSANDS_DOT_DECIMAL.exec(raw);
  if (englishDecimal) {
    const [, whole = '', fraction = ''] = englishDecimal;
    return number(whole.replace(/,/g, ''), fraction);
  }
  const dotDecimal = DOT_DECIMAL.exec(raw);
  if (dotDecimal) return number(dotDecimal[1] ?? '', dotDecimal[2] ?? '');
  return { kind: 'malformed' };
}

function number(whole: string, fraction: string): NumeralReading {
  const value = fromDigits(whole, fraction);
  return value === undefined ? { kind: 'malformed' } : { kind: 'number', value };
}
