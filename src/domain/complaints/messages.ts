import { complaintCategoryName } from './categories';
import type { ComplaintStatus } from './lifecycle';
import { maskPhone } from '../identity';
import type { Language } from '../program';
import { formatDateTime } from '../../i18n';

/**
 * What the complainant is told after one action on their complaint: the staff's reply, the new status,
 * or both (an answer is a reply and a status), written in their language.
 */
export interface ComplaintUpdate {
  number: string;
  puskesosName: string;
  /** The complainant's language, as they filed the complaint. */
  language: Language;
  text?: string | undefined;
  status?: ComplaintStatus | undefined;
  referredTo?: string | undefined;
}

const STATUS_WORDS: Record<ComplaintStatus, Record<Language, string>> = {
  unrouted: {
    id: 'tersimpan, menunggu Dinas Sosial meneruskannya ke Puskesos',
    en: 'stored, waiting for the social affairs office to pass it to a Puskesos',
    su: 'disimpen, ngantosan Dinas Sosial neraskeun ka Puskesos',
  },
  new: {
    id: 'diterima sistem, menunggu petugas',
    en: 'received, waiting for staff',
    su: 'katampi, ngantosan petugas',
  },
  acknowledged: { id: 'sudah diterima petugas', en: 'acknowledged by staff', su: 'parantos katampi petugas' },
  in_progress: { id: 'sedang ditangani', en: 'being handled', su: 'nuju diurus' },
  referred: {
    id: 'dirujuk ke layanan lain',
    en: 'referred to another service',
    su: 'dirujuk ka layanan sanés',
  },
  answered: { id: 'sudah dijawab', en: 'answered', su: 'parantos diwaler' },
  closed: { id: 'selesai dan ditutup', en: 'resolved and closed', su: 'réngsé sareng ditutup' },
  reopened: { id: 'dibuka kembali', en: 'reopened', su: 'dibuka deui' },
};

export const statusWord = (status: ComplaintStatus, language: Language) => STATUS_WORDS[status][language];

export function complainantUpdateText(update: ComplaintUpdate, language: Language): string {
  const { number, puskesosName } = update;
  const parts: string[] = [];
  if (update.text) {
    parts.push(
      {
        id: `Balasan ${puskesosName} untuk pengaduan ${number}:\n${update.text}`,
        en: `Reply from ${puskesosName} about complaint ${number}:\n${update.text}`,
        su: `Waleran ${puskesosName} kanggo pangaduan ${number}:\n${update.text}`,
      }[language],
    );
  }
  if (update.status === 'new') {
    // A complaint becomes `new` again only when the Dinsos passes an unrouted one to a Puskesos.
    parts.push(
      {
        id: `Pengaduan ${number} sudah diteruskan ke ${puskesosName} dan menunggu petugas.`,
        en: `Complaint ${number} has been passed to ${puskesosName} and is waiting for its staff.`,
        su: `Pangaduan ${number} parantos diteraskeun ka ${puskesosName} sareng ngantosan petugas.`,
      }[language],
    );
  } else if (update.status) {
    const referred = update.referredTo ? ` (${update.referredTo})` : '';
    const status = statusWord(update.status, language);
    parts.push(
      {
        id: `Pengaduan ${number} ${status}${referred}. ${puskesosName}`,
        en: `Complaint ${number} is ${status}${referred}. ${puskesosName}`,
        su: `Pangaduan ${number} ${status}${referred}. ${puskesosName}`,
      }[language],
    );
  }
  return parts.join('\n\n');
}

/** What staff see of a new complaint: enough to act on it, with the complainant's number masked. */
export function newComplaintPost(
  complaint: {
    number: string;
    category: string;
    desa: string;
    text: string;
    complainantPhone?: string | undefined;
    participant: boolean;
    photos: number;
    acknowledgeBy?: Date | undefined;
  },
  timeZone: string,
): string {
  return [
    `Pengaduan baru ${complaint.number}`,
    `Kategori: ${complaintCategoryName(complaint.category)}`,
    `Desa: ${complaint.desa}`,
    `Pelapor: ${complaint.complainantPhone ? maskPhone(complaint.complainantPhone) : 'tanpa nomor'}${complaint.participant ? ' (peserta ProKUS)' : ''}`,
    `Isi: ${complaint.text}`,
    ...(complaint.photos > 0 ? [`Foto: ${complaint.photos} (terlampir)`] : []),
    ...(complaint.acknowledgeBy
      ? [`Tanggapi sebelum: ${formatDateTime(complaint.acknowledgeBy, 'id', timeZone)}`]
      : []),
    '',
    STAFF_HINT.id,
  ].join('\n');
}

export const STAFF_HINT = {
  id: 'Balas pesan ini untuk menjawab pelapor. Perintah: /ambil, /rujuk <layanan>, /selesai, /tutup, /catatan <teks>, /buka.',
  en: 'Reply to this message to answer the complainant. Commands: /take, /refer <service>, /answered, /close, /note <text>, /reopen.',
} as const;

/** A message from the complainant, passed to staff in the thread of its complaint. */
export const complainantMessagePost = (number: string, text: string) =>
  `Pesan pelapor untuk ${number}:\n${text}\n\n(Balas pesan ini untuk menjawab.)`;

/** What happened, said to the Puskesos staff: `PGD-2026-000001 diambil oleh Rina.` */
export function staffAnnouncement(
  number: string,
  event: {
    kind: string;
    to?: ComplaintStatus | undefined;
    byName?: string | undefined;
    text?: string | undefined;
  },
  language: 'id' | 'en' = 'id',
): string {
  const english = language === 'en';
  const who = event.byName ?? (english ? 'the complainant' : 'pelapor');
  switch (event.kind) {
    case 'reply':
      return english
        ? `${number}: ${who}'s reply was sent to the complainant.`
        : `${number}: balasan ${who} terkirim ke pelapor.`;
    case 'note':
      return english
        ? `${number}: internal note from ${who} saved (not sent to the complainant).`
        : `${number}: catatan internal dari ${who} disimpan (tidak dikirim ke pelapor).`;
    case 'rating':
      return english
        ? `${number}: the complainant's rating ${event.text ?? ''}.`
        : `${number}: penilaian pelapor ${event.text ?? ''}.`;
    default: {
      const to = event.to ?? 'new';
      const words: Record<ComplaintStatus, [string, string]> = {
        unrouted: ['menunggu Puskesos', 'waiting for a Puskesos'],
        new: event.text
          ? [`diteruskan ke ${event.text} oleh ${who}`, `passed to ${event.text} by ${who}`]
          : ['baru', 'new'],
        acknowledged: [`diterima oleh ${who}`, `acknowledged by ${who}`],
        in_progress: [`diambil oleh ${who}`, `taken by ${who}`],
        referred: [
          `dirujuk ke ${event.text ?? 'layanan lain'} oleh ${who}`,
          `referred to ${event.text ?? 'another service'} by ${who}`,
        ],
        answered: [
          `dijawab oleh ${who}; pelapor diminta menilai`,
          `answered by ${who}; the complainant is asked to rate it`,
        ],
        closed: [`ditutup oleh ${who}`, `closed by ${who}`],
        reopened: [
          `dibuka kembali oleh ${who}${event.text ? `: ${event.text}` : ''}`,
          `reopened by ${who}${event.text ? `: ${event.text}` : ''}`,
        ],
      };
      return `${number} ${words[to][english ? 1 : 0]}.`;
    }
  }
}
