import { z } from 'zod';
import { auditActorOf, recordAudit, type Account } from '../../auth';
import type { Models } from '../../db/models';
import type { PrivacyRequestKind } from '../../db/models/privacy-request';
import { privacyRequestsOf, submitPrivacyRequest, type PrivacyRequestsOf } from '../../domain/privacy';
import type { ApiDependencies } from '../api/v1/dependencies';
import type { Translate } from './language';
import { declarePage, redirect, refusal, show, type Outcome, type Page } from './page';
import { participantParams, PARTICIPANTS_PATH, refusedUnlessAdmin } from './participants-common';
import { CONFIRMATION, privacyView, type PrivacyPageModel } from './participant-privacy-view';

const refuses = refusedUnlessAdmin((t) =>
  t(
    'Ekspor dan penghapusan data pribadi hanya untuk admin Dinsos.',
    'Only Dinsos admins export or erase personal data.',
  ),
);
const title = (_model: PrivacyPageModel, t: Translate) => t('Hak atas data pribadi', 'Personal data rights');
const privacyPath = (id: string) => `${PARTICIPANTS_PATH}/${id}/privasi`;
/** A field the form did not send is read as empty, as a blank one is. */
const erasureBody = z.object({ confirm: z.string().catch('') });

/** The page's model, read by key: the participant's record and their requests' three documents. */
async function privacyModel(
  models: Models,
  id: string,
  timeZone: string,
): Promise<{ model: PrivacyPageModel } | { refused: Outcome<never> }> {
  const record = /^[0-9a-f]{24}$/i.test(id)
    ? await models.participants.findById(id, { name: 1, erasedAt: 1 }).lean()
    : null;
  if (!record) {
    return {
      refused: refusal(
        404,
        (t) => t('Tidak ditemukan', 'Not found'),
        (t) => t('Peserta ini tidak ada.', 'No such participant.'),
      ),
    };
  }
  const requests: PrivacyRequestsOf = await privacyRequestsOf(models, id);
  return {
    model: {
      participant: { id, name: record.name, erased: Boolean(record.erasedAt) },
      requests,
      timeZone,
      unconfirmed: false,
    },
  };
}

/**
 * A participant's UU PDP rights on the dashboard, for the Dinsos admin only: the page reads only keyed
 * documents; counting what is held and erasing it are requests the privacy job carries out (they read
 * the whole message history), so the page answers at once and shows the outcome once it is done. The
 * erasure is confirmed by typing HAPUS; each request and its completion is audited. The export, a
 * download, is `participantPrivacyExport`.
 */
export function participantPrivacyPages({ models, auth }: ApiDependencies): Page[] {
  /** Queues a request (twice is once), audits it, and goes back to the page that says it is under way. */
  async function submitted(
    account: Account,
    kind: PrivacyRequestKind,
    id: string,
    { now, from }: { now: Date; from: string },
  ): Promise<Outcome<never>> {
    const fresh = await submitPrivacyRequest(
      models,
      { kind, participant: id, requestedBy: auditActorOf(account), from },
      now,
    );
    if (fresh) {
      await recordAudit(
        models,
        {
          actor: auditActorOf(account),
          action: `privacy.${kind}.request`,
          target: id,
          from,
          details: { via: 'session', page: 'dashboard' },
        },
        now,
      );
    }
    return redirect(privacyPath(id), {
      kind: 'ok',
      text: (t) =>
        t(
          'Permintaan diterima dan sedang diproses. Hasilnya tampil di halaman ini setelah selesai.',
          'The request was received and is being processed. Its outcome appears on this page once done.',
        ),
    });
  }

  return [
    declarePage({
      method: 'get',
      path: '/peserta/{id}/privasi',
      params: participantParams,
      refuses,
      async load(_account, { params }) {
        const found = await privacyModel(models, params.id, auth.timeZone);
        return 'refused' in found ? found.refused : show(found.model);
      },
      title,
      view: privacyView,
    }),
    declarePage({
      method: 'post',
      path: '/peserta/{id}/privasi/hitung',
      params: participantParams,
      refuses,
      async load(account, input) {
        const found = await privacyModel(models, input.params.id, auth.timeZone);
        return 'refused' in found ? found.refused : submitted(account, 'count', input.params.id, input);
      },
      title,
      view: privacyView,
    }),
    declarePage({
      method: 'post',
      path: '/peserta/{id}/privasi/hapus',
      params: participantParams,
      body: erasureBody,
      refuses,
      async load(account, input) {
        const found = await privacyModel(models, input.params.id, auth.timeZone);
        if ('refused' in found) return found.refused;
        if (input.body.confirm.trim().toUpperCase() !== CONFIRMATION)
          return show<PrivacyPageModel>({ ...found.model, unconfirmed: true }, 400);
        if (found.model.participant.erased && !found.model.requests.waiting.erase) {
          return redirect(privacyPath(input.params.id), {
            kind: 'ok',
            text: (t) =>
              t(
                'Data pribadi peserta ini sudah dihapus sebelumnya.',
                'This participant’s personal data was already erased.',
              ),
          });
        }
        return submitted(account, 'erase', input.params.id, input);
      },
      title,
      view: privacyView,
    }),
  ];
}
