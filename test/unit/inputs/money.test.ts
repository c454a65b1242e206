import fc from 'fast-check';
import { parseMoney, toIndonesianWords } from '../../../src/engine/inputs';
import { expectRefusal, valueOf } from './expect-reply';

/** `1234567` → `1.234.567`, as Indonesian receipts group thousands. */
const withDots = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const withSpaces = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

describe('parseMoney reads amounts the way people type them', () => {
  it.each<[string, number]>([
    ['150rb', 150_000],
    ['150 rb', 150_000],
    ['150 ribu', 150_000],
    ['150k', 150_000],
    ['150K', 150_000],
    ['150rb.', 150_000],
    ['150 rb pak', 150_000],
    ['150rb 🙏', 150_000],
    ['1,5jt', 1_500_000],
    ['1,5 jt', 1_500_000],
    ['1.5 juta', 1_500_000],
    ['1.5jt', 1_500_000],
    ['1,25 juta', 1_250_000],
    ['1,15jt', 1_150_000],
    ['0,5 jt', 500_000],
    ['2 jt', 2_000_000],
    ['2jt', 2_000_000],
    ['2 JUTA', 2_000_000],
    ['Rp 1.500.000', 1_500_000],
    ['Rp1.500.000,-', 1_500_000],
    ['Rp 1.500.000,00', 1_500_000],
    ['1.500.000,-', 1_500_000],
    ['rp. 25.000', 25_000],
    ['Rp.25.000', 25_000],
    ['Rp 25.000,- rupiah', 25_000],
    ['IDR 25000', 25_000],
    ['1500000', 1_500_000],
    ['1 500 000', 1_500_000],
    ['Rp 1 500 000', 1_500_000],
    ['1,500,000', 1_500_000],
    ['1.500', 1_500],
    ['1.250 rb', 1_250_000],
    ['1jt 500rb', 1_500_000],
    ['1 juta 500 ribu', 1_500_000],
    ['1 juta dan 500 ribu', 1_500_000],
    ['2 ratus ribu', 200_000],
    ['seratus lima puluh ribu', 150_000],
    ['satu juta dua ratus ribu', 1_200_000],
    ['dua ratus lima puluh', 250],
    ['dua ratus lima belas ribu', 215_000],
    ['sebelas ribu', 11_000],
    ['satu juta lima ratus', 1_000_500],
    ['sejuta', 1_000_000],
    ['Sejuta setengah', 1_500_000],
    ['dua juta setengah', 2_500_000],
    ['satu setengah juta', 1_500_000],
    ['setengah juta', 500_000],
    ['seribu', 1_000],
    ['seribu lima ratus', 1_500],
    ['sepuluh ribu', 10_000],
    ['lima ribu perak', 5_000],
    ['sekitar 300rb', 300_000],
    ['kira-kira 300 ribu', 300_000],
    ['kurang lebih 1jt', 1_000_000],
    ['omzet 150rb', 150_000],
    ['150rb per minggu', 150_000],
    ['goceng', 5_000],
    ['ceban', 10_000],
    ['goban', 50_000],
    ['gopek', 500],
    ['cepek', 100],
    ['seceng', 1_000],
    ['ceceng', 1_000],
    ['Goceng aja', 5_000],
    ['sarébu', 1_000],
    ['sarebu', 1_000],
    ['sajuta', 1_000_000],
    ['dua rebu', 2_000],
    ['tilu ratus rebu', 300_000],
    ['dalapan welas rebu', 18_000],
    ['saratus rebu', 100_000],
    ['satengah juta', 500_000],
    ['two million five hundred thousand', 2_500_000],
    ['one hundred and fifty thousand', 150_000],
    ['0', 0],
    ['Rp 0', 0],
    ['nol', 0],
    ['tidak ada', 0],
    ['gak', 0],
    ['teu aya', 0],
    ['gak ada', 0],
    ['Ga ada bu', 0],
    ['belum', 0],
    ['teu aya', 0],
    ['euweuh', 0],
    ['nothing', 0],
    ['1.000.000.000', 1_000_000_000],
  ])('%s is Rp %d', (text, rupiah) => {
    expect(valueOf(parseMoney(text))).toBe(rupiah);
  });

  it.each(['-', 'lewati', 'Skip', 'lewat'])('%s asks to skip the question', (text) => {
    expect(parseMoney(text)).toEqual({ kind: 'skip' });
  });
});

