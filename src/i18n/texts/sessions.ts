import type { CatalogText } from '../catalog';

/** Notices about a mentoring session; `{when}` is the session's time as `formatDateTime` writes it. */
export const sessionTexts = {
  invitation: {
    id: 'Undangan pendampingan: {topic}\n{when}, di {place}.\n{confirm}',
    en: 'Mentoring session: {topic}\n{when}, at {place}.\n{confirm}',
    su: 'Uleman pendampingan: {topic}\n{when}, di {place}.\n{confirm}',
  },
  dayBefore: {
    id: 'Pengingat: besok ada pendampingan "{topic}", {when}, di {place}.\n{confirm}',
    en: 'Reminder: tomorrow there is a mentoring session "{topic}", {when}, at {place}.\n{confirm}',
    su: 'Pangéling: enjing aya pendampingan "{topic}", {when}, di {place}.\n{confirm}',
  },
  twoHoursBefore: {
    id: 'Sebentar lagi: pendampingan "{topic}", {when}, di {place}. Sampai jumpa!',
    en: 'Soon: mentoring session "{topic}", {when}, at {place}. See you there!',
    su: 'Sakedap deui: pendampingan "{topic}", {when}, di {place}. Dugi ka patepang!',
  },
  moved: {
    id: 'Jadwal pendampingan "{topic}" berubah: sekarang {when}, di {place}.\n{confirm}',
    en: 'The mentoring session "{topic}" has moved: now {when}, at {place}.\n{confirm}',
    su: 'Jadwal pendampingan "{topic}" robih: ayeuna {when}, di {place}.\n{confirm}',
  },
  cancelled: {
    id: 'Pendampingan "{topic}" pada {when} dibatalkan{because}. Mohon maaf, pendamping akan mengabari jadwal berikutnya.',
    en: 'The mentoring session "{topic}" on {when} is cancelled{because}. Sorry; your mentor will tell you the next date.',
    su: 'Pendampingan "{topic}" dina {when} dibolaykeun{because}. Hapunten, pendamping badé ngabéjaan jadwal salajengna.',
  },
  confirm: {
    id: 'Balas JADWAL untuk menjawab hadir atau tidak.',
    en: 'Reply JADWAL to say whether you will come.',
    su: 'Bales JADWAL kanggo ngawaler badé sumping atanapi henteu.',
  },
  declined: { id: 'tidak bisa hadir', en: 'cannot come' },
  asksAnotherTime: { id: 'minta jadwal lain', en: 'asks for another time' },
  answerToMentor: {
    id: '{name} ({desa}) {answer} untuk pendampingan "{topic}".',
    en: '{name} ({desa}) {answer} for the mentoring session "{topic}".',
  },
} as const satisfies Record<string, CatalogText>;
