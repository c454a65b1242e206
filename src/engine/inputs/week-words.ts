/**
 * How people name a week or a date, in Indonesian, Sundanese and English. `minggu` is both "week"
 * and "Sunday": it means Sunday only in front of a date (`Minggu, 29/11`), week everywhere else.
 */

export const THIS_WEEK = new Set([
  'minggu ini',
  'mg ini',
  'mgg ini',
  'pekan ini',
  'minggu sekarang',
  'sekarang',
  'ini',
  'hari ini',
  'this week',
  'current week',
  'today',
  'now',
  'minggu ieu',
  'ayeuna',
  'dinten ieu',
  'poe ieu',
]);

export const LAST_WEEK = new Set([
  'minggu lalu',
  'minggu kemarin',
  'minggu kemaren',
  'minggu kmrn',
  'minggu yang lalu',
  'minggu yg lalu',
  'minggu sebelumnya',
  'mg lalu',
  'mgg lalu',
  'mg kemarin',
  'pekan lalu',
  'pekan kemarin',
  'seminggu lalu',
  'seminggu yang lalu',
  'seminggu yg lalu',
  'last week',
  'previous week',
  'a week ago',
  'minggu kamari',
  'minggu kapungkur',
  'minggu ka tukang',
]);

export const YESTERDAY = new Set(['kemarin', 'kemaren', 'kmrn', 'yesterday', 'kamari']);

/** `2 minggu lalu`, `dua minggu kapungkur`, `3 weeks ago`: the count is read like an amount. */
export const WEEKS_AGO = [
  /^(.+?) (?:minggu|mg|mgg|pekan) (?:yang |yg )?(?:lalu|kemarin|kemaren|sebelumnya|kamari|kapungkur|ka tukang)$/,
  /^(.+?) weeks? ago$/,
];

/** Words in front of a week or date that do not change it: `untuk minggu lalu`, `tgl 28/11`. */
export const LEADING_FILLERS = new Set([
  'untuk',
  'utk',
  'buat',
  'laporan',
  'lapor',
  'tanggal',
  'tgl',
  'tg',
  'pada',
  'kanggo',
  'for',
  'on',
  'date',
  'the',
]);

/** Only dropped when a date follows, so that `minggu` stays "week" in `minggu lalu`. */
export const WEEKDAYS =
  /^(?:hari )?(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu|ahad|senen|salasa|rebo|kemis|jumaah|saptu|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun) (?=(?:tgl |tanggal )?\d)/;

export { monthNumber } from '../../domain/calendar';
