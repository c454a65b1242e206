import type { CatalogText } from '../catalog';

/** What the engine itself says while it asks a flow's questions. */
export const conversationTexts = {
  expectPhoto: {
    id: 'Mohon kirim fotonya, Bapak/Ibu.',
    en: 'Please send a photo.',
    su: 'Mangga kintunkeun potona, Bapak/Ibu.',
  },
  expectContact: {
    id: 'Mohon tekan tombol "Bagikan nomor" di bawah, Bapak/Ibu.',
    en: 'Please press the "Share my number" button below.',
    su: 'Mangga pencét tombol "Bagikeun nomer" di handap, Bapak/Ibu.',
  },
  expectLocation: {
    id: 'Mohon kirim lokasi, Bapak/Ibu.',
    en: 'Please send a location.',
    su: 'Mangga kintunkeun lokasi, Bapak/Ibu.',
  },
  expectText: {
    id: 'Mohon tulis jawabannya, Bapak/Ibu.',
    en: 'Please type your answer.',
    su: 'Mangga serat waleranana, Bapak/Ibu.',
  },
  expectInteger: {
    id: 'Mohon tulis angka saja, contoh: 12',
    en: 'Please type a number only, for example: 12',
    su: 'Mangga serat angka wungkul, conto: 12',
  },
  expectDate: {
    id: 'Mohon tulis tanggal, contoh: 28/11/2026',
    en: 'Please type a date, for example: 28/11/2026',
    su: 'Mangga serat tanggal, conto: 28/11/2026',
  },
  textLength: {
    id: 'Mohon tulis {min} sampai {max} huruf, Bapak/Ibu.',
    en: 'Please write {min} to {max} characters.',
    su: 'Mangga serat {min} dugi ka {max} hurup, Bapak/Ibu.',
  },
  notOptional: {
    id: 'Pertanyaan ini perlu dijawab, Bapak/Ibu.',
    en: 'This question needs an answer.',
    su: 'Patarosan ieu kedah diwaler, Bapak/Ibu.',
  },
  earlierButton: {
    id: 'Tombol itu untuk pertanyaan sebelumnya.',
    en: 'That button belongs to an earlier question.',
    su: 'Éta tombol kanggo patarosan saacanna.',
  },
  gaveUp: {
    id: 'Maaf, sepertinya ada kesulitan.',
    en: 'Sorry, this seems difficult.',
    su: 'Hapunten, sigana aya kasesahan.',
  },
  yes: { id: 'Ya', en: 'Yes', su: 'Leres' },
  no: { id: 'Tidak', en: 'No', su: 'Henteu' },
  thisWeek: { id: 'minggu ini', en: 'this week', su: 'minggu ieu' },
  lastWeek: { id: 'minggu lalu', en: 'last week', su: 'minggu kamari' },
  weekOf: { id: 'minggu {dates}', en: 'in the week of {dates}', su: 'minggu {dates}' },
  theWeekOf: { id: 'minggu {dates}', en: 'the week of {dates}', su: 'minggu {dates}' },
} as const satisfies Record<string, CatalogText>;
