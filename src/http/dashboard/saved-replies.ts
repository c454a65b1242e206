import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import type { ApiDependencies } from '../api/v1/dependencies';
import { fromOf } from '../request-from';
import { setFlash, takeFlash } from './form-cookies';
import { html } from './html';
import { translator } from './language';
import { page, refuse, type Viewer } from './layout';

export const SAVED_REPLIES_PATH = '/dashboard/bantuan/balasan';
const MOST_REPLIES = 20;
const LONGEST_REPLY = 1000;

/**
 * Whose saved replies an account picks from: its Puskesos's (shared by its staff), the Dinsos admins'
 * (shared by them), or a mentor's own. Kept under that key in `saved_replies`.
 */
export function savedRepliesKeyOf(account: Account): string {
  if (account.kind === 'mentor') return `mentor:${account.id}`;
  return account.puskesos ? `puskesos:${account.puskesos}` : 'dinsos';
}

const OWNER = /^(dinsos|puskesos:[0-9a-f]{24})$/;

const repliesBody = z.object({
  owner: z.string().optional(),
  balasan: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((given) => (Array.isArray(given) ? given : given === undefined ? [] : [given])),
});

/**
 * The page where a Puskesos's staff, the Dinsos admins and mentors keep the replies they pick on a
 * request's page. A Dinsos admin may also keep each Puskesos's (`?pemilik=puskesos:<id>`).
 */
export function savedRepliesPages(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const cookies = { security: auth.cookieSecurity };

  /** The list the viewer edits: their own, or for an admin the one they chose. Undefined: refused. */
  function ownerOf(viewer: Viewer, asked: unknown): string | undefined {
    const own = savedRepliesKeyOf(viewer.account);
    if (viewer.account.kind === 'staff' && !viewer.account.puskesos && !isAdmin(viewer.account))
      return undefined;
    if (typeof asked !== 'string' || asked === '' || asked === own) return own;
    return isAdmin(viewer.account) && OWNER.test(asked) ? asked : undefined;
  }

  async function show(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const owner = ownerOf(viewer, request.query.pemilik);
    if (!owner) {
      return refuse(
        response,
        403,
        t('Tidak berhak', 'Not allowed'),
        t('Daftar balasan ini bukan milik Anda.', 'These saved replies are not yours.'),
        viewer,
      );
    }
    const saved = await models.savedReplies.findById(owner).lean();
    // A regency has a few dozen Puskesos: the admin chooses among them all.
    const units = isAdmin(viewer.account)
      ? await models.puskesos.find({}, { name: 1 }).sort({ name: 1 }).lean()
      : [];
    const fields = [...(saved?.texts ?? []), ''].slice(0, MOST_REPLIES);
    const content = html`<h1>${t('Balasan tersimpan', 'Saved replies')}</h1>
      <p>
        ${t(
          'Jawaban yang sering dipakai, untuk dipilih di halaman permintaan bantuan. Kosongkan kotak untuk menghapus balasan.',
          'Answers used often, to pick on a request’s page. Empty a box to remove that reply.',
        )}
      </p>
      ${
        units.length > 0
          ? html`<p>
              ${t('Milik:', 'Of:')}
              <a href="${SAVED_REPLIES_PATH}" ${owner === 'dinsos' ? html`aria-current="page"` : ''}
                >Dinsos</a
              >
              ${units.map(
                (unit) =>
                  html` ·
                    <a
                      href="${SAVED_REPLIES_PATH}?pemilik=puskesos:${String(unit._id)}"
                      ${owner === `puskesos:${String(unit._id)}` ? html`aria-current="page"` : ''}
                      >${unit.name}</a
                    >`,
              )}
            </p>`
          : ''
      }
      <form class="card" method="post" action="${SAVED_REPLIES_PATH}">
        <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
        <input type="hidden" name="owner" value="${owner}" />
        ${fields.map(
          (text, index) =>
            html`<label for="saved-${index}">${t('Balasan', 'Reply')} ${index + 1}</label>
              <textarea id="saved-${index}" name="balasan" maxlength="${LONGEST_REPLY}">${text}</textarea>`,
        )}
        <button type="submit">${t('Simpan', 'Save')}</button>
      </form>
      <p><a href="/dashboard/bantuan">${t('Kembali ke permintaan bantuan', 'Back to the requests')}</a></p>`;
    response.send(
      String(
        page(t('Balasan tersimpan', 'Saved replies'), content, viewer, takeFlash(request, response, cookies)),
      ),
    );
  }

  async function save(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const body = repliesBody.safeParse(request.body ?? {});
    const owner = body.success ? ownerOf(viewer, body.data.owner) : undefined;
    if (!body.success || !owner) {
      return refuse(
        response,
        403,
        t('Tidak berhak', 'Not allowed'),
        t('Daftar balasan ini bukan milik Anda.', 'These saved replies are not yours.'),
        viewer,
      );
    }
    const back =
      owner === savedRepliesKeyOf(viewer.account)
        ? SAVED_REPLIES_PATH
        : `${SAVED_REPLIES_PATH}?pemilik=${owner}`;
    const texts = [...new Set(body.data.balasan.map((text) => text.trim()).filter(Boolean))];
    const tooLong = texts.findIndex((text) => text.length > LONGEST_REPLY);
    if (texts.length > MOST_REPLIES || tooLong >= 0) {
      setFlash(request, response, cookies, {
        kind: 'error',
        text:
          tooLong >= 0
            ? t(
                `Balasan ${tooLong + 1} lebih dari ${LONGEST_REPLY} huruf; persingkat, lalu simpan lagi.`,
                `Reply ${tooLong + 1} is longer than ${LONGEST_REPLY} characters; shorten it and save again.`,
              )
            : t(`Paling banyak ${MOST_REPLIES} balasan.`, `At most ${MOST_REPLIES} replies.`),
      });
      return response.redirect(303, back);
    }
    const now = dependencies.clock();
    await models.savedReplies.updateOne(
      { _id: owner },
      { $set: { texts, updatedAt: now } },
      { upsert: true },
    );
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'saved_replies.update',
        target: owner,
        from: fromOf(request),
        details: { via: 'session', page: 'dashboard', count: texts.length },
      },
      now,
    );
    setFlash(request, response, cookies, { kind: 'ok', text: t('Balasan disimpan.', 'Replies saved.') });
    response.redirect(303, back);
  }

  return { show, save };
}
