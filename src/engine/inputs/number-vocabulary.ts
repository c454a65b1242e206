/**
 * The words people use for amounts, in Indonesian, Sundanese, English and Jakarta market slang
 * (Hokkien-derived: `gopek`, `goceng`, `ceban`, `goban`). Keys are folded (lower case, no accents).
 */

/** How a word takes part in a spoken number (see spoken-amount.ts for the grammar). */
export type NumberWord =
  /** 1..9, waiting to learn whether `puluh`, `ratus` or `belas` follows. */
  | { kind: 'digit'; value: number }
  /** `puluh` (x10) or `ratus` (x100) after a digit. */
  | { kind: 'times'; factor: 10 | 100 }
  /** `belas`: 10 + the digit before it. */
  | { kind: 'teen' }
  /** A complete part of a group: `sepuluh` (10), `sebelas` (11), `seratus` (100), `twenty` (20). */
  | { kind: 'part'; value: number; place: 1 | 10 | 100; fills: 1 | 10 | 100 }
  /** `ribu`, `rb`, `k`, `juta`, `jt`: multiplies the group before it. */
  | { kind: 'scale'; scale: bigint }
  /** `seribu`, `sejuta`, `sarebu`: one of a scale, with nothing before it. */
  | { kind: 'one-scale'; scale: bigint }
  /** `setengah`: a half, of the scale next to it. */
  | { kind: 'half' }
  /** A whole amount on its own: `goceng`, `nol`. */
  | { kind: 'whole'; value: number };

const THOUSAND = 1_000n;
const MILLION = 1_000_000n;
const BILLION = 1_000_000_000n;
const TRILLION = 1_000_000_000_000n;

/** Maps, not objects: `constructor` or `__proto__` typed in chat must not find anything. */
const digits = new Map<string, number>(
  Object.entries({
    satu: 1,
    dua: 2,
    tiga: 3,
    empat: 4,
    lima: 5,
    enam: 6,
    tujuh: 7,
    delapan: 8,
    sembilan: 9,
    // Sundanese; dua, lima and tujuh are the same words.
    hiji: 1,
    tilu: 3,
    opat: 4,
    genep: 6,
    dalapan: 8,
    salapan: 9,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
  }),
);

type Part = { value: number; place: 1 | 10 | 100; fills: 1 | 10 | 100 };
const parts = new Map<string, Part>(
  Object.entries({
    sepuluh: { value: 10, place: 10, fills: 10 },
    sapuluh: { value: 10, place: 10, fills: 10 },
    ten: { value: 10, place: 10, fills: 10 },
    sebelas: { value: 11, place: 10, fills: 1 },
    sabelas: { value: 11, place: 10, fills: 1 },
    seratus: { value: 100, place: 100, fills: 100 },
    saratus: { value: 100, place: 100, fills: 100 },
    eleven: { value: 11, place: 10, fills: 1 },
    twelve: { value: 12, place: 10, fills: 1 },
    thirteen: { value: 13, place: 10, fills: 1 },
    fourteen: { value: 14, place: 10, fills: 1 },
    fifteen: { value: 15, place: 10, fills: 1 },
    sixteen: { value: 16, place: 10, fills: 1 },
    seventeen: { value: 17, place: 10, fills: 1 },
    eighteen: { value: 18, place: 10, fills: 1 },
    nineteen: { value: 19, place: 10, fills: 1 },
    twenty: { value: 20, place: 10, fills: 10 },
    thirty: { value: 30, place: 10, fills: 10 },
    forty: { value: 40, place: 10, fills: 10 },
    fifty: { value: 50, place: 10, fills: 10 },
    sixty: { value: 60, place: 10, fills: 10 },
    seventy: { value: 70, place: 10, fills: 10 },
    eighty: { value: 80, place: 10, fills: 10 },
    ninety: { value: 90, place: 10, fills: 10 },
  }),
);

