import type { CatalogText } from '../catalog';

/** What a participant reads when asking from the menu for their mentoring schedule or their mentors. */
export const informationTexts = {
  noSessions: {
    id: 'Belum ada jadwal pendampingan. Pendamping akan mengabari Bapak/Ibu.',
    en: 'No mentoring session is planned yet. Your mentor will let you know.',
    su: 'Teu acan aya jadwal pendampingan. Pendamping badé ngabéjaan Bapak/Ibu.',
  },
  sessions: {
    id: 'Jadwal pendampingan:\n{rows}',
    en: 'Mentoring sessions:\n{rows}',
    su: 'Jadwal pendampingan:\n{rows}',
  },
  noMentors: {
    id: 'Data pendamping Bapak/Ibu belum tercatat. Ketik BANTUAN untuk dihubungkan dengan petugas.',
    en: 'Your mentors are not recorded yet. Type BANTUAN to be put in touch with staff.',
    su: 'Data pendamping Bapak/Ibu teu acan kacatet. Serat BANTUAN kanggo dihubungkeun sareng petugas.',
  },
  mentors: {
    id: 'Pendamping Bapak/Ibu:\n{rows}',
    en: 'Your mentors:\n{rows}',
    su: 'Pendamping Bapak/Ibu:\n{rows}',
  },
} as const satisfies Record<string, CatalogText>;
