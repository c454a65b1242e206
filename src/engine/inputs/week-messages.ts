import type { LocalizedText } from '../text';

/** What the person reads when a week was not understood or cannot be reported. */

export function weekNotUnderstood(example: string): LocalizedText {
  return {
    id: `Maaf, Bapak/Ibu, minggunya belum kami pahami. Balas 1 untuk minggu ini, 2 untuk minggu lalu, atau tulis tanggalnya, contoh: ${example}.`,
    en: `Sorry, we could not tell which week. Reply 1 for this week, 2 for last week, or type a date, for example: ${example}.`,
    su: `Hapunten, Bapak/Ibu, mingguna teu acan kahartos. Waler 1 kanggo minggu ieu, 2 kanggo minggu kamari, atanapi serat tanggalna, conto: ${example}.`,
  };
}

export function noSuchDate(written: string, example: string): LocalizedText {
  return {
    id: `Tanggal ${written} tidak ada di kalender, Bapak/Ibu. Mohon periksa lagi dan tulis tanggal/bulan, contoh: ${example}.`,
    en: `There is no date ${written} in the calendar. Please check it and write day/month, for example: ${example}.`,
    su: `Tanggal ${written} teu aya dina kalénder, Bapak/Ibu. Mangga parios deui sareng serat tanggal/bulan, conto: ${example}.`,
  };
}

export function noSuchWeek(year: number, week: number, example: string): LocalizedText {
  return {
    id: `Tahun ${year} tidak punya minggu ke-${week}, Bapak/Ibu. Lebih mudah tulis tanggalnya, contoh: ${example}.`,
    en: `${year} has no week ${week}. It is easier to type a date, for example: ${example}.`,
    su: `Taun ${year} teu gaduh minggu ka-${week}, Bapak/Ibu. Langkung gampil serat tanggalna, conto: ${example}.`,
  };
}

export const FUTURE_WEEK: LocalizedText = {
  id: 'Minggu itu belum tiba, Bapak/Ibu. Laporan hanya untuk minggu ini atau minggu yang sudah lewat, contoh: minggu ini.',
  en: 'That week has not come yet. A report can only be for this week or a past week, for example: this week.',
  su: 'Minggu éta teu acan dugi, Bapak/Ibu. Laporan ngan kanggo minggu ieu atanapi minggu nu parantos kalangkung, conto: minggu ieu.',
};

/** `28/12` typed in early January is in the future this year; the person may mean last year. */
export function futureDateWithoutYear(withLastYear: string): LocalizedText {
  return {
    id: `${FUTURE_WEEK.id} Bila maksudnya tahun lalu, tulis lengkap dengan tahunnya, contoh: ${withLastYear}.`,
    en: `${FUTURE_WEEK.en} If you meant last year, write the year too, for example: ${withLastYear}.`,
    su: `${FUTURE_WEEK.su} Upami maksadna taun kamari, serat sareng taunna, conto: ${withLastYear}.`,
  };
}

export function tooOld(maxWeeksAgo: number): LocalizedText {
  return {
    id: `Minggu itu sudah lebih dari ${maxWeeksAgo} minggu yang lalu, Bapak/Ibu. Laporan bisa dikirim untuk ${maxWeeksAgo} minggu terakhir saja; untuk yang lebih lama, mohon hubungi pendamping.`,
    en: `That week is more than ${maxWeeksAgo} weeks ago. Reports can be sent for the last ${maxWeeksAgo} weeks only; for older weeks, please contact your mentor.`,
    su: `Minggu éta parantos langkung ti ${maxWeeksAgo} minggu ka tukang, Bapak/Ibu. Laporan ngan tiasa dikintun kanggo ${maxWeeksAgo} minggu pamungkas; kanggo nu langkung lami, mangga hubungi pendamping.`,
  };
}