describe('parseMoney refuses what it cannot read safely, saying what it expects', () => {
  it('asks for 1500 when a comma with three digits could be a thousands or a decimal sign', () => {
    for (const text of ['1,500', '150,000', 'Rp 1,000']) {
      const reply = parseMoney(text);
      const digits = text.replace(/\D/g, '');
      expectRefusal(reply, { id: ['dua cara', digits], en: ['two ways', digits], su: ['dua rupi', digits] });
      expect(reply).toMatchObject({ example: digits });
    }
  });

  it('refuses cents: a rupiah amount is whole', () => {
    for (const text of ['1,5', '1.5', '12,75', 'Rp 1.500,50']) {
      expectRefusal(parseMoney(text), {
        id: ['bilangan bulat', '1,5jt'],
        en: ['whole numbers', '1.5jt'],
        su: ['buleud', '1,5jt'],
      });
    }
    // A fraction of a unit that leaves half a rupiah is still a fraction.
    expectRefusal(parseMoney('1,2345 rb'), { id: ['bilangan bulat'], en: ['whole numbers'], su: ['buleud'] });
  });

  it.each(['-150rb', '- 150rb', 'Rp -25.000', 'minus 50 ribu', '−150.000'])(
    'refuses the negative %s',
    (text) => {
      expectRefusal(parseMoney(text), {
        id: ['minus', '50rb'],
        en: ['negative', '50rb'],
        su: ['minus', '50rb'],
      });
    },
  );

  it.each([
    '100rb 200rb',
    '100rb + 200rb',
    '100rb dan 200rb',
    '150-200rb',
    '1500000 200',
    'dua tiga ribu',
    'goceng ceban',
  ])('asks for one total instead of %s', (text) => {
    expectRefusal(parseMoney(text), {
      id: ['satu angka', '300rb'],
      en: ['one number', '300rb'],
      su: ['hiji angka'],
    });
  });

  it.each([
    ['abc', 'abc'],
    ['150 dolar', 'dolar'],
    ['banyak', 'banyak'],
    ['entah', 'entah'],
  ])('names the unknown word in %s', (text, word) => {
    expectRefusal(parseMoney(text), {
      id: [`"${word}"`, '150rb'],
      en: [`"${word}"`, '150rb'],
      su: [`"${word}"`, '150rb'],
    });
  });

  it.each(['2 miliar', '1.500 jt', '5000000000', '99999999999999999999999'])(
    'refuses %s as more than Rp 1 miliar, echoing how it was read',
    (text) => {
      expectRefusal(parseMoney(text), {
        id: ['terlalu besar', 'Rp1.000.000.000'],
        en: ['too large', 'Rp1.000.000.000'],
        su: ['kaageungan', 'Rp1.000.000.000'],
      });
    },
  );

  it('shows the amount as read when it is too large, so a slip shows itself', () => {
    expectRefusal(parseMoney('1.500 jt'), { id: ['Rp1.500.000.000'], en: ['Rp1.500.000.000'] });
  });

  it('takes a lower maximum when the step sets one', () => {
    expect(valueOf(parseMoney('5jt', { max: 5_000_000 }))).toBe(5_000_000);
    expectRefusal(parseMoney('5,1jt', { max: 5_000_000 }), { id: ['Rp5.000.000'], en: ['Rp5.000.000'] });
  });

  it('asks which unit a bare number after a million has, instead of guessing', () => {
    for (const text of ['1jt 500', '1jt500', '2 juta 300', '1 juta lima ratus', '150 ribu dua']) {
      expectRefusal(parseMoney(text), {
        id: ['satuannya', '1.500.000'],
        en: ['no unit', '1.500.000'],
        su: ['satuanana', '1.500.000'],
      });
    }
  });

  it.each(['', '   ', '🙏', 'ribu', 'juta ribu', '.5jt', '1..5', 'puluh', 'setengah'])(
    'explains the format for %j',
    (text) => {
      expectRefusal(parseMoney(text), {
        id: ['contoh', '150rb'],
        en: ['for example', '150rb'],
        su: ['conto'],
      });
    },
  );
});

describe('parseMoney properties', () => {
  const rupiah = fc.integer({ min: 0, max: 999_999_999 });

  it('reads any amount written with Indonesian thousands dots, plain digits or spaces', () => {
    const spelling = fc.constantFrom(
      (n: number) => String(n),
      (n: number) => `Rp ${withDots(n)}`,
      (n: number) => `Rp${withDots(n)},-`,
      (n: number) => `${withDots(n)},-`,
      (n: number) => `rp. ${withDots(n)}`,
      (n: number) => `Rp ${withDots(n)},00`,
      (n: number) => `IDR ${n}`,
      (n: number) => withSpaces(n),
    );
    fc.assert(
      fc.property(rupiah, spelling, (n, spell) => {
        expect(valueOf(parseMoney(spell(n)))).toBe(n);
      }),
    );
  });

  it('scales thousands and millions, also with a decimal comma or dot', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.constantFrom('rb', ' rb', ' ribu', 'k', 'K', ' rebu'),
        (n, unit) => {
          expect(valueOf(parseMoney(`${n}${unit}`))).toBe(n * 1_000);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom('jt', ' jt', ' juta', ' Juta'),
        fc.constantFrom(',', '.'),
        (whole, hundredths, unit, separator) => {
          const fraction = String(hundredths).padStart(2, '0');
          const expected = whole * 1_000_000 + hundredths * 10_000;
          expect(valueOf(parseMoney(`${whole}${separator}${fraction}${unit}`))).toBe(expected);
          expect(valueOf(parseMoney(`${whole}${unit}`))).toBe(whole * 1_000_000);
        },
      ),
    );
  });

  it('reads back every amount written in Indonesian words', () => {
    fc.assert(
      fc.property(rupiah, (n) => {
        expect(valueOf(parseMoney(toIndonesianWords(n)))).toBe(n);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never throws, and anything it accepts is a whole rupiah amount within the limit', () => {
    const chatty = fc.string({
      unit: fc.constantFrom(...'0123456789.,- rbjtkRpIDRseratusjutaribu,-+/éWüab'.split('')),
      maxLength: 24,
    });
    fc.assert(
      fc.property(fc.oneof(chatty, fc.string({ unit: 'binary', maxLength: 24 })), (text) => {
        const reply = parseMoney(text);
        if (reply.kind === 'ok') {
          expect(Number.isSafeInteger(reply.value)).toBe(true);
          expect(reply.value).toBeGreaterThanOrEqual(0);
          expect(reply.value).toBeLessThanOrEqual(1_000_000_000);
        }
        if (reply.kind === 'fail') expect(reply.reason.id.length).toBeGreaterThan(0);
      }),
      { numRuns: 3_000 },
    );
  });
});
