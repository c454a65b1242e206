import type { CatalogText } from '../catalog';

/**
 * Why a NIK or a phone number is refused, in an import's row or a form's field. Written in Indonesian,
 * as they always were; the English waits here for when the reader chooses.
 */
export const identityTexts = {
  nikDigitsOnly: { id: 'NIK hanya boleh berisi angka', en: 'a NIK may hold digits only' },
  nikLength: { id: 'NIK harus 16 angka, bukan {length}', en: 'a NIK has 16 digits, not {length}' },
  nikProvince: { id: 'kode provinsi {code} tidak ada', en: 'there is no province code {code}' },
  nikRegency: { id: 'kode kabupaten/kota 00 tidak ada', en: 'there is no regency or city code 00' },
  nikDistrict: { id: 'kode kecamatan 00 tidak ada', en: 'there is no district code 00' },
  nikBirthDate: {
    id: 'tanggal lahir {written} bukan tanggal yang ada (DDMMYY, perempuan +40)',
    en: 'the birth date {written} is not a real date (DDMMYY, women +40)',
  },
  nikSerial: { id: 'nomor urut 0000 tidak ada', en: 'there is no serial number 0000' },
  // Each refusal of a phone number ends with the example, `(contoh: 0812-3456-7890)`.
  phoneExample: { id: 'contoh: {phone}', en: 'for example: {phone}' },
  phoneEmpty: { id: 'nomor HP kosong ({example})', en: 'the phone number is empty ({example})' },
  phoneDigitsOnly: {
    id: 'nomor HP hanya boleh berisi angka ({example})',
    en: 'a phone number may hold digits only ({example})',
  },
  phonePlusFirst: {
    id: 'tanda + hanya boleh di depan ({example})',
    en: 'a + may only come first ({example})',
  },
  phoneNotIndonesian: {
    id: 'bukan nomor Indonesia (+62) ({example})',
    en: 'not an Indonesian number (+62) ({example})',
  },
  phoneNotMobile: {
    id: 'bukan nomor HP Indonesia: harus diawali 08 atau +628 ({example})',
    en: 'not an Indonesian mobile number: it must start with 08 or +628 ({example})',
  },
  phoneLength: {
    id: 'panjang nomor HP tidak wajar ({digits} angka dengan 0 di depan; {example})',
    en: 'the phone number’s length is unusual ({digits} digits with the leading 0; {example})',
  },
  phonePrefix: {
    id: 'awalan 0{prefix} bukan awalan operator seluler ({example})',
    en: '0{prefix} is not a mobile operator’s prefix ({example})',
  },
} as const satisfies Record<string, CatalogText>;
