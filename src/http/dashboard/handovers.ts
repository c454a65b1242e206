import type { Request, Response } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import { newSecretToken } from '../../auth/secret-tokens';
import type { Models } from '../../db/models';
import type { Handover, HandoverStatus } from '../../db/models/handover';
import {
  answerHandover,
  closeHandover,
  HANDOVER_NUMBER,
  mayActOn,
  type HandoverActor,
  type HandoverOutcome,
  type HandoverResponder,
} from '../../domain/handovers';
import { chatsOf, distinctChats } from '../../domain/privacy/subject';
import { sessionTime } from '../../domain/sessions/messages';
import type { ApiDependencies } from '../api/v1/dependencies';
import { fromOf } from '../request-from';
import { setFlash, takeFlash } from './form-cookies';
import { html } from './html';
import { translator, type Translate } from './language';
import { page, refuse, type Viewer } from './layout';
import { SAVED_REPLIES_PATH, savedRepliesKeyOf } from './saved-replies';
import { slaBadge, slaBadgeOf } from './sla-badge';
import { chatTranscript, transcriptList, type TranscriptPart } from './transcript';

export const HANDOVERS_PATH = '/dashboard/bantuan';
const PAGE_SIZE = 50;

const STATUS_LABELS: Record<HandoverStatus, [string, string]> = {
  open: ['menunggu jawaban', 'waiting for an answer'],
  answered: ['sudah dijawab', 'answered'],
  closed: ['ditutup', 'closed'],
};

/**
 * Who an account is as far as requests go: a mentor, a Puskesos's staff member, or a Dinsos admin.
 * Undefined: requests are none of their business.
 */
export function handoverActorOf(account: Account): HandoverActor | undefined {
  if (account.kind === 'mentor') return { kind: 'mentor', mentor: account.id };
  if (isAdmin(account)) return { kind: 'dinsos' };
  return account.puskesos ? { kind: 'puskesos', puskesos: account.puskesos } : undefined;
}

/** The requests an actor may see, as a filter on `open_handovers`: those assigned to them, or all. */
function scopeFilter(actor: HandoverActor) {
  if (actor.kind === 'mentor') return { 'assignee.mentor': new Types.ObjectId(actor.mentor) };
  if (actor.kind === 'puskesos') return { 'assignee.puskesos': new Types.ObjectId(actor.puskesos) };
  return {};
}

/** How the viewer answers: a mentor or Dinsos staff by name, Puskesos staff as their Puskesos. */
async function responderOf(models: Models, account: Account): Promise<HandoverResponder> {
  if (account.kind === 'mentor') return { kind: 'mentor', name: account.name };
  if (!account.puskesos) return { kind: 'dinsos', name: account.name };
  const unit = await models.puskesos.findById(account.puskesos, { name: 1 }).lean();
  return { kind: 'puskesos', name: account.name, unit: unit?.name };
}

const assigneeName = (assignee: { kind: string; name?: string | null | undefined }, t: Translate): string =>
  assignee.kind === 'dinsos' ? t('antrean Dinsos', 'Dinsos queue') : (assignee.name ?? '');

/** How long someone has waited, in the largest unit that says it. */
export function waitingTime(milliseconds: number, t: Translate): string {
  const minutes = Math.max(0, Math.floor(milliseconds / 60_000));
  if (minutes < 60) return t(`${minutes} menit`, minutes === 1 ? '1 minute' : `${minutes} minutes`);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t(`${hours} jam`, hours === 1 ? '1 hour' : `${hours} hours`);
  const days = Math.floor(hours / 24);
  return t(`${days} hari`, `${days} days`);
}

/**
 * The answer form: the text (typed, or a saved reply picked without script), and the token the page
 * gave it, which names this answer so that the form sent twice sends it once.
 */
