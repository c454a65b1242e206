import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import { newSecretToken } from '../../auth/secret-tokens';
import type { Models } from '../../db/models';
import type { Handover } from '../../db/models/handover';
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
import type { ApiDependencies } from '../api/v1/dependencies';
import {
  EARLIER_LINES,
  handoverInboxView,
  handoverView,
  HANDOVERS_PATH,
  threadItems,
  timeIn,
  type HandoverInboxModel,
  type HandoverModel,
} from './handover-view';
import { html } from './html';
import { translator, type PageLanguage, type Translate } from './language';
import { declareAction, declarePage, redirect, refusal, send, show, type Outcome, type Page } from './page';
import { savedRepliesKeyOf } from './saved-replies';
import { chatTranscript, type TranscriptPart } from './transcript';

export { HANDOVERS_PATH, POLL_SECONDS, waitingTime } from './handover-view';

const PAGE_SIZE = 50;

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

/**
 * The answer form: the text (typed, or a saved reply picked without script), and the token the page
 * gave it, which names this answer so that the form sent twice sends it once.
 */
const answerBody = z.object({
  text: z.string().trim().max(4000).optional(),
  saved: z.string().trim().max(4000).optional(),
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/** The chat as the participant's page shows it to the same role (see TranscriptPart). */
const transcriptPartOf = (actor: HandoverActor): TranscriptPart =>
  actor.kind === 'dinsos' ? 'whole' : actor.kind === 'mentor' ? 'without-complaints' : 'complaints-only';

/** Requests are for mentors, Puskesos staff and Dinsos admins; anyone else is refused before a read. */
const refusesOutsiders = (account: Account) =>
  handoverActorOf(account)
    ? undefined
    : refusal(
        403,
        (t) => t('Tidak berhak', 'Not allowed'),
        (t) =>
          t(
            'Permintaan bantuan hanya untuk pendamping, petugas Puskesos dan admin Dinsos.',
            'Requests for a person are for mentors, Puskesos staff and Dinsos admins only.',
          ),
      );

const numberParams = z.object({ number: z.string() });

/** The request the address names, when the viewer may see it; otherwise the refusal to answer with. */
async function handoverInScope(
  models: Models,
  account: Account,
  number: string,
): Promise<{ ok: true; handover: Handover & { _id: string } } | { ok: false; refused: Outcome<never> }> {
  const actor = handoverActorOf(account);
  const handover = HANDOVER_NUMBER.test(number) ? await models.handovers.findById(number).lean() : null;
  if (!handover) {
    return {
      ok: false,
      refused: refusal(
        404,
        (t) => t('Tidak ditemukan', 'Not found'),
        (t) => t('Permintaan ini tidak ditemukan.', 'No such request.'),
      ),
    };
  }
  if (!actor || !mayActOn(actor, handover.assignee)) {
    return {
      ok: false,
      refused: refusal(
        403,
        (t) => t('Tidak berhak', 'Not allowed'),
        (t) => t('Permintaan ini untuk orang lain.', 'This request is for someone else.'),
      ),
    };
  }
  return { ok: true, handover };
}

/**
 * The last lines of the requester's chats up to the request (the message that opened it and the bot's
 * answer included), read as the participant's page reads its transcript, as much as the viewer's
 * role may read.
 */
async function earlierConversation(
  models: Models,
  handover: Pick<Handover, 'chat' | 'requester' | 'openedAt'>,
  actor: HandoverActor,
  language: PageLanguage,
) {
  const participant = handover.requester.participant
    ? await models.participants.findById(handover.requester.participant, { phone: 1, channels: 1 }).lean()
    : null;
  const chats = distinctChats([
    handover.chat,
    ...(participant ? chatsOf(participant.phone, participant.channels) : []),
  ]);
  return chatTranscript(models, chats, translator(language), {
    part: transcriptPartOf(actor),
    limit: EARLIER_LINES,
    until: handover.openedAt,
  });
}

/** The inbox of requests for a person, one request with its thread, and answering and closing it. */
export function handoverPages(dependencies: ApiDependencies): Page[] {
  return [
    handoverInbox(dependencies),
    handoverDetail(dependencies),
    newMessages(dependencies),
    handoverAction(dependencies, 'answer'),
    handoverAction(dependencies, 'close'),
  ];
}

/** GET /dashboard/bantuan: the open requests the viewer may see, oldest first, 50 a page. */
function handoverInbox(dependencies: ApiDependencies): Page {
  const { models } = dependencies;
  return declarePage({
    method: 'get',
    path: '/bantuan',
    // Any other address's words are ignored; a page number that is not one is the first page.
    query: z.looseObject({
      halaman: z.preprocess((given) => Math.max(1, Math.min(1000, Number(given) || 1)), z.number()),
    }),
    refuses: refusesOutsiders,
    async load(account, { query: { halaman: pageNumber }, now, from }) {
      const actor = handoverActorOf(account) ?? { kind: 'dinsos' };
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
          actor: auditActorOf(account),
          action: 'handovers.list',
          from,
          details: { via: 'session', page: 'dashboard', count: shown.length },
        },
        now,
      );
      return show<HandoverInboxModel>({
        now,
        pageNumber,
        hasNext: found.length > PAGE_SIZE,
        requests: shown.map((open) => ({
          number: open.handover,
          requesterName: open.requesterName,
          status: open.status,
          waitingSince: open.waitingSince,
          dueAt: open.dueAt,
          assignee: open.assignee,
        })),
      });
    },
    title: (_model, t) => t('Permintaan bantuan', 'Requests for a person'),
    view: handoverInboxView,
  });
}

