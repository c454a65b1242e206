import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import type { ApiDependencies } from '../api/v1/dependencies';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';
import { declareAction, declarePage, redirect, refusal, show, type Page } from './page';

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

/** The list the account edits: their own, or for an admin the one they chose. Undefined: refused. */
function ownerOf(account: Account, asked: string | undefined): string | undefined {
  const own = savedRepliesKeyOf(account);
  if (account.kind === 'staff' && !account.puskesos && !isAdmin(account)) return undefined;
  if (asked === undefined || asked === '' || asked === own) return own;
  return isAdmin(account) && OWNER.test(asked) ? asked : undefined;
}

const notYours = refusal(
  403,
  (t) => t('Tidak berhak', 'Not allowed'),
  (t) => t('Daftar balasan ini bukan milik Anda.', 'These saved replies are not yours.'),
);

export interface SavedRepliesModel {
  /** Whose list is shown: `dinsos`, `puskesos:<id>` or `mentor:<id>`. */
  owner: string;
  /** The Puskesos an admin may switch to (none for anyone else). */
  units: { id: string; name: string }[];
  /** The saved replies, then one empty box for a new one. */
  fields: string[];
}

/**
 * The page where a Puskesos's staff, the Dinsos admins and mentors keep the replies they pick on a
 * request's page. A Dinsos admin may also keep each Puskesos's (`?pemilik=puskesos:<id>`).
 */
export function savedRepliesPages(dependencies: ApiDependencies): Page[] {
  const { models } = dependencies;
  return [
    declarePage({
      method: 'get',
      path: '/bantuan/balasan',
      query: z.object({ pemilik: z.string().optional().catch(undefined) }),
      async load(account, { query }) {
        const owner = ownerOf(account, query.pemilik);
        if (!owner) return notYours;
        const saved = await models.savedReplies.findById(owner).lean();
        // A regency has a few dozen Puskesos: the admin chooses among them all.
        const units = isAdmin(account)
          ? await models.puskesos.find({}, { name: 1 }).sort({ name: 1 }).lean()
          : [];
        return show<SavedRepliesModel>({
          owner,
          units: units.map((unit) => ({ id: String(unit._id), name: unit.name })),
          fields: [...(saved?.texts ?? []), ''].slice(0, MOST_REPLIES),
        });
      },
      title: (_model, t) => t('Balasan tersimpan', 'Saved replies'),
      view: savedRepliesView,
    }),
    declareAction({
      method: 'post',
      path: '/bantuan/balasan',
      body: repliesBody,
      async load(account, { body, now, from }) {
        const owner = ownerOf(account, body.owner);
        if (!owner) return notYours;
        const back =
          owner === savedRepliesKeyOf(account)
            ? SAVED_REPLIES_PATH
            : `${SAVED_REPLIES_PATH}?pemilik=${owner}`;
        const texts = [...new Set(body.balasan.map((text) => text.trim()).filter(Boolean))];
        const tooLong = texts.findIndex((text) => text.length > LONGEST_REPLY);
        if (tooLong >= 0) {
          return redirect(back, {
            kind: 'error',
            text: (t) =>
              t(
                `Balasan ${tooLong + 1} lebih dari ${LONGEST_REPLY} huruf; persingkat, lalu simpan lagi.`,
                `Reply ${tooLong + 1} is longer than ${LONGEST_REPLY} characters; shorten it and save again.`,
              ),
          });
        }
        if (texts.length > MOST_REPLIES) {
          return redirect(back, {
            kind: 'error',
            text: (t) => t(`Paling banyak ${MOST_REPLIES} balasan.`, `At most ${MOST_REPLIES} replies.`),
          });
        }
        await models.savedReplies.updateOne(
          { _id: owner },
          { $set: { texts, updatedAt: now } },
          { upsert: true },
        );
        await recordAudit(
          models,
          {
            actor: auditActorOf(account),
            action: 'saved_replies.update',
            target: owner,
            from,
            details: { via: 'session', page: 'dashboard', count: texts.length },
          },
          now,
        );
        return redirect(back, { kind: 'ok', text: (t) => t('Balasan disimpan.', 'Replies saved.') });
      },
    }),
  ];
}

export function savedRepliesView(model: SavedRepliesModel, t: Translate, viewer: Viewer): SafeHtml {
  const { owner, units, fields } = model;
  return html`<h1>${t('Balasan tersimpan', 'Saved replies')}</h1>
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
            <a href="${SAVED_REPLIES_PATH}" ${owner === 'dinsos' ? html`aria-current="page"` : ''}>Dinsos</a>
            ${units.map(
              (unit) =>
                html` ·
                  <a
                    href="${SAVED_REPLIES_PATH}?pemilik=puskesos:${unit.id}"
                    ${owner === `puskesos:${unit.id}` ? html`aria-current="page"` : ''}
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
}
