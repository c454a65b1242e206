import { say } from '../../i18n';
import { fail, ok, type Result } from '../result';

/** Province codes of Indonesia (Kemendagri), including the Papua provinces created in 2022. */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73,
  74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
]);

export interface NikFacts {
  nik: string;
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  /** ISO date (YYYY-MM-DD). */
  birthDate: string;
  sex: 'female' | 'male';
}

/**
 * Checks a NIK (Nomor Induk Kependudukan): 16 digits made of province, regency and district codes,
 * the date of birth as DDMMYY (women add 40 to the day) and a serial number.
 * `today` decides the century of the birth year.
 */
export function parseNik(input: string | number, today: Date = new Date()): Result<NikFacts> {
  const nik = String(input).replace(/[\s.-]/g, '');
  if (!/^\d+$/.test(nik)) return fail(say('identity.nikDigitsOnly', 'id'));
  if (nik.length !== 16) return fail(say('identity.nikLength', 'id', { length: nik.length }));

  const province = Number(nik.slice(0, 2));
  if (!PROVINCE_CODES.has(province))
    return fail(say('identity.nikProvince', 'id', { code: nik.slice(0, 2) }));
  if (nik.slice(2, 4) === '00') return fail(say('identity.nikRegency', 'id'));
  if (nik.slice(4, 6) === '00') return fail(say('identity.nikDistrict', 'id'));

  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const shortYear = Number(nik.slice(10, 12));
  const sex = rawDay > 40 ? 'female' : 'male';
  const day = sex === 'female' ? rawDay - 40 : rawDay;
  const currentShortYear = today.getUTCFullYear() % 100;
  const year = (shortYear > currentShortYear ? 1900 : 2000) + shortYear;
  if (!isRealDate(year, month, day)) {
    return fail(say('identity.nikBirthDate', 'id', { written: nik.slice(6, 12) }));
  }
  if (nik.slice(12) === '0000') return fail(say('identity.nikSerial', 'id'));

  return ok({
    nik,
    provinceCode: nik.slice(0, 2),
    regencyCode: nik.slice(2, 4),
    districtCode: nik.slice(4, 6),
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    sex,
  });
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Shows a NIK as `3217**********01`: the regency for context, never the birth date or serial. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}${'*'.repeat(10)}${nik.slice(-2)}`;
}