/** GET /dashboard/bantuan/{number}: one request, what led to it, its thread, and its forms. */
function handoverDetail(dependencies: ApiDependencies): Page {
  const { models, auth } = dependencies;
  return declarePage({
    method: 'get',
    path: '/bantuan/{number}',
    params: numberParams,
    refuses: refusesOutsiders,
    async load(account, { params, now, from, language }) {
      const found = await handoverInScope(models, account, params.number);
      if (!found.ok) return found.refused;
      const { handover } = found;
      await recordAudit(
        models,
        {
          actor: auditActorOf(account),
          action: 'handover.read',
          target: handover._id,
          from,
          details: { via: 'session', page: 'dashboard' },
        },
        now,
      );
      const actor = handoverActorOf(account) ?? { kind: 'dinsos' };
      const earlier = await earlierConversation(models, handover, actor, language);
      const saved = await models.savedReplies.findById(savedRepliesKeyOf(account)).lean();
      return show<HandoverModel>({
        now,
        timeZone: auth.timeZone,
        handover: {
          number: handover._id,
          status: handover.status,
          requester: {
            participant: handover.requester.participant ? String(handover.requester.participant) : undefined,
            name: handover.requester.name,
          },
          assignee: handover.assignee,
          openedAt: handover.openedAt,
          dueAt: handover.dueAt,
          asked: handover.asked,
          messages: handover.messages,
        },
        earlier,
        savedReplies: saved?.texts ?? [],
        answerToken: newSecretToken(),
      });
    },
    title: (model) => model.handover.number,
    view: handoverView,
  });
}

/**
 * GET /dashboard/bantuan/{number}/pesan, what the open page asks every few seconds: the messages after
 * the last one it shows (`sejak`, a time in milliseconds), as list items, and the time of the last.
 * One read by `_id`.
 */
