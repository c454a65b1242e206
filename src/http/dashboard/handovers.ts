import type { Request, Response } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import type { HandoverStatus } from '../../db/models/handover';
import {
  answerHandover,
  closeHandover,
  HANDOVER_NUMBER,
  type HandoverOutcome,
  type HandoverResponder,
} from '../../domain/handovers';
import { sessionTime } from '../../domain/sessions/messages';
import type { ApiDependencies } from '../api/v1/dependencies';
import { fromOf } from '../request-from';
import { setFlash, takeFlash } from './form-cookies';
import { html } from './html';
import { translator, type Translate } from './language';
import { page, refuse, type Viewer } from './layout';

export const HANDOVERS_PATH = '/dashboard/bantuan';
const PAGE_SIZE = 50;

const STATUS_LABELS: Record<HandoverStatus, [string, string]> = {
  open: ['menunggu jawaban', 'waiting for an answer'],
  answered: ['sudah dijawab', 'answered'],
  closed: ['ditutup', 'closed'],
};

/**
 * Which requests an account may see: a mentor those assigned to them, a Dinsos admin all of them
 * (those waiting in the Dinsos queue among them). Undefined: none.
 */
export function handoverScopeOf(account: Account): { 'assignee.mentor'?: Types.ObjectId } | undefined {
  if (account.kind === 'mentor') return { 'assignee.mentor': new Types.ObjectId(account.id) };
  return isAdmin(account) ? {} : undefined;
}

const responderOf = (account: Account): HandoverResponder => ({
  kind: account.kind === 'mentor' ? 'mentor' : 'dinsos',
  name: account.name,
});

/** How long someone has waited, in the largest unit that says it. */
export function waitingTime(milliseconds: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor(milliseconds / 60_000));
  if (minutes < 60) return t(`${minutes} menit`, minutes === 1 ? '1 minute' : `${minutes} minutes`);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t(`${hours} jam`, hours === 1 ? '1 hour' : `${hours} hours`);
  const days = Math.floor(hours / 24);
  return t(`${days} hari`, `${days} days`);
}

const answerBody = z.object({ text: z.string().trim().min(1).max(4000) });

const notForRole = (t: Translate) =>
  t(
    'Permintaan bantuan hanya untuk pendamping dan admin Dinsos.',
    'Requests for a person are for mentors and Dinsos admins only.',
  );

