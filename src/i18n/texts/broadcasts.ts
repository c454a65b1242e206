import type { CatalogText } from '../catalog';

/**
 * Broadcasts: their audience in words, for the preview, the lists and the broadcast's record; why a
 * broadcast's text is refused (in Indonesian, as it always was; the English waits for the reader's choice).
 */
export const broadcastTexts = {
  kecamatan: { id: 'Kecamatan {name}', en: 'Kecamatan {name}' },
  cluster: { id: 'Klaster {name}', en: 'Cluster {name}' },
  stage: { id: 'Tahap {name}', en: 'Stage {name}' },
  notReported: { id: 'belum lapor minggu {week}', en: 'not reported for the week of {week}' },
  invited: { id: 'diundang ke sesi "{session}"', en: 'invited to the session "{session}"' },
  everyone: { id: 'Semua peserta aktif', en: 'All active participants' },
  textEmpty: {
    id: 'Pesan masih kosong. Contoh: "Besok pelatihan pembukuan di balai desa jam 09.00."',
    en: 'The message is empty. For example: "Bookkeeping training tomorrow at the village hall, 09.00."',
  },
  textTooLong: {
    id: 'Pesan {length} huruf; paling banyak {max}. Persingkat, misalnya cukup waktu, tempat dan apa yang perlu dibawa.',
    en: 'The message has {length} characters; at most {max}. Shorten it, for example to the time, the place and what to bring.',
  },
} as const satisfies Record<string, CatalogText>;