const scales = new Map<string, bigint>(
  Object.entries({
    ribu: THOUSAND,
    rebu: THOUSAND,
    rb: THOUSAND,
    rbu: THOUSAND,
    k: THOUSAND,
    thousand: THOUSAND,
    juta: MILLION,
    jt: MILLION,
    jta: MILLION,
    million: MILLION,
    miliar: BILLION,
    milyar: BILLION,
    billion: BILLION,
    triliun: TRILLION,
    trillion: TRILLION,
  }),
);

const oneScales = new Map<string, bigint>(
  Object.entries({
    seribu: THOUSAND,
    sarebu: THOUSAND,
    sejuta: MILLION,
    sajuta: MILLION,
    semiliar: BILLION,
    samiliar: BILLION,
  }),
);

const wholes = new Map<string, number>(
  Object.entries({
    nol: 0,
    zero: 0,
    gocap: 50,
    cepek: 100,
    nopek: 200,
    gopek: 500,
    seceng: 1_000,
    ceceng: 1_000,
    noceng: 2_000,
    goceng: 5_000,
    ceban: 10_000,
    noban: 20_000,
    goban: 50_000,
    cetiao: 1_000_000,
  }),
);

export function numberWord(word: string): NumberWord | undefined {
  const digit = digits.get(word);
  if (digit !== undefined) return { kind: 'digit', value: digit };
  if (word === 'puluh') return { kind: 'times', factor: 10 };
  if (word === 'ratus' || word === 'hundred') return { kind: 'times', factor: 100 };
  // `welas` is the Sundanese `belas`.
  if (word === 'belas' || word === 'welas') return { kind: 'teen' };
  const part = parts.get(word);
  if (part) return { kind: 'part', ...part };
  const scale = scales.get(word);
  if (scale !== undefined) return { kind: 'scale', scale };
  const oneScale = oneScales.get(word);
  if (oneScale !== undefined) return { kind: 'one-scale', scale: oneScale };
  if (word === 'setengah' || word === 'satengah' || word === 'half') return { kind: 'half' };
  const whole = wholes.get(word);
  if (whole !== undefined) return { kind: 'whole', value: whole };
  return undefined;
}

/** Words that say "nothing this week" for an amount. */
export const NONE_PHRASES = new Set([
  'tidak ada',
  'tdk ada',
  'gak ada',
  'ga ada',
  'gk ada',
  'g ada',
  'nggak ada',
  'ngga ada',
  'enggak ada',
  'engga ada',
  'belum ada',
  'blm ada',
  'belum',
  'blm',
  'kosong',
  'nihil',
  'teu aya',
  'henteu aya',
  'euweuh',
  'teu acan',
  'none',
  'nothing',
  'nil',
  // A plain "no" to "how much?": nothing (a question about a withdrawal is answered this way).
  'tidak',
  'tdk',
  'gak',
  'ga',
  'nggak',
  'ngga',
  'enggak',
  'engga',
  'henteu',
  'teu',
  'no',
]);

/**
 * Words around an amount that do not change it: currency, what the amount is, "about", "only",
 * "per week". `kira-kira` arrives here as two words; `kurang lebih` is removed as a phrase, since
 * `kurang` alone subtracts (`1jt kurang 100rb`) and must not be ignored.
 */
export const AMOUNT_FILLERS = new Set([
  'rp',
  'idr',
  'rupiah',
  'perak',
  'dan',
  'and',
  'sekitar',
  'kira',
  'kira2',
  'kurleb',
  'aja',
  'saja',
  'wae',
  'hungkul',
  'cuma',
  'hanya',
  'total',
  'totalnya',
  'jumlah',
  'jumlahnya',
  'sebesar',
  'omzet',
  'omset',
  'tabungan',
  'nabung',
  'belanja',
  'modal',
  'penjualan',
  'seminggu',
  'sepekan',
  'per',
  'minggu',
  'pekan',
  'ini',
  'ieu',
  'about',
  'around',
]);
