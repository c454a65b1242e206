import type { Request, Response } from 'express';
import { isAdmin } from '../../auth';
import type { Models } from '../../db/models';
import type { IndonesianTimeZone, Language, ParticipantStatus } from '../../domain/program';
import { findParticipantInScope, type StoredParticipant } from '../actions/participants';
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

/** Whether the viewer is a Dinsos admin; otherwise a 403 page giving `reason` has been sent. */
export function adminOnly(response: Response, viewer: Viewer, t: Translate, reason: string): boolean {
  if (isAdmin(viewer.account)) return true;
  refuse(response, 403, t('Tidak berhak', 'Not allowed'), reason, viewer);
  return false;
}

/** The participant a Dinsos admin acts on; otherwise the refusal (403 with `reason`, or 404) has been sent. */
export async function participantForAdmin(
  models: Models,
  request: Request,
  response: Response,
  viewer: Viewer,
  t: Translate,
  reason: string,
): Promise<StoredParticipant | undefined> {
  if (!adminOnly(response, viewer, t, reason)) return undefined;
  const lookup = await findParticipantInScope(models, viewer.account, String(request.params.id));
  if (lookup.kind === 'found') return lookup.participant;
  refuseParticipant(response, lookup.kind, viewer, t);
  return undefined;
}
