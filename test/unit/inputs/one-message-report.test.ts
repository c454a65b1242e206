import fc from 'fast-check';
import {
  parseCorrectionRequest,
  parseOneMessageReport,
  type ReportPart,
} from '../../../src/engine/inputs/one-message-report';

/** Saturday 28 November 2026 in Bandung Barat: week 2026-W48. */
const now = new Date('2026-11-28T09:00:00Z');
const read = (text: string) => parseOneMessageReport(text, now);
const amountsOf = (text: string) => {
  const reading = read(text);
  return reading.kind === 'report' ? reading.report.amounts : reading.kind;
};
const weekOf = (text: string) => {
  const reading = read(text);
  return reading.kind === 'report' ? reading.report.week : reading.kind;
};

describe('parseOneMessageReport reads a week reported in one message', () => {
  it.each<[string, Partial<Record<ReportPart, number>>]>([
    ['jual 1,5jt tabung 50rb', { sales: 1_500_000, savings: 50_000 }],
    ['omzet 2jt nabung 100rb', { sales: 2_000_000, savings: 100_000 }],
    ['lapor 1500000 50000', { sales: 1_500_000, savings: 50_000 }],
    ['lapor 1500000 dan 50000', { sales: 1_500_000, savings: 50_000 }],
    ['lapor 1,5jt', { sales: 1_500_000 }],
    ['lapor 1jt tabung 50rb', { sales: 1_000_000, savings: 50_000 }],
    ['tabung 50rb jual 1,5jt', { sales: 1_500_000, savings: 50_000 }],
    ['Omzet: Rp 1.500.000,- Tabungan: Rp50.000', { sales: 1_500_000, savings: 50_000 }],
    ['Bu, omzet saya 2jt, tabungan 100rb 🙏', { sales: 2_000_000, savings: 100_000 }],
    ['laku 750rb celengan goceng', { sales: 750_000, savings: 5_000 }],
    ['penjualan 1 juta simpan 20 ribu', { sales: 1_000_000, savings: 20_000 }],
    ['dapat 400rb nabung 0', { sales: 400_000, savings: 0 }],
    ['payu 500rebu nabung 20rebu, hatur nuhun', { sales: 500_000, savings: 20_000 }],
    [
      'sales 300k spending 100k saving 20k withdraw 10k',
      { sales: 300_000, spending: 100_000, savings: 20_000, withdrawal: 10_000 },
    ],
    ['beli bahan 200rb jual 1jt tabung 50rb', { spending: 200_000, sales: 1_000_000, savings: 50_000 }],
    ['belanja 300rb modal', { spending: 300_000 }],
    ['jual sejuta tabung goban', { sales: 1_000_000, savings: 50_000 }],
    ['tabungan diambil 20rb, payu 300rb', { withdrawal: 20_000, sales: 300_000 }],
    ['ambil dari tabungan 20rb jual 1jt tabung 0', { withdrawal: 20_000, sales: 1_000_000, savings: 0 }],
    ['tarik 50rb', { withdrawal: 50_000 }],
    ['omzet 2jt tabungan belum ada', { sales: 2_000_000, savings: 0 }],
  ])('%s', (text, amounts) => {
    expect(amountsOf(text)).toEqual(amounts);
  });

  it.each<[string, string]>([
    ['jual 1jt tabung 50rb', '2026-W48'],
    ['jual 1jt tabung 50rb minggu lalu', '2026-W47'],
    ['omzet minggu lalu 2 juta, nabung 100 ribu', '2026-W47'],
    ['jual 1jt tabung 50rb 2 minggu lalu', '2026-W46'],
    ['jual 1jt tabung 50rb W47', '2026-W47'],
    ['jual 1jt tabung 50rb minggu 47', '2026-W47'],
    ['jual 1jt tabung 50rb minggu ke-47', '2026-W47'],
    ['jual 1jt tabung 50rb tgl 20/11', '2026-W47'],
    ['jual 2 juta tabung 50 ribu 20 november', '2026-W47'],
    ['last week sales 1jt saving 50k', '2026-W47'],
  ])('%s is for %s', (text, week) => {
    expect(weekOf(text)).toBe(week);
  });

  it.each([
    'berapa tabungan saya?',
    'berapa tabungan saya',
    'omzet berapa',
    'tabungan',
    'lapor',
    '1500000 50000',
    '50rb',
    'saya belum dapat bantuan pkh 600rb',
    'dapat 600rb dari pkh kok belum cair',
    'bantuan pkh saya 600rb belum cair',
    'jual sapi 2 ekor 3jt',
    'aduan: bantuan pkh belum cair',
    'kapan jadwal pendampingan',
    'modal usaha 3,5jt belum cair',
    'simpan kartu kks dimana',
    'jual 1jt tabung 50rb?',
    'jual 1jt minggu lalu tabung 50rb minggu ini',
  ])('%s is no report', (text) => {
    expect(read(text)).toEqual({ kind: 'none' });
  });

  it.each<[string, string]>([
    ['jual 1jt 500 tabung 50rb', 'Jumlah omzet'],
    ['jual 1jt tabung -50rb', 'Jumlah tabungan'],
    ['jual 1jt jual 2jt', 'omzet disebut dua kali'],
    ['lapor 1jt 500rb', 'mana omzet dan mana tabungan'],
    ['jual 1jt tabung 50rb minggu 60', 'minggu'],
  ])('%s is a report that cannot be read, said with an example', (text, said) => {
    const reading = read(text);
    expect(reading.kind).toBe('fail');
    if (reading.kind === 'fail') {
      expect(reading.reason.id).toContain(said);
      expect(reading.reason.en.length).toBeGreaterThan(0);
    }
  });

  it('reads UBAH, with or without a week, and nothing else as a correction', () => {
    expect(parseCorrectionRequest('UBAH', now)).toEqual({ kind: 'correction', week: undefined });
    expect(parseCorrectionRequest('ubah 16/11', now)).toEqual({ kind: 'correction', week: '2026-W47' });
    expect(parseCorrectionRequest('ubah laporan minggu lalu', now)).toEqual({
      kind: 'correction',
      week: '2026-W47',
    });
    expect(parseCorrectionRequest('ubah jadwal', now)?.kind).toBe('fail');
    expect(parseCorrectionRequest('jual 1jt', now)).toBeUndefined();
  });
});