/** The inbox of requests for a person, one request with its thread, and answering and closing it. */
export function handoverPages(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const cookies = { security: auth.cookieSecurity };

  async function inbox(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const scope = handoverScopeOf(viewer.account);
    if (!scope) return refuse(response, 403, t('Tidak berhak', 'Not allowed'), notForRole(t), viewer);
    const now = dependencies.clock();
    const pageNumber = Math.max(1, Math.min(1000, Number(request.query.halaman) || 1));
    // The queue holds only open requests, so the page reads what is open, never the history.
    const found = await models.openHandovers
      .find(scope)
      .sort({ openedAt: 1, _id: 1 })
      .skip((pageNumber - 1) * PAGE_SIZE)
      .limit(PAGE_SIZE + 1)
      .lean();
    const shown = found.slice(0, PAGE_SIZE);
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'handovers.list',
        from: fromOf(request),
        details: { via: 'session', page: 'dashboard', count: shown.length },
      },
      now,
    );
    const rows = shown.map(
      (open) =>
        html`<tr>
          <td><a href="${HANDOVERS_PATH}/${open.handover}">${open.handover}</a></td>
          <td>${open.requesterName ?? t('warga (bukan peserta)', 'resident (not a participant)')}</td>
          <td>${t(...STATUS_LABELS[open.status])}</td>
          <td>${open.waitingSince ? waitingTime(now.getTime() - open.waitingSince.getTime(), t) : '—'}</td>
          <td class="optional">
            ${
              open.assignee.kind === 'mentor'
                ? (open.assignee.name ?? '')
                : t('antrean Dinsos (belum ada pendamping)', 'Dinsos queue (no mentor)')
            }
          </td>
        </tr>`,
    );
    const content = html`<h1>${t('Permintaan bantuan', 'Requests for a person')}</h1>
      <p>
        ${t(
          'Peserta dan warga yang ingin bicara dengan petugas. Pesan mereka datang ke sini sampai permintaannya ditutup.',
          'Participants and residents who asked to talk to a person. Their messages come here until the request is closed.',
        )}
      </p>
      ${
        shown.length === 0
          ? html`<p>${t('Tidak ada permintaan yang terbuka.', 'No open requests.')}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>${t('Nomor', 'Number')}</th>
                  <th>${t('Dari', 'From')}</th>
                  <th>Status</th>
                  <th>${t('Menunggu', 'Waiting')}</th>
                  <th class="optional">${t('Untuk', 'For')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }
      <p>
        ${pageNumber > 1 ? html`<a href="${HANDOVERS_PATH}?halaman=${pageNumber - 1}">${t('Sebelumnya', 'Previous')}</a> ` : ''}
        ${found.length > PAGE_SIZE ? html`<a href="${HANDOVERS_PATH}?halaman=${pageNumber + 1}">${t('Berikutnya', 'Next')}</a>` : ''}
      </p>`;
    response.send(
      String(
        page(
          t('Permintaan bantuan', 'Requests for a person'),
          content,
          viewer,
          takeFlash(request, response, cookies),
        ),
      ),
    );
  }

  /** The request the address names, when the viewer may see it; otherwise refused, undefined. */
  async function handoverInScope(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const scope = handoverScopeOf(viewer.account);
    if (!scope) return refuse(response, 403, t('Tidak berhak', 'Not allowed'), notForRole(t), viewer);
    const number = String(request.params.number);
    const handover = HANDOVER_NUMBER.test(number) ? await models.handovers.findById(number).lean() : null;
    if (!handover) {
      return refuse(
        response,
        404,
        t('Tidak ditemukan', 'Not found'),
        t('Permintaan ini tidak ditemukan.', 'No such request.'),
        viewer,
      );
    }
    const mentor = scope['assignee.mentor'];
    if (mentor && !mentor.equals(handover.assignee.mentor ?? undefined)) {
      return refuse(
        response,
        403,
        t('Tidak berhak', 'Not allowed'),
        t('Permintaan ini untuk orang lain.', 'This request is for someone else.'),
        viewer,
      );
    }
    return handover;
  }

  async function detail(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const handover = await handoverInScope(request, response, viewer);
    if (!handover) return;
    const now = dependencies.clock();
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'handover.read',
        target: handover._id,
        from: fromOf(request),
        details: { via: 'session', page: 'dashboard' },
      },
      now,
    );
    const when = (at: Date) => sessionTime(at, viewer.language, auth.timeZone);
    const requester = handover.requester;
    const thread = handover.messages.map(
      (message) =>
        html`<li class="${message.from === 'assignee' ? 'reply' : 'message'}">
          <div class="meta">
            ${when(message.at)} ·
            ${message.from === 'assignee' ? (message.byName ?? t('petugas', 'staff')) : (requester.name ?? t('warga', 'resident'))}
          </div>
          <div class="text">${message.text}</div>
        </li>`,
    );
    const action = (path: string) => `${HANDOVERS_PATH}/${handover._id}/${path}`;
    const content = html`<h1>${handover._id}</h1>
      <div class="card">
        <dl>
          <dt>Status</dt>
          <dd>${t(...STATUS_LABELS[handover.status])}</dd>
          <dt>${t('Dari', 'From')}</dt>
          <dd>
            ${
              requester.participant
                ? html`<a href="/dashboard/peserta/${String(requester.participant)}"
                    >${requester.name ?? ''}</a
                  >`
                : t('warga (bukan peserta)', 'resident (not a participant)')
            }
          </dd>
          <dt>${t('Untuk', 'For')}</dt>
          <dd>
            ${handover.assignee.kind === 'mentor' ? (handover.assignee.name ?? '') : t('antrean Dinsos', 'Dinsos queue')}
          </dd>
          <dt>${t('Masuk', 'Received')}</dt>
          <dd>${when(handover.openedAt)}</dd>
          <dt>${t('Permintaan', 'Request')}</dt>
          <dd class="text">${handover.asked}</dd>
        </dl>
      </div>
      <h2>${t('Percakapan', 'Conversation')}</h2>
      ${
        thread.length > 0
          ? html`<ol class="thread">
              ${thread}
            </ol>`
          : html`<p>${t('Belum ada pesan.', 'No messages yet.')}</p>`
      }
      ${
        handover.status === 'closed'
          ? html`<p>${t('Permintaan ini sudah ditutup.', 'This request is closed.')}</p>`
          : html`<h2>${t('Tindakan', 'Actions')}</h2>
              <div class="card">
                <form class="action" method="post" action="${action('jawab')}">
                  <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
                  <label for="answer-text"
                    >${t('Jawaban (dikirim ke chat peminta)', 'Answer (sent to their chat)')}</label
                  >
                  <textarea id="answer-text" name="text" required maxlength="4000"></textarea>
                  <button type="submit">${t('Kirim jawaban', 'Send the answer')}</button>
                </form>
                <form class="action" method="post" action="${action('tutup')}">
                  <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
                  <button type="submit" class="secondary">
                    ${t('Tutup (bot melayani lagi)', 'Close (the bot takes over again)')}
                  </button>
                </form>
              </div>`
      }
      <p><a href="${HANDOVERS_PATH}">${t('Kembali ke daftar', 'Back to the list')}</a></p>`;
    response.send(String(page(handover._id, content, viewer, takeFlash(request, response, cookies))));
  }

  const said = (t: Translate, outcome: HandoverOutcome, done: string) => {
    if (outcome.ok) return { kind: 'ok' as const, text: done };
    const text =
      outcome.reason === 'closed'
        ? t('Permintaan ini sudah ditutup.', 'This request is closed.')
        : outcome.reason === 'busy'
          ? t(
              'Permintaan ini sedang diubah orang lain. Coba lagi.',
              'Someone else is changing it. Try again.',
            )
          : t('Permintaan ini tidak ditemukan.', 'No such request.');
    return { kind: 'error' as const, text };
  };

  /** A form's action: done (and audited), then back to the request with what happened (PRG). */
  const acting =
    (kind: 'answer' | 'close') => async (request: Request, response: Response, viewer: Viewer) => {
      const t = translator(viewer.language);
      const handover = await handoverInScope(request, response, viewer);
      if (!handover) return;
      const back = `${HANDOVERS_PATH}/${handover._id}`;
      const now = dependencies.clock();
      const by = responderOf(viewer.account);
      let outcome: HandoverOutcome;
      let details: Record<string, unknown> = { via: 'session', page: 'dashboard' };
      if (kind === 'answer') {
        const body = answerBody.safeParse(request.body ?? {});
        if (!body.success) {
          setFlash(request, response, cookies, {
            kind: 'error',
            text: t('Tulis jawabannya dulu.', 'Write the answer first.'),
          });
          return response.redirect(303, back);
        }
        outcome = await answerHandover(models, handover._id, { by, text: body.data.text, now });
        details = { ...details, characters: body.data.text.length };
      } else {
        outcome = await closeHandover(models, handover._id, { by, now });
      }
      if (outcome.ok) {
        await recordAudit(
          models,
          {
            actor: auditActorOf(viewer.account),
            action: `handover.${kind}`,
            target: handover._id,
            from: fromOf(request),
            details,
          },
          now,
        );
      }
      setFlash(
        request,
        response,
        cookies,
        said(
          t,
          outcome,
          kind === 'answer'
            ? t('Jawaban dikirim.', 'The answer was sent.')
            : t('Ditutup; bot melayani lagi.', 'Closed; the bot takes over again.'),
        ),
      );
      response.redirect(303, back);
    };

  return { inbox, detail, answer: acting('answer'), close: acting('close') };
}
