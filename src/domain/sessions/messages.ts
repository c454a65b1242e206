import type { Language } from '../program';

export type SessionNotice = 'invitation' | 'day_before' | 'two_hours_before' | 'moved' | 'cancelled';

/** `Sabtu, 5 Desember 09.00`: how a session's time is written to people, in their language. */
export function sessionTime(startsAt: Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(startsAt);
}

const CONFIRM = {
  id: 'Balas JADWAL untuk menjawab hadir atau tidak.',
  en: 'Reply JADWAL to say whether you will come.',
  su: 'Bales JADWAL kanggo ngawaler badé sumping atanapi henteu.',
};

/** The text of each notice about a session; `{when}`, `{place}` and `{topic}` filled in. */
export function sessionNotice(
  notice: SessionNotice,
  details: { when: string; place: string; topic: string; cancelReason?: string | undefined },
  language: Language,
): string {
  const { when, place, topic } = details;
  const because = details.cancelReason ? ` (${details.cancelReason})` : '';
  const texts: Record<SessionNotice, Record<Language, string>> = {
    invitation: {
      id: `Undangan pendampingan: ${topic}\n${when}, di ${place}.\n${CONFIRM.id}`,
      en: `Mentoring session: ${topic}\n${when}, at ${place}.\n${CONFIRM.en}`,
      su: `Uleman pendampingan: ${topic}\n${when}, di ${place}.\n${CONFIRM.su}`,
    },
    day_before: {
      id: `Pengingat: besok ada pendampingan "${topic}", ${when}, di ${place}.\n${CONFIRM.id}`,
      en: `Reminder: tomorrow there is a mentoring session "${topic}", ${when}, at ${place}.\n${CONFIRM.en}`,
      su: `Pangéling: enjing aya pendampingan "${topic}", ${when}, di ${place}.\n${CONFIRM.su}`,
    },
    two_hours_before: {
      id: `Sebentar lagi: pendampingan "${topic}", ${when}, di ${place}. Sampai jumpa!`,
      en: `Soon: mentoring session "${topic}", ${when}, at ${place}. See you there!`,
      su: `Sakedap deui: pendampingan "${topic}", ${when}, di ${place}. Dugi ka patepang!`,
    },
    moved: {
      id: `Jadwal pendampingan "${topic}" berubah: sekarang ${when}, di ${place}.\n${CONFIRM.id}`,
      en: `The mentoring session "${topic}" has moved: now ${when}, at ${place}.\n${CONFIRM.en}`,
      su: `Jadwal pendampingan "${topic}" robih: ayeuna ${when}, di ${place}.\n${CONFIRM.su}`,
    },
    cancelled: {
      id: `Pendampingan "${topic}" pada ${when} dibatalkan${because}. Mohon maaf, pendamping akan mengabari jadwal berikutnya.`,
      en: `The mentoring session "${topic}" on ${when} is cancelled${because}. Sorry; your mentor will tell you the next date.`,
      su: `Pendampingan "${topic}" dina ${when} dibolaykeun${because}. Hapunten, pendamping badé ngabéjaan jadwal salajengna.`,
    },
  };
  return texts[notice][language];
}