/** Every way the parser accepts of naming each part, and amounts in the spellings of the money parser. */
const PART_WORDS: Record<ReportPart, string[]> = {
  sales: ['jual', 'laku', 'omzet', 'penjualan', 'dapat', 'sales', 'payu'],
  spending: ['belanja', 'modal', 'beli bahan', 'spending'],
  savings: ['tabung', 'nabung', 'simpan', 'celengan', 'saving'],
  withdrawal: ['ambil', 'tarik', 'withdraw'],
};
const PARTS = Object.keys(PART_WORDS) as ReportPart[];
const withDots = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const spelled = (rupiah: number) =>
  fc.constantFrom(
    String(rupiah),
    withDots(rupiah),
    `Rp${withDots(rupiah)}`,
    ...(rupiah % 1000 === 0 ? [`${rupiah / 1000}rb`, `${rupiah / 1000} ribu`, `${rupiah / 1000}k`] : []),
    ...(rupiah % 100_000 === 0 && rupiah > 0 ? [`${String(rupiah / 1_000_000).replace('.', ',')}jt`] : []),
  );
const amount = fc.oneof(
  fc.integer({ min: 0, max: 50 }).map((n) => n * 100_000),
  fc.integer({ min: 1, max: 999 }).map((n) => n * 1000),
  fc.integer({ min: 0, max: 9_999_999 }),
);
const reportPart = (part: ReportPart) =>
  fc.record({ part: fc.constant(part), word: fc.constantFrom(...PART_WORDS[part]), rupiah: amount });
const report = fc
  .subarray(PARTS, { minLength: 1 })
  .chain((parts) => fc.shuffledSubarray(parts, { minLength: parts.length }))
  .chain((parts) => fc.tuple(...parts.map(reportPart)))
  .chain((parts) =>
    fc.tuple(
      fc.constant(parts),
      fc.tuple(...parts.map((part) => spelled(part.rupiah))),
      fc.constantFrom(' ', ', ', ' dan ', ' '),
      fc.constantFrom('', 'lapor ', 'Bu, ', 'laporan minggu ini '),
    ),
  );

/** Words of questions and complaints, none of which belongs to a report (`belum` does: none yet). */
const NOT_REPORT_WORDS = [
  'berapa',
  'kapan',
  'bagaimana',
  'kenapa',
  'apakah',
  'bantuan',
  'pkh',
  'masih',
  'cair',
  'kartu',
  'kks',
  'bpnt',
  'dipotong',
  'pungli',
  'tolong',
  'sabaraha',
  'naon',
  'iraha',
  'how',
  'much',
  'when',
  'why',
  'kok',
  'gimana',
  'pengaduan',
  'aduan',
  'rumah',
  'sakit',
];

describe('parseOneMessageReport, property-based', () => {
  it('reads any report phrase, its parts in any order, to exactly the amounts written', () => {
    fc.assert(
      fc.property(report, ([parts, amounts, separator, lead]) => {
        const text = lead + parts.map((part, index) => `${part.word} ${amounts[index]}`).join(separator);
        const expected = Object.fromEntries(parts.map((part) => [part.part, part.rupiah]));
        expect(amountsOf(text)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('never takes a question or a complaint for a report, even one that names amounts and parts', () => {
    fc.assert(
      fc.property(
        report,
        fc.array(fc.constantFrom(...NOT_REPORT_WORDS), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.boolean(),
        ([parts, amounts], others, at, asked) => {
          const words = parts.flatMap((part, index) => [part.word, amounts[index] ?? '']);
          const place = at % (words.length + 1);
          const sentence = [...words.slice(0, place), ...others, ...words.slice(place)].join(' ');
          expect(read(asked ? `${sentence}?` : sentence)).toEqual({ kind: 'none' });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never takes a message with no amount for a report', () => {
    const anyWords = fc.array(
      fc.constantFrom(
        ...NOT_REPORT_WORDS,
        ...Object.values(PART_WORDS).flat(),
        'saya',
        'minggu ini',
        'lapor',
      ),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(anyWords, (words) => {
        expect(read(words.join(' ')).kind).toBe('none');
      }),
    );
  });
});
