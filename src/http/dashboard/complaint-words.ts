import type { ComplaintStatus } from '../../domain/complaints';
import type { Translate } from './language';

export type Words = { id: string; en: string };

export const say = (t: Translate, words: Words) => t(words.id, words.en);

/** Short words for a table cell; the complainant's longer ones are in the domain's messages. */
export const STATUS_LABELS: Record<ComplaintStatus, Words> = {
  unrouted: { id: 'menunggu Puskesos', en: 'waiting for a Puskesos' },
  new: { id: 'baru', en: 'new' },
  acknowledged: { id: 'diterima', en: 'acknowledged' },
  in_progress: { id: 'ditangani', en: 'in progress' },
  referred: { id: 'dirujuk', en: 'referred' },
  answered: { id: 'dijawab', en: 'answered' },
  closed: { id: 'ditutup', en: 'closed' },
  reopened: { id: 'dibuka kembali', en: 'reopened' },
};

export const notStaff = (t: Translate) =>
  t(
    'Halaman pengaduan hanya untuk petugas Puskesos dan admin Dinsos.',
    'The complaints pages are for Puskesos staff and Dinsos admins only.',
  );

export const notAllowed = (t: Translate) => t('Tidak berhak', 'Not allowed');
