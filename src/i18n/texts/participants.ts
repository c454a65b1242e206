import type { CatalogText } from '../catalog';

/**
 * Why a change of a participant's status is refused, field by field. Written in Indonesian, as they
 * always were; the English waits here for when the reader chooses.
 */
export const participantTexts = {
  statusChoice: {
    id: 'pilih salah satu: lulus, keluar (drop-out) atau aktif kembali',
    en: 'choose one: graduated, withdrawn (drop-out) or active again',
  },
  statusUnchanged: {
    id: 'status ini sudah berlaku; pilih status lain',
    en: 'this status already holds; choose another',
  },
  dayRequired: { id: 'wajib diisi (contoh: {example})', en: 'required (for example: {example})' },
  dayNotPassed: {
    id: 'tanggal belum lewat; isi hari kejadiannya',
    en: 'the date has not passed yet; fill in the day it happened',
  },
  reasonTooShort: {
    id: 'tulis alasannya, paling sedikit {min} huruf (contoh: usaha mandiri, pindah domisili)',
    en: 'write the reason, at least {min} letters (for example: an independent business, moved away)',
  },
  reasonTooLong: { id: 'paling banyak {max} huruf', en: 'at most {max} letters' },
} as const satisfies Record<string, CatalogText>;
