import type { CatalogText } from '../catalog';

/** What mentors read in chat outside their flows: the answers to their taps and typed commands. */
export const mentorTexts = {
  // After tapping "Ingatkan" under their digest (or typing INGATKAN <nama>).
  nudgeQueued: { id: 'Pengingat dikirim ke {name}.', en: 'Reminder sent to {name}.' },
  nudgeAlreadyToday: {
    id: '{name} sudah diingatkan hari ini.',
    en: '{name} has already been reminded today.',
  },
  nudgeNotYours: {
    id: 'Peserta itu bukan dampingan Bapak/Ibu.',
    en: 'That participant is not one of yours.',
  },
  nudgeStopped: {
    id: '{name} meminta tidak dikirimi pengingat (STOP); silakan hubungi langsung.',
    en: '{name} asked for no reminders (STOP); please contact them directly.',
  },
  nudgeUnreachable: {
    id: '{name} belum punya akun chat tercatat; silakan hubungi langsung.',
    en: '{name} has no chat app on record; please contact them directly.',
  },
  theParticipant: { id: 'peserta', en: 'the participant' },
  // A typed digest action whose name does not pick out one of the mentor's participants.
  severalNamed: {
    id: 'Ada {count} peserta: {names}. Ketik nama lengkapnya.',
    en: 'There are {count} {count:participant|participants}: {names}. Type the full name.',
  },
  noneNamed: {
    id: 'Tidak ada peserta dampingan Bapak/Ibu bernama "{name}".',
    en: 'None of your participants is called "{name}".',
  },
} as const satisfies Record<string, CatalogText>;
