import type { CatalogText } from '../catalog';

/** The example every text about the one-message report gives, so that people see one spelling everywhere. */
export const ONE_MESSAGE_EXAMPLE = 'jual 1,5jt tabung 50rb';

/** What the parsers answer when a reply cannot be read: what is expected, with an example. */
export const inputTexts = {
  moneyNotUnderstood: {
    id: 'Maaf, Bapak/Ibu, jumlahnya belum bisa kami baca. Mohon tulis dengan angka, contoh: 150rb, 1,5jt atau 1500000. Ketik 0 bila tidak ada.',
    en: 'Sorry, we could not read that amount. Please type it in numbers, for example: 150rb, 1.5jt or 1500000. Type 0 if there was none.',
    su: 'Hapunten, Bapak/Ibu, jumlahna teu acan kabaca. Mangga serat ku angka, conto: 150rb, 1,5jt atanapi 1500000. Serat 0 upami teu aya.',
  },
  severalAmounts: {
    id: 'Sepertinya ada lebih dari satu jumlah, Bapak/Ibu. Mohon kirim totalnya saja dalam satu angka, contoh: 300rb.',
    en: 'That looks like more than one amount. Please send only the total, as one number, for example: 300rb.',
    su: 'Sigana aya langkung ti hiji jumlah, Bapak/Ibu. Mangga kintunkeun jumlahna waé dina hiji angka, conto: 300rb.',
  },
  notWhole: {
    id: 'Jumlah rupiah harus bilangan bulat, Bapak/Ibu (tanpa sen). Bila maksudnya juta atau ribu, tambahkan satuannya, contoh: 1,5jt atau 1500000.',
    en: 'Rupiah amounts are whole numbers (no cents). If you meant millions or thousands, add the unit, for example: 1.5jt or 1500000.',
    su: 'Jumlah rupiah kedah angka buleud, Bapak/Ibu (tanpa sen). Upami maksadna juta atanapi rébu, tambihan satuanana, conto: 1,5jt atanapi 1500000.',
  },
  ambiguousRemainder: {
    id: 'Maaf, Bapak/Ibu, angka terakhir belum jelas satuannya (ribu atau rupiah). Mohon tulis dalam satu angka, contoh: 1.500.000 atau 1jt 500rb.',
    en: 'Sorry, the last number has no unit (thousand or rupiah). Please write the amount as one number, for example: 1.500.000 or 1jt 500rb.',
    su: 'Hapunten, Bapak/Ibu, angka pamungkas teu acan jelas satuanana (rébu atanapi rupiah). Mangga serat dina hiji angka, conto: 1.500.000 atanapi 1jt 500rb.',
  },
  negative: {
    id: 'Jumlahnya tidak bisa minus, Bapak/Ibu. Mohon tulis tanpa tanda minus, contoh: 50rb. Ketik 0 bila tidak ada.',
    en: 'The amount cannot be negative. Please write it without a minus sign, for example: 50rb. Type 0 if there was none.',
    su: 'Jumlahna teu tiasa minus, Bapak/Ibu. Mangga serat tanpa tanda minus, conto: 50rb. Serat 0 upami teu aya.',
  },
  unknownWord: {
    id: 'Maaf, Bapak/Ibu, kata "{word}" belum kami kenal. Mohon tulis jumlahnya saja dengan angka, contoh: 150rb atau 1500000.',
    en: 'Sorry, we do not know the word "{word}". Please type just the amount in numbers, for example: 150rb or 1500000.',
    su: 'Hapunten, Bapak/Ibu, kecap "{word}" teu acan kahartos. Mangga serat jumlahna waé ku angka, conto: 150rb atanapi 1500000.',
  },
  ambiguousSeparator: {
    id: 'Maaf, Bapak/Ibu, koma pada "{numeral}" bisa dibaca dua cara. Mohon tulis tanpa titik atau koma, contoh: {digits}.',
    en: 'Sorry, the comma in "{numeral}" can be read two ways. Please write the amount without dots or commas, for example: {digits}.',
    su: 'Hapunten, Bapak/Ibu, koma dina "{numeral}" tiasa dibaca dua rupi. Mangga serat tanpa titik atanapi koma, conto: {digits}.',
  },
  tooLarge: {
    id: '{amount} terlalu besar, Bapak/Ibu; paling banyak {limit}. Mohon periksa lagi angka nolnya, contoh: 1.500.000 atau 1,5jt.',
    en: '{amount} is too large; the most is {limit}. Please check the zeros, for example: 1.500.000 or 1.5jt.',
    su: '{amount} kaageungan, Bapak/Ibu; paling seueur {limit}. Mangga parios deui angka nolna, conto: 1.500.000 atanapi 1,5jt.',
  },
  weekNotUnderstood: {
    id: 'Maaf, Bapak/Ibu, minggunya belum kami pahami. Balas 1 untuk minggu ini, 2 untuk minggu lalu, atau tulis tanggalnya, contoh: {example}.',
    en: 'Sorry, we could not tell which week. Reply 1 for this week, 2 for last week, or type a date, for example: {example}.',
    su: 'Hapunten, Bapak/Ibu, mingguna teu acan kahartos. Waler 1 kanggo minggu ieu, 2 kanggo minggu kamari, atanapi serat tanggalna, conto: {example}.',
  },
  noSuchDate: {
    id: 'Tanggal {written} tidak ada di kalender, Bapak/Ibu. Mohon periksa lagi dan tulis tanggal/bulan, contoh: {example}.',
    en: 'There is no date {written} in the calendar. Please check it and write day/month, for example: {example}.',
    su: 'Tanggal {written} teu aya dina kalénder, Bapak/Ibu. Mangga parios deui sareng serat tanggal/bulan, conto: {example}.',
  },
  noSuchWeek: {
    id: 'Tahun {year} tidak punya minggu ke-{week}, Bapak/Ibu. Lebih mudah tulis tanggalnya, contoh: {example}.',
    en: '{year} has no week {week}. It is easier to type a date, for example: {example}.',
    su: 'Taun {year} teu gaduh minggu ka-{week}, Bapak/Ibu. Langkung gampil serat tanggalna, conto: {example}.',
  },
  futureWeek: {
    id: 'Minggu itu belum tiba, Bapak/Ibu. Laporan hanya untuk minggu ini atau minggu yang sudah lewat, contoh: minggu ini.',
    en: 'That week has not come yet. A report can only be for this week or a past week, for example: this week.',
    su: 'Minggu éta teu acan dugi, Bapak/Ibu. Laporan ngan kanggo minggu ieu atanapi minggu nu parantos kalangkung, conto: minggu ieu.',
  },
  futureDateWithoutYear: {
    id: '{futureWeek} Bila maksudnya tahun lalu, tulis lengkap dengan tahunnya, contoh: {withLastYear}.',
    en: '{futureWeek} If you meant last year, write the year too, for example: {withLastYear}.',
    su: '{futureWeek} Upami maksadna taun kamari, serat sareng taunna, conto: {withLastYear}.',
  },
  weekTooOld: {
    id: 'Minggu itu sudah lebih dari {maxWeeksAgo} minggu yang lalu, Bapak/Ibu. Laporan bisa dikirim untuk {maxWeeksAgo} minggu terakhir saja; untuk yang lebih lama, mohon hubungi pendamping.',
    en: 'That week is more than {maxWeeksAgo} weeks ago. Reports can be sent for the last {maxWeeksAgo} weeks only; for older weeks, please contact your mentor.',
    su: 'Minggu éta parantos langkung ti {maxWeeksAgo} minggu ka tukang, Bapak/Ibu. Laporan ngan tiasa dikintun kanggo {maxWeeksAgo} minggu pamungkas; kanggo nu langkung lami, mangga hubungi pendamping.',
  },
  chooseByNumber: {
    id: 'Mohon balas dengan nomor pilihan, Bapak/Ibu:\n{options}',
    en: 'Please reply with the number of your choice:\n{options}',
    su: 'Mangga waler ku nomer pilihan, Bapak/Ibu:\n{options}',
  },
  yesNoNotUnderstood: {
    id: 'Mohon jawab dengan nomor, Bapak/Ibu:\n1. Ya  2. Tidak',
    en: 'Please answer with a number:\n1. Yes  2. No',
    su: 'Mangga waler ku nomer, Bapak/Ibu:\n1. Leres  2. Henteu',
  },
  sessionTimeExpected: {
    id: 'Mohon tulis hari/tanggal dan jam, contoh: {example}, besok 14.00, atau 5 Des jam 9 pagi',
    en: 'Please type the day or date and the time, for example: {example}, tomorrow 14.00, or 5 Dec 9 am',
    su: 'Mangga serat dinten/tanggal sareng jam, conto: {example}, besok 14.00, atanapi 5 Des jam 9 pagi',
  },
  sessionTimePassed: {
    id: 'Waktu itu sudah lewat. {expected}',
    en: 'That time has passed. {expected}',
    su: 'Waktos éta parantos kalangkung. {expected}',
  },
  oneMessageHint: {
    id: 'Bisa juga dalam satu pesan, contoh: {example}',
    en: 'You can also report in one message, for example: {example}',
    su: 'Tiasa ogé dina hiji pesen, conto: {example}',
  },
  oneMessageUnclear: {
    id: 'Maaf, Bapak/Ibu, kami belum yakin mana omzet dan mana tabungan. Mohon tulis namanya, contoh: {example}',
    en: 'Sorry, we are not sure which amount is the sales and which the savings. Please name them, for example: {example}',
    su: 'Hapunten, Bapak/Ibu, urang teu acan yakin mana omzet sareng mana tabungan. Mangga serat namina, conto: {example}',
  },
  partFailure: {
    id: 'Jumlah {part}: {reason}',
    en: 'The {part}: {reason}',
    su: 'Jumlah {part}: {reason}',
  },
  partNamedTwice: {
    id: 'Maaf, Bapak/Ibu, {part} disebut dua kali. Mohon kirim sekali saja, contoh: {example}',
    en: 'Sorry, the {part} is given twice. Please send it once, for example: {example}',
    su: 'Hapunten, Bapak/Ibu, {part} disebat dua kali. Mangga kintunkeun sakali waé, conto: {example}',
  },
  sales: { id: 'omzet', en: 'sales', su: 'omzet' },
  spending: { id: 'belanja', en: 'spending', su: 'belanja' },
  savings: { id: 'tabungan', en: 'savings', su: 'tabungan' },
  withdrawal: { id: 'tabungan yang diambil', en: 'amount taken out', su: 'tabungan nu dicandak' },
} as const satisfies Record<string, CatalogText>;
