import type { CatalogText } from '../catalog';

/** Broadcasts: their audience in words, for the preview, the lists and the broadcast's record. */
export const broadcastTexts = {
  kecamatan: { id: 'Kecamatan {name}', en: 'Kecamatan {name}' },
  cluster: { id: 'Klaster {name}', en: 'Cluster {name}' },
  stage: { id: 'Tahap {name}', en: 'Stage {name}' },
  notReported: { id: 'belum lapor minggu {week}', en: 'not reported for the week of {week}' },
  invited: { id: 'diundang ke sesi "{session}"', en: 'invited to the session "{session}"' },
  everyone: { id: 'Semua peserta aktif', en: 'All active participants' },
} as const satisfies Record<string, CatalogText>;
