import type { LocalizedText } from '../text';

/** What the person reads when an amount was not understood: what we expect, with an example. */

export const MONEY_EXAMPLE = '150rb';

export const NOT_UNDERSTOOD: LocalizedText = {
  id: 'Maaf, Bapak/Ibu, jumlahnya belum bisa kami baca. Mohon tulis dengan angka, contoh: 150rb, 1,5jt atau 1500000. Ketik 0 bila tidak ada.',
  en: 'Sorry, we could not read that amount. Please type it in numbers, for example: 150rb, 1.5jt or 1500000. Type 0 if there was none.',
  su: 'Hapunten, Bapak/Ibu, jumlahna teu acan kabaca. Mangga serat ku angka, conto: 150rb, 1,5jt atanapi 1500000. Serat 0 upami teu aya.',
};

export const SEVERAL_AMOUNTS: LocalizedText = {
  id: 'Sepertinya ada lebih dari satu jumlah, Bapak/Ibu. Mohon kirim totalnya saja dalam satu angka, contoh: 300rb.',
  en: 'That looks like more than one amount. Please send only the total, as one number, for example: 300rb.',
  su: 'Sigana aya langkung ti hiji jumlah, Bapak/Ibu. Mangga kintunkeun jumlahna waé dina hiji angka, conto: 300rb.',
};

export const NOT_WHOLE: LocalizedText = {
  id: 'Jumlah rupiah harus bilangan bulat, Bapak/Ibu (tanpa sen). Bila maksudnya juta atau ribu, tambahkan satuannya, contoh: 1,5jt atau 1500000.',
  en: 'Rupiah amounts are whole numbers (no cents). If you meant millions or thousands, add the unit, for example: 1.5jt or 1500000.',
  su: 'Jumlah rupiah kedah angka buleud, Bapak/Ibu (tanpa sen). Upami maksadna juta atanapi rébu, tambihan satuanana, conto: 1,5jt atanapi 1500000.',
};

/** `1jt 500` is 1.500.000 to some and 1.000.500 to others. */
export const AMBIGUOUS_REMAINDER: LocalizedText = {
  id: 'Maaf, Bapak/Ibu, angka terakhir belum jelas satuannya (ribu atau rupiah). Mohon tulis dalam satu angka, contoh: 1.500.000 atau 1jt 500rb.',
  en: 'Sorry, the last number has no unit (thousand or rupiah). Please write the amount as one number, for example: 1.500.000 or 1jt 500rb.',
  su: 'Hapunten, Bapak/Ibu, angka pamungkas teu acan jelas satuanana (rébu atanapi rupiah). Mangga serat dina hiji angka, conto: 1.500.000 atanapi 1jt 500rb.',
};

export const NEGATIVE: LocalizedText = {
  id: 'Jumlahnya tidak bisa minus, Bapak/Ibu. Mohon tulis tanpa tanda minus, contoh: 50rb. Ketik 0 bila tidak ada.',
  en: 'The amount cannot be negative. Please write it without a minus sign, for example: 50rb. Type 0 if there was none.',
  su: 'Jumlahna teu tiasa minus, Bapak/Ibu. Mangga serat tanpa tanda minus, conto: 50rb. Serat 0 upami teu aya.',
};

export function unknownWord(word: string): LocalizedText {
  const shown = word.length > 20 ? `${word.slice(0, 20)}…` : word;
  return {
    id: `Maaf, Bapak/Ibu, kata "${shown}" belum kami kenal. Mohon tulis jumlahnya saja dengan angka, contoh: 150rb atau 1500000.`,
    en: `Sorry, we do not know the word "${shown}". Please type just the amount in numbers, for example: 150rb or 1500000.`,
    su: `Hapunten, Bapak/Ibu, kecap "${shown}" teu acan kahartos. Mangga serat jumlahna waé ku angka, conto: 150rb atanapi 1500000.`,
  };
}

/** `1,500` is 1.5 in Indonesian and 1500 in English: the digits alone are not. */
export function ambiguousSeparator(numeral: string, digitsOnly: string): LocalizedText {
  return {
    id: `Maaf, Bapak/Ibu, koma pada "${numeral}" bisa dibaca dua cara. Mohon tulis tanpa titik atau koma, contoh: ${digitsOnly}.`,
    en: `Sorry, the comma in "${numeral}" can be read two ways. Please write the amount without dots or commas, for example: ${digitsOnly}.`,
    su: `Hapunten, Bapak/Ibu, koma dina "${numeral}" tiasa dibaca dua rupi. Mangga serat tanpa titik atanapi koma, conto: ${digitsOnly}.`,
  };
}

/** Echoes the amount as read, so that a slip (`1.500 jt`) shows itself. */
export function tooLarge(amount: bigint, max: number): LocalizedText {
  const read = rupiah(amount);
  const limit = rupiah(BigInt(max));
  return {
    id: `${read} terlalu besar, Bapak/Ibu; paling banyak ${limit}. Mohon periksa lagi angka nolnya, contoh: 1.500.000 atau 1,5jt.`,
    en: `${read} is too large; the most is ${limit}. Please check the zeros, for example: 1.500.000 or 1.5jt.`,
    su: `${read} kaageungan, Bapak/Ibu; paling seueur ${limit}. Mangga parios deui angka nolna, conto: 1.500.000 atanapi 1,5jt.`,
  };
}

const rupiah = (amount: bigint) => `Rp${amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
