import type { Response } from 'express';
import type { IndonesianTimeZone, Language, ParticipantStatus } from '../../domain/program';
import type { Translate } from './language';
import { type Viewer, refuse } from './layout';

export const PARTICIPANTS_PATH = '/dashboard/peserta';

export const LANGUAGE_LABELS: Record<Language, string> = {
  id: 'Bahasa Indonesia',
  en: 'English',
  su: 'Basa Sunda',
};

export const TIME_ZONE_LABELS: Record<IndonesianTimeZone, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export const statusLabel = (status: ParticipantStatus, t: Translate) =>
  ({
    active: t('aktif', 'active'),
    graduated: t('lulus', 'graduated'),
    withdrawn: t('keluar', 'withdrawn'),
  })[status];

/** The refusal for a participant the account may not see, or that does not exist. */
export function refuseParticipant(
  response: Response,
  kind: 'forbidden' | 'not_found',
  viewer: Viewer,
  t: Translate,
): void {
  if (kind === 'forbidden') {
    return refuse(
      response,
      403,
      t('Tidak berhak', 'Not allowed'),
      t(
        'Peserta ini bukan peserta dampingan Anda, jadi datanya tidak bisa dibuka.',
        'This participant is not one of yours, so their record cannot be opened.',
      ),
      viewer,
    );
  }
  return refuse(
    response,
    404,
    t('Tidak ditemukan', 'Not found'),
    t('Peserta ini tidak ditemukan.', 'This participant was not found.'),
    viewer,
  );
}