const answerBody = z.object({
  text: z.string().trim().max(4000).optional(),
  saved: z.string().trim().max(4000).optional(),
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/** How much of the chat before a request its page shows: enough to see why the person asked. */
const EARLIER_LINES = 20;

/** The chat as the participant's page shows it to the same role (see TranscriptPart). */
const transcriptPartOf = (actor: HandoverActor): TranscriptPart =>
  actor.kind === 'dinsos' ? 'whole' : actor.kind === 'mentor' ? 'without-complaints' : 'complaints-only';

/** How often the open page asks for new messages; each ask reads one request by `_id`. */
export const POLL_SECONDS = 5;

const notForRole = (t: Translate) =>
  t(
    'Permintaan bantuan hanya untuk pendamping, petugas Puskesos dan admin Dinsos.',
    'Requests for a person are for mentors, Puskesos staff and Dinsos admins only.',
  );

type ThreadMessage = { from: string; at: Date; text: string; byName?: string | null | undefined };

/** A thread's messages as list items: what the page shows and what its poll adds. */
function threadItems(
  messages: ThreadMessage[],
  requesterName: string | null | undefined,
  when: (at: Date) => string,
  t: Translate,
) {
  return messages.map(
    (message) =>
      html`<li class="${message.from === 'assignee' ? 'reply' : 'message'}">
        <div class="meta">
          ${when(message.at)} ·
          ${message.from === 'assignee' ? (message.byName ?? t('petugas', 'staff')) : (requesterName ?? t('warga', 'resident'))}
        </div>
        <div class="text">${message.text}</div>
      </li>`,
  );
}

/** The inbox of requests for a person, one request with its thread, and answering and closing it. */
export function handoverPages(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const cookies = { security: auth.cookieSecurity };

  async function inbox(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const actor = handoverActorOf(viewer.account);
    if (!actor) return refuse(response, 403, t('Tidak berhak', 'Not allowed'), notForRole(t), viewer);
    const now = dependencies.clock();
    const pageNumber = Math.max(1, Math.min(1000, Number(request.query.halaman) || 1));
    // The queue holds only open requests, so the page reads what is open, never the history.
    const found = await models.openHandovers
      .find(scopeFilter(actor))
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
          <td>${slaBadge(t, slaBadgeOf(open.dueAt ?? undefined, now))}</td>
          <td class="optional">${assigneeName(open.assignee, t)}</td>
        </tr>`,
    );
    const content = html`<h1>${t('Permintaan bantuan', 'Requests for a person')}</h1>
      <p><a href="${SAVED_REPLIES_PATH}">${t('Balasan tersimpan', 'Saved replies')}</a></p>
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
                  <th>${t('Batas', 'Deadline')}</th>
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
    const actor = handoverActorOf(viewer.account);
    if (!actor) return refuse(response, 403, t('Tidak berhak', 'Not allowed'), notForRole(t), viewer);
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
    if (!mayActOn(actor, handover.assignee)) {
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

  /**
   * The last lines of the requester's chats up to the request (the message that opened it and the bot's
   * answer included), read as the participant's page reads its transcript, as much as the viewer's
   * role may read.
   */
  async function earlierConversation(
    handover: Pick<Handover, 'chat' | 'requester' | 'openedAt'>,
    viewer: Viewer,
  ) {
    const actor = handoverActorOf(viewer.account);
    if (!actor) return [];
    const participant = handover.requester.participant
      ? await models.participants.findById(handover.requester.participant, { phone: 1, channels: 1 }).lean()
      : null;
    const chats = distinctChats([
      handover.chat,
      ...(participant ? chatsOf(participant.phone, participant.channels) : []),
    ]);
    return chatTranscript(models, chats, translator(viewer.language), {
      part: transcriptPartOf(actor),
      limit: EARLIER_LINES,
      until: handover.openedAt,
    });
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
    const thread = threadItems(handover.messages, requester.name, when, t);
    const earlier = await earlierConversation(handover, viewer);
    const last = handover.messages.at(-1)?.at ?? handover.openedAt;
    const saved = await models.savedReplies.findById(savedRepliesKeyOf(viewer.account)).lean();
    const action = (path: string) => `${HANDOVERS_PATH}/${handover._id}/${path}`;
    const content = html`<h1>${handover._id} ${slaBadge(t, slaBadgeOf(handover.dueAt ?? undefined, now))}</h1>
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
          <dd>${assigneeName(handover.assignee, t)}</dd>
          <dt>${t('Masuk', 'Received')}</dt>
          <dd>${when(handover.openedAt)}</dd>
          ${
            handover.dueAt
              ? html`<dt>${t('Batas jawab', 'Answer by')}</dt>
                  <dd>${when(handover.dueAt)}</dd>`
              : ''
          }
          <dt>${t('Permintaan', 'Request')}</dt>
          <dd class="text">${handover.asked}</dd>
        </dl>
      </div>
      <h2>${t('Sebelum meminta bantuan', 'Before asking for a person')}</h2>
      <p class="note">
        ${t(
          `${EARLIER_LINES} pesan terakhir dengan bot sampai permintaan ini masuk. NIK tidak pernah ditampilkan.`,
          `The last ${EARLIER_LINES} messages with the bot until this request came. A NIK is never shown.`,
        )}
      </p>
      ${
        earlier.length === 0
          ? html`<p id="no-earlier">${t('Tidak ada percakapan sebelumnya.', 'No earlier conversation.')}</p>`
          : html`<div id="earlier">
              ${transcriptList(earlier, requester.name ?? t('warga', 'resident'), when, t)}
            </div>`
      }
      <h2>${t('Percakapan dengan petugas', 'Conversation with staff')}</h2>
      ${thread.length > 0 ? '' : html`<p id="no-messages">${t('Belum ada pesan.', 'No messages yet.')}</p>`}
      <ol
        class="thread"
        id="thread"
        data-poll="${action('pesan')}"
        data-since="${last.getTime()}"
        data-every="${POLL_SECONDS}"
      >
        ${thread}
      </ol>
      <script src="${HANDOVERS_PATH}.js" defer></script>
      ${
        handover.status === 'closed'
          ? html`<p>${t('Permintaan ini sudah ditutup.', 'This request is closed.')}</p>`
          : html`<h2>${t('Tindakan', 'Actions')}</h2>
              <div class="card">
                <form class="action" method="post" action="${action('jawab')}">
                  <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
                  <input type="hidden" name="token" value="${newSecretToken()}" />
                  ${
                    saved && saved.texts.length > 0
                      ? html`<label for="saved-reply">${t('Balasan tersimpan', 'Saved reply')}</label>
                          <select id="saved-reply" name="saved">
                            <option value="">${t('— pilih —', '— choose —')}</option>
                            ${saved.texts.map((text) => html`<option value="${text}">${text}</option>`)}
                          </select>`
                      : ''
                  }
                  <label for="answer-text"
                    >${t('Jawaban (dikirim ke chat peminta)', 'Answer (sent to their chat)')}</label
                  >
                  <textarea id="answer-text" name="text" maxlength="4000"></textarea>
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
      const by = await responderOf(models, viewer.account);
      let outcome: HandoverOutcome;
      let details: Record<string, unknown> = { via: 'session', page: 'dashboard' };
      if (kind === 'answer') {
        const body = answerBody.safeParse(request.body ?? {});
        // A saved reply picked without script is sent as it is; typed words come first.
        const text = body.success ? body.data.text || body.data.saved : undefined;
        if (!body.success || !text) {
          setFlash(request, response, cookies, {
            kind: 'error',
            text: body.success
              ? t(
                  'Tulis jawabannya dulu, contoh: "Kamis pukul 10 di balai desa."',
                  'Write the answer first, for example: "Thursday at 10 at the village hall."',
                )
              : t(
                  'Formulir ini tidak berlaku lagi. Muat ulang halaman lalu kirim lagi.',
                  'This form is no longer valid. Reload the page and send it again.',
                ),
          });
          return response.redirect(303, back);
        }
        outcome = await answerHandover(models, handover._id, { by, text, now, key: body.data.token });
        details = { ...details, characters: text.length };
      } else {
        outcome = await closeHandover(models, handover._id, { by, now });
      }
      if (outcome.ok && !outcome.again) {
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
          kind === 'close'
            ? t('Ditutup; bot melayani lagi.', 'Closed; the bot takes over again.')
            : outcome.ok && outcome.again
              ? t(
                  'Jawaban ini sudah dikirim; tidak dikirim lagi.',
                  'This answer was sent already; not again.',
                )
              : t('Jawaban dikirim.', 'The answer was sent.'),
        ),
      );
      response.redirect(303, back);
    };

  /**
   * What the open page asks every few seconds: the messages after the last one it shows (`sejak`, a
   * time in milliseconds), as list items, and the time of the last. One read by `_id`.
   */
  async function newMessages(request: Request, response: Response, viewer: Viewer) {
    const handover = await handoverInScope(request, response, viewer);
    if (!handover) return;
    const t = translator(viewer.language);
    const since = Number(request.query.sejak);
    const after = Number.isFinite(since) ? since : 0;
    const fresh = handover.messages.filter((message) => message.at.getTime() > after);
    const when = (at: Date) => sessionTime(at, viewer.language, auth.timeZone);
    response.json({
      since: Math.max(after, ...fresh.map((message) => message.at.getTime())),
      status: handover.status,
      items: String(html`${threadItems(fresh, handover.requester.name, when, t)}`),
    });
  }

  return { inbox, detail, newMessages, answer: acting('answer'), close: acting('close') };
}

/**
 * The inbox page's only script: asks for new messages every few seconds and adds them to the thread,
 * and fills the answer with a saved reply picked from the list. The page works without it.
 */
export const HANDOVER_SCRIPT = `'use strict';
(function () {
  var thread = document.getElementById('thread');
  var picker = document.getElementById('saved-reply');
  var answer = document.getElementById('answer-text');
  if (picker && answer) {
    picker.addEventListener('change', function () {
      if (picker.value) answer.value = picker.value;
    });
  }
  if (!thread) return;
  var every = Number(thread.dataset.every) * 1000;
  function poll() {
    fetch(thread.dataset.poll + '?sejak=' + thread.dataset.since, { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body && body.items) {
          thread.insertAdjacentHTML('beforeend', body.items);
          var empty = document.getElementById('no-messages');
          if (empty) empty.remove();
        }
        if (body) thread.dataset.since = String(body.since);
      })
      // A failed ask (offline, signed out) is tried again at the next turn; the page stays as it is.
      .catch(function () {})
      .then(function () { setTimeout(poll, every); });
  }
  setTimeout(poll, every);
})();
`;
