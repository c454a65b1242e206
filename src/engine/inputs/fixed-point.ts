/**
 * Exact amounts while reading a reply: `1,15jt` must be 1.150.000, not 1.149.999,9999 as floating
 * point would have it. A value is a bigint of 10^-9 rupiah.
 */
export const FRACTION_DIGITS = 9;
export const ONE = 10n ** BigInt(FRACTION_DIGITS);
export const HALF = ONE / 2n;

export const fromWhole = (whole: number | bigint): bigint => BigInt(whole) * ONE;

/** `undefined` when the fraction has more digits than we keep (and they are not all zeros). */
export function fromDigits(whole: string, fraction: string): bigint | undefined {
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > FRACTION_DIGITS) return undefined;
  return BigInt(whole) * ONE + BigInt(significant.padEnd(FRACTION_DIGITS, '0'));
}

export const isWhole = (value: bigint): boolean => value % ONE === 0n;

export const wholePart = (value: bigint): bigint => value / ONE;
