import type { Response } from 'express';
import { z } from 'zod';
import { isAdmin, type Account } from '../../auth';
import type { Models } from '../../db/models';
import type { IndonesianTimeZone, Language, ParticipantStatus } from '../../domain/program';
import { findParticipantInScope, type StoredParticipant } from '../actions/participants';
import type { Translate } from './language';
import { refuse, type Viewer } from './layout';
import { refusal, type Outcome, type Words } from './page';

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
export const participantRefusal = (kind: 'forbidden' | 'not_found'): Outcome<never> =>
  kind === 'forbidden'
    ? refusal(
        403,
        (t) => t('Tidak berhak', 'Not allowed'),
        (t) =>
          t(
            'Peserta ini bukan peserta dampingan Anda, jadi datanya tidak bisa dibuka.',
            'This participant is not one of yours, so their record cannot be opened.',
          ),
      )
    : refusal(
        404,
        (t) => t('Tidak ditemukan', 'Not found'),
        (t) => t('Peserta ini tidak ditemukan.', 'This participant was not found.'),
      );

/** Answers with the refusal for a participant the account may not see, or that does not exist. */
export function refuseParticipant(
  response: Response,
  kind: 'forbidden' | 'not_found',
  viewer: Viewer,
  t: Translate,
): void {
  const refused = participantRefusal(kind);
  if (refused.kind === 'refuse')
    refuse(response, refused.status, refused.title(t), refused.message(t), viewer);
}

/** Whether the viewer is a Dinsos admin; otherwise a 403 page giving `reason` has been sent. */
export function adminOnly(response: Response, viewer: Viewer, t: Translate, reason: string): boolean {
  if (isAdmin(viewer.account)) return true;
  refuse(response, 403, t('Tidak berhak', 'Not allowed'), reason, viewer);
  return false;
}

/** A declared page's `refuses` for a Dinsos admin's decision: anyone else is told `reason`. */
export const refusedUnlessAdmin =
  (reason: Words) =>
  (account: Account): Outcome<never> | undefined =>
    isAdmin(account) ? undefined : refusal(403, (t) => t('Tidak berhak', 'Not allowed'), reason);

/** The path of a page about one participant: `/peserta/{id}/...`. */
export const participantParams = z.object({ id: z.string() });

/** The participant the account acts on, or the refusal: 403 outside its scope, 404 when there is none. */
export async function participantOrRefusal(
  models: Models,
  account: Account,
  id: string,
): Promise<{ participant: StoredParticipant } | { refused: Outcome<never> }> {
  const lookup = await findParticipantInScope(models, account, id);
  return lookup.kind === 'found'
    ? { participant: lookup.participant }
    : { refused: participantRefusal(lookup.kind) };
}
