/**
 * A whole number in Indonesian words, as a confirmation can read it back (`Rp150.000, seratus lima
 * puluh ribu`) for people who trust words more than zeros. `parseMoney` reads every output back.
 */

const UNITS = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

const SCALES: [number, string][] = [
  [1_000_000_000_000, 'triliun'],
  [1_000_000_000, 'miliar'],
  [1_000_000, 'juta'],
  [1_000, 'ribu'],
];

/** `150000` → `seratus lima puluh ribu`; `1000` → `seribu`; `0` → `nol`. Below one quadrillion. */
export function toIndonesianWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1_000_000_000_000_000) {
    throw new RangeError(`expected a whole number from 0 to 999 triliun, got ${n}`);
  }
  if (n === 0) return 'nol';
  const words: string[] = [];
  let rest = n;
  for (const [scale, name] of SCALES) {
    const count = Math.floor(rest / scale);
    rest %= scale;
    if (count === 0) continue;
    // Only a thousand is said with the prefix (`seribu`); the rest is `satu juta`, `satu miliar`.
    words.push(count === 1 && scale === 1_000 ? 'seribu' : `${belowThousand(count)} ${name}`);
  }
  if (rest > 0) words.push(belowThousand(rest));
  return words.join(' ');
}

function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const words: string[] = [];
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(`${UNITS[hundreds]} ratus`);
  if (tens === 1) words.push(units === 0 ? 'sepuluh' : units === 1 ? 'sebelas' : `${UNITS[units]} belas`);
  else {
    if (tens > 1) words.push(`${UNITS[tens]} puluh`);
    if (units > 0) words.push(UNITS[units] ?? '');
  }
  return words.join(' ');
}
