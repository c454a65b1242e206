import type { HandoverStatus } from '../../db/models/handover';
import { sessionTime } from '../../domain/sessions/messages';
import { html, type SafeHtml } from './html';
import type { PageLanguage, Translate } from './language';
import type { Viewer } from './layout';
import { SAVED_REPLIES_PATH } from './saved-replies';
import { slaBadge, slaBadgeOf } from './sla-badge';
import { transcriptList, type TranscriptLine } from './transcript';

export const HANDOVERS_PATH = '/dashboard/bantuan';
/** How much of the chat before a request its page shows: enough to see why the person asked. */
export const EARLIER_LINES = 20;
/** How often the open page asks for new messages; each ask reads one request by `_id`. */
export const POLL_SECONDS = 5;

const STATUS_LABELS: Record<HandoverStatus, [string, string]> = {
  open: ['menunggu jawaban', 'waiting for an answer'],
  answered: ['sudah dijawab', 'answered'],
  closed: ['ditutup', 'closed'],
};

type Assignee = { kind: string; name?: string | null | undefined };

const assigneeName = (assignee: Assignee, t: Translate): string =>
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

export type ThreadMessage = { from: string; at: Date; text: string; byName?: string | null | undefined };

/** A thread's messages as list items: what the page shows and what its poll adds. */
export function threadItems(
  messages: readonly ThreadMessage[],
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

/** Times as the dashboard writes them, in the programme's time zone. */
export const timeIn = (language: PageLanguage, timeZone: string) => (at: Date) =>
  sessionTime(at, language, timeZone);

/** The open requests the viewer may see, one page of them. */
export interface HandoverInboxModel {
  now: Date;
  pageNumber: number;
  hasNext: boolean;
  requests: {
    number: string;
    requesterName?: string | null | undefined;
    status: HandoverStatus;
    waitingSince?: Date | null | undefined;
    dueAt?: Date | null | undefined;
    assignee: Assignee;
  }[];
}

export function handoverInboxView(model: HandoverInboxModel, t: Translate): SafeHtml {
  const { now, pageNumber } = model;
  const rows = model.requests.map(
    (open) =>
      html`<tr>
        <td><a href="${HANDOVERS_PATH}/${open.number}">${open.number}</a></td>
        <td>${open.requesterName ?? t('warga (bukan peserta)', 'resident (not a participant)')}</td>
        <td>${t(...STATUS_LABELS[open.status])}</td>
        <td>${open.waitingSince ? waitingTime(now.getTime() - open.waitingSince.getTime(), t) : '—'}</td>
        <td>${slaBadge(t, slaBadgeOf(open.dueAt ?? undefined, now))}</td>
        <td class="optional">${assigneeName(open.assignee, t)}</td>
      </tr>`,
  );
  return html`<h1>${t('Permintaan bantuan', 'Requests for a person')}</h1>
    <p><a href="${SAVED_REPLIES_PATH}">${t('Balasan tersimpan', 'Saved replies')}</a></p>
    <p>
      ${t(
        'Peserta dan warga yang ingin bicara dengan petugas. Pesan mereka datang ke sini sampai permintaannya ditutup.',
        'Participants and residents who asked to talk to a person. Their messages come here until the request is closed.',
      )}
    </p>
    ${
      rows.length === 0
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
      ${model.hasNext ? html`<a href="${HANDOVERS_PATH}?halaman=${pageNumber + 1}">${t('Berikutnya', 'Next')}</a>` : ''}
    </p>`;
}

/** One request with the chat that led to it, its thread, and (while open) the forms to answer or close it. */
export interface HandoverModel {
  now: Date;
  timeZone: string;
  handover: {
    number: string;
    status: HandoverStatus;
    requester: { participant?: string | undefined; name?: string | null | undefined };
    assignee: Assignee;
    openedAt: Date;
    dueAt?: Date | null | undefined;
    asked: string;
    messages: ThreadMessage[];
  };
  earlier: TranscriptLine[];
  savedReplies: string[];
  /** Names this answer, so that the form sent twice sends it once. */
  answerToken: string;
}

function answerForms(model: HandoverModel, t: Translate, csrfToken: string): SafeHtml {
  const action = (path: string) => `${HANDOVERS_PATH}/${model.handover.number}/${path}`;
  if (model.handover.status === 'closed') {
    return html`<p>${t('Permintaan ini sudah ditutup.', 'This request is closed.')}</p>`;
  }
  return html`<h2>${t('Tindakan', 'Actions')}</h2>
    <div class="card">
      <form class="action" method="post" action="${action('jawab')}">
        <input type="hidden" name="csrf" value="${csrfToken}" />
        <input type="hidden" name="token" value="${model.answerToken}" />
        ${
          model.savedReplies.length > 0
            ? html`<label for="saved-reply">${t('Balasan tersimpan', 'Saved reply')}</label>
                <select id="saved-reply" name="saved">
                  <option value="">${t('— pilih —', '— choose —')}</option>
                  ${model.savedReplies.map((text) => html`<option value="${text}">${text}</option>`)}
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
        <input type="hidden" name="csrf" value="${csrfToken}" />
        <button type="submit" class="secondary">
          ${t('Tutup (bot melayani lagi)', 'Close (the bot takes over again)')}
        </button>
      </form>
    </div>`;
}

export function handoverView(model: HandoverModel, t: Translate, viewer: Viewer): SafeHtml {
  const { handover, earlier } = model;
  const when = timeIn(viewer.language, model.timeZone);
  const requester = handover.requester;
  const thread = threadItems(handover.messages, requester.name, when, t);
  const last = handover.messages.at(-1)?.at ?? handover.openedAt;
  return html`<h1>${handover.number} ${slaBadge(t, slaBadgeOf(handover.dueAt ?? undefined, model.now))}</h1>
    <div class="card">
      <dl>
        <dt>Status</dt>
        <dd>${t(...STATUS_LABELS[handover.status])}</dd>
        <dt>${t('Dari', 'From')}</dt>
        <dd>
          ${
            requester.participant
              ? html`<a href="/dashboard/peserta/${requester.participant}">${requester.name ?? ''}</a>`
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
      data-poll="${HANDOVERS_PATH}/${handover.number}/pesan"
      data-since="${last.getTime()}"
      data-every="${POLL_SECONDS}"
    >
      ${thread}
    </ol>
    <script src="${HANDOVERS_PATH}.js" defer></script>
    ${answerForms(model, t, viewer.csrfToken)}
    <p><a href="${HANDOVERS_PATH}">${t('Kembali ke daftar', 'Back to the list')}</a></p>`;
}
