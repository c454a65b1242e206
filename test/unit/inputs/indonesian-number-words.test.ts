import fc from 'fast-check';
import { toIndonesianWords } from '../../../src/engine/inputs';

describe('toIndonesianWords says an amount the way a confirmation reads it', () => {
  it.each<[number, string]>([
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [100, 'seratus'],
    [110, 'seratus sepuluh'],
    [250, 'dua ratus lima puluh'],
    [1_000, 'seribu'],
    [1_500, 'seribu lima ratus'],
    [2_000, 'dua ribu'],
    [11_000, 'sebelas ribu'],
    [150_000, 'seratus lima puluh ribu'],
    [1_000_000, 'satu juta'],
    [1_001_000, 'satu juta seribu'],
    [1_200_000, 'satu juta dua ratus ribu'],
    [3_736_741, 'tiga juta tujuh ratus tiga puluh enam ribu tujuh ratus empat puluh satu'],
    [1_000_000_000, 'satu miliar'],
  ])('%d is "%s"', (n, words) => {
    expect(toIndonesianWords(n)).toBe(words);
  });

  it('refuses what is not a whole, non-negative number, as a programming error', () => {
    for (const n of [-1, 1.5, Number.NaN, 1e15]) expect(() => toIndonesianWords(n)).toThrow(RangeError);
  });

  it('uses the se- forms and single spaces for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
        const words = toIndonesianWords(n);
        expect(words).toMatch(/^[a-z]+( [a-z]+)*$/);
        // A group never starts with `satu ratus` or `satu ribu` (it is `seratus`, `seribu`).
        expect(words).not.toMatch(/(^|ribu |juta |miliar )satu (ratus|ribu)\b/);
        expect(words).not.toMatch(/\bsatu (puluh|belas)\b/);
      }),
    );
  });
});
