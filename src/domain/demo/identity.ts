import { normalizePhone } from '../identity';
import type { Sex } from './names';
import { PROVINCE_CODE, REGENCY_CODE } from './places';

/**
 * Demo phone numbers all have `0000` as their middle block (`0812-0000-1001`), so that anyone
 * looking at a list sees at once that they are not real people. Serial blocks keep the kinds apart.
 */
export const PHONE_SERIALS = { staff: 101, mentors: 201, participants: 1001 } as const;

/** Operator prefixes of the numbers people carry in West Java (Telkomsel, Indosat, XL, Tri). */
export const OPERATOR_PREFIXES = ['0812', '0813', '0821', '0852', '0857', '0878', '0896'] as const;

export function demoPhone(prefix: string, serial: number): string {
  const normalized = normalizePhone(`${prefix}-0000-${String(serial).padStart(4, '0')}`);
  if (!normalized.ok) throw new Error(`demo phone ${prefix}/${serial}: ${normalized.reason}`);
  return normalized.value;
}

export interface BirthDate {
  year: number;
  month: number;
  day: number;
}

/**
 * A NIK as Dukcapil issues it in Bandung Barat: 32 (Jawa Barat), 17 (Bandung Barat), the kecamatan
 * code, the birth date as DDMMYY with 40 added to a woman's day, and a serial that keeps it unique.
 */
export function demoNik(districtCode: string, birth: BirthDate, sex: Sex, serial: number): string {
  const day = sex === 'female' ? birth.day + 40 : birth.day;
  return [
    PROVINCE_CODE,
    REGENCY_CODE,
    districtCode,
    two(day),
    two(birth.month),
    two(birth.year % 100),
    String(serial).padStart(4, '0'),
  ].join('');
}

const two = (value: number) => String(value).padStart(2, '0');