function newMessages(dependencies: ApiDependencies): Page {
  const { models, auth } = dependencies;
  return declareAction({
    method: 'get',
    path: '/bantuan/{number}/pesan',
    params: numberParams,
    query: z.looseObject({
      sejak: z.preprocess((given) => (Number.isFinite(Number(given)) ? Number(given) : 0), z.number()),
    }),
    refuses: refusesOutsiders,
    async load(account, { params, query: { sejak: after }, language }) {
      const found = await handoverInScope(models, account, params.number);
      if (!found.ok) return found.refused;
      const { handover } = found;
      const fresh = handover.messages.filter((message) => message.at.getTime() > after);
      const items = threadItems(
        fresh,
        handover.requester.name,
        timeIn(language, auth.timeZone),
        translator(language),
      );
      return send({
        type: 'application/json',
        body: JSON.stringify({
          since: Math.max(after, ...fresh.map((message) => message.at.getTime())),
          status: handover.status,
          items: String(html`${items}`),
        }),
      });
    },
  });
}

/** What the viewer is told after answering or closing, in their language. */
function said(outcome: HandoverOutcome, kind: 'answer' | 'close') {
  if (outcome.ok) {
    return {
      kind: 'ok' as const,
      text: (t: Translate) =>
        kind === 'close'
          ? t('Ditutup; bot melayani lagi.', 'Closed; the bot takes over again.')
          : outcome.again
            ? t('Jawaban ini sudah dikirim; tidak dikirim lagi.', 'This answer was sent already; not again.')
            : t('Jawaban dikirim.', 'The answer was sent.'),
    };
  }
  return {
    kind: 'error' as const,
    text: (t: Translate) =>
      outcome.reason === 'closed'
        ? t('Permintaan ini sudah ditutup.', 'This request is closed.')
        : outcome.reason === 'busy'
          ? t(
              'Permintaan ini sedang diubah orang lain. Coba lagi.',
              'Someone else is changing it. Try again.',
            )
          : t('Permintaan ini tidak ditemukan.', 'No such request.'),
  };
}

/**
 * POST /dashboard/bantuan/{number}/jawab or /tutup: done (and audited), then back to the request with
 * what happened (post, redirect, get).
 */
function handoverAction(dependencies: ApiDependencies, kind: 'answer' | 'close'): Page {
  const { models } = dependencies;
  return declareAction({
    method: 'post',
    path: `/bantuan/{number}/${kind === 'answer' ? 'jawab' : 'tutup'}`,
    params: numberParams,
    // The answer's fields are judged once the request is known to be the viewer's.
    body: z.record(z.string(), z.unknown()),
    refuses: refusesOutsiders,
    async load(account, { params, body, now, from }) {
      const found = await handoverInScope(models, account, params.number);
      if (!found.ok) return found.refused;
      const { handover } = found;
      const back = `${HANDOVERS_PATH}/${handover._id}`;
      const by = await responderOf(models, account);
      let outcome: HandoverOutcome;
      let details: Record<string, unknown> = { via: 'session', page: 'dashboard' };
      if (kind === 'answer') {
        const answer = answerBody.safeParse(body);
        // A saved reply picked without script is sent as it is; typed words come first.
        const text = answer.success ? answer.data.text || answer.data.saved : undefined;
        if (!answer.success || !text) {
          return redirect(back, {
            kind: 'error',
            text: (t) =>
              answer.success
                ? t(
                    'Tulis jawabannya dulu, contoh: "Kamis pukul 10 di balai desa."',
                    'Write the answer first, for example: "Thursday at 10 at the village hall."',
                  )
                : t(
                    'Formulir ini tidak berlaku lagi. Muat ulang halaman lalu kirim lagi.',
                    'This form is no longer valid. Reload the page and send it again.',
                  ),
          });
        }
        outcome = await answerHandover(models, handover._id, { by, text, now, key: answer.data.token });
        details = { ...details, characters: text.length };
      } else {
        outcome = await closeHandover(models, handover._id, { by, now });
      }
      if (outcome.ok && !outcome.again) {
        await recordAudit(
          models,
          { actor: auditActorOf(account), action: `handover.${kind}`, target: handover._id, from, details },
          now,
        );
      }
      return redirect(back, said(outcome, kind));
    },
  });
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
