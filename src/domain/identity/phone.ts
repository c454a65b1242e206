import { say } from '../../i18n';
import { fail, ok, type Result } from '../result';

/**
 * Mobile prefixes in use in Indonesia (Telkomsel, Indosat, XL, Axis, Tri, Smartfren, by-U).
 * A number outside them is most likely a typo or a landline, which cannot use WhatsApp or Telegram.
 */
const MOBILE_PREFIXES = new Set([
  '811',
  '812',
  '813',
  '814',
  '815',
  '816',
  '817',
  '818',
  '819',
  '821',
  '822',
  '823',
  '828',
  '831',
  '832',
  '833',
  '838',
  '851',
  '852',
  '853',
  '855',
  '856',
  '857',
  '858',
  '859',
  '877',
  '878',
  '879',
  '881',
  '882',
  '883',
  '884',
  '885',
  '886',
  '887',
  '888',
  '889',
  '895',
  '896',
  '897',
  '898',
  '899',
]);

const EXAMPLE = say('identity.phoneExample', 'id', { phone: '0812-3456-7890' });

/**
 * Normalizes an Indonesian mobile number as people write it (`0812-3456-7890`, `+62 812 3456 7890`,
 * `62812...`, `(0812) 3456.7890`, `+62 0812...`) to E.164 (`+6281234567890`).
 */
export function normalizePhone(input: string | number): Result<string> {
  const text = String(input).trim();
  if (text === '') return fail(say('identity.phoneEmpty', 'id', { example: EXAMPLE }));
  if (!/^[+\d\s().-]+$/.test(text)) return fail(say('identity.phoneDigitsOnly', 'id', { example: EXAMPLE }));
  if (text.lastIndexOf('+') > 0) return fail(say('identity.phonePlusFirst', 'id', { example: EXAMPLE }));

  let digits = text.replace(/\D/g, '');
  if (digits.startsWith('62')) digits = digits.slice(2);
  else if (text.startsWith('+')) return fail(say('identity.phoneNotIndonesian', 'id', { example: EXAMPLE }));
  if (digits.startsWith('0')) digits = digits.slice(1);

  if (!digits.startsWith('8')) return fail(say('identity.phoneNotMobile', 'id', { example: EXAMPLE }));
  if (digits.length < 9 || digits.length > 12) {
    return fail(say('identity.phoneLength', 'id', { digits: digits.length + 1, example: EXAMPLE }));
  }
  if (!MOBILE_PREFIXES.has(digits.slice(0, 3))) {
    return fail(say('identity.phonePrefix', 'id', { prefix: digits.slice(0, 3), example: EXAMPLE }));
  }
  return ok(`+62${digits}`);
}

/** `+6281234567890` → `0812-****-7890`: enough for staff to recognise a caller, not to copy the number. */
export function maskPhone(e164: string): string {
  const national = e164.startsWith('+62') ? `0${e164.slice(3)}` : e164;
  return `${national.slice(0, 4)}-****-${national.slice(-4)}`;
}
