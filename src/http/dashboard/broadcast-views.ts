import type { BroadcastScope, BroadcastSender, FoundAudience } from '../../domain/broadcasts';
import { broadcastMessageText, followsReports, MAX_BROADCAST_CHARS } from '../../domain/broadcasts';
import { formatIsoWeek } from '../../domain/display';
import {
  CLUSTER_LABELS,
  CLUSTERS,
  STAGE_LABELS,
  STAGES,
  type Cluster,
  type Stage,
} from '../../domain/program';
import type { ListedSession } from '../../domain/sessions';
import type { Broadcast } from '../../db/models/broadcast';
import { NAMES_SHOWN, type broadcastReport } from '../actions/broadcasts';
import { problemSummary } from './form-problems';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';
import type { Words } from './page';

export const BROADCASTS_PATH = '/dashboard/siaran';
/** The progress page reloads itself this often while messages are still queued. */
export const REFRESH_SECONDS = 5;

export type FormValues = {
  pesan: string;
  kecamatan: string;
  klaster: string;
  tahap: string;
  belum: boolean;
  sesi: string;
};

/** A field to correct, in words chosen once the page's language is known. */
export interface ProblemWords {
  field: string;
  label: Words;
  problem: Words;
}

export interface PreviewModel {
  text: string;
  sender: BroadcastSender;
  audience: FoundAudience;
  filterLabel: string;
  dueAt: Date;
  /** The idempotency key the send form carries: the same key sends once. */
  key: string;
}

export interface ComposeModel {
  scope: BroadcastScope;
  values: FormValues;
  problems: ProblemWords[];
  kecamatan: string[];
  sessions: ListedSession[];
  recent: Pick<Broadcast & { _id: string }, '_id' | 'text' | 'filterLabel' | 'recipientCount' | 'sentAt'>[];
  /** Last ISO week, for the "did not report" filter. */
  lastWeek: string;
  now: Date;
  timeZone: string;
  preview?: PreviewModel | undefined;
}

export interface ProgressModel {
  broadcast: Broadcast & { _id: string };
  progress: Awaited<ReturnType<typeof broadcastReport>>;
  timeZone: string;
}

const timeOf = (at: Date | undefined, language: 'id' | 'en', timeZone: string) =>
  at
    ? new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
        timeZone,
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(at)
    : '';

/** The message as its recipients read it, kept on one line: the element keeps its line breaks. */
const messageAsSent = (text: string, sender: BroadcastSender) =>
  html`<dd class="text message">${broadcastMessageText(text, sender, 'id')}</dd>`;

function composeForm(model: ComposeModel, t: Translate, viewer: Viewer): SafeHtml {
  const { scope, values, kecamatan, sessions } = model;
  const option = (value: string, label: string, chosen: string) =>
    html`<option value="${value}" ${value === chosen ? html`selected` : ''}>${label}</option>`;
  const lastWeek = formatIsoWeek(model.lastWeek, viewer.language);
  return html`<form class="card broadcast-form" method="post" action="${BROADCASTS_PATH}/pratinjau">
    <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
    <label for="field-pesan">${t('Pesan', 'Message')}</label>
    <textarea id="field-pesan" name="pesan" required maxlength="${MAX_BROADCAST_CHARS}" rows="5">
${values.pesan}</textarea>
    <p class="meta">
      ${t(
        `Paling banyak ${MAX_BROADCAST_CHARS} huruf. Nama dan peran Anda ditambahkan di bawahnya.`,
        `At most ${MAX_BROADCAST_CHARS} characters. Your name and role are added below it.`,
      )}
    </p>
    <fieldset>
      <legend>${t('Kepada (semua syarat berlaku)', 'To (every condition applies)')}</legend>
      <label for="field-kecamatan">Kecamatan</label>
      <select id="field-kecamatan" name="kecamatan">
        ${option('', t('Semua', 'All'), values.kecamatan)}
        ${kecamatan.map((name) => option(name, name, values.kecamatan))}
      </select>
      <label for="field-klaster">${t('Klaster', 'Cluster')}</label>
      <select id="field-klaster" name="klaster">
        ${option('', t('Semua', 'All'), values.klaster)}
        ${CLUSTERS.map((cluster: Cluster) => option(cluster, CLUSTER_LABELS[cluster], values.klaster))}
      </select>
      <label for="field-tahap">${t('Tahap', 'Stage')}</label>
      <select id="field-tahap" name="tahap">
        ${option('', t('Semua', 'All'), values.tahap)}
        ${STAGES.map((stage: Stage) => option(stage, STAGE_LABELS[stage], values.tahap))}
      </select>
      ${
        followsReports(scope)
          ? html`<label class="check" for="field-belum"
                ><input
                  type="checkbox"
                  id="field-belum"
                  name="belum"
                  value="1"
                  ${values.belum ? html`checked` : ''}
                />
                ${t(`Hanya yang belum lapor minggu lalu (${lastWeek})`, `Only those who did not report last week (${lastWeek})`)}</label
              >
              <label for="field-sesi">${t('Diundang ke sesi', 'Invited to the session')}</label>
              <select id="field-sesi" name="sesi">
                ${option('', t('Semua (tanpa syarat sesi)', 'Any (no session condition)'), values.sesi)}
                ${sessions.map((session) =>
                  option(
                    session.id,
                    `${session.topic} · ${session.startsAt.toISOString().slice(0, 10)} · ${session.participants.length} ${t('diundang', 'invited')}`,
                    values.sesi,
                  ),
                )}
              </select>`
          : ''
      }
    </fieldset>
    <p class="meta">
      ${t(
        'Hanya peserta aktif; yang sudah mengirim STOP tidak dikirimi.',
        'Active participants only; those who sent STOP are left out.',
      )}
    </p>
    <button type="submit">${t('Lihat pratinjau', 'Preview')}</button>
  </form>`;
}

function recentList({ recent, timeZone }: ComposeModel, t: Translate, viewer: Viewer): SafeHtml {
  if (recent.length === 0) return html`<p>${t('Belum ada siaran.', 'No broadcast yet.')}</p>`;
  return html`<table class="broadcasts">
    <thead>
      <tr>
        <th>${t('Waktu', 'When')}</th>
        <th>${t('Kepada', 'To')}</th>
        <th>${t('Pesan', 'Message')}</th>
        <th class="number">${t('Penerima', 'Recipients')}</th>
      </tr>
    </thead>
    <tbody>
      ${recent.map(
        (broadcast) =>
          html`<tr>
            <td>
              <a href="${BROADCASTS_PATH}/${broadcast._id}"
                >${timeOf(broadcast.sentAt, viewer.language, timeZone)}</a
              >
            </td>
            <td>${broadcast.filterLabel}</td>
            <td>
              ${Array.from(broadcast.text).slice(0, 80).join('')}${Array.from(broadcast.text).length > 80 ? '…' : ''}
            </td>
            <td class="number">${broadcast.recipientCount}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function previewOf(model: ComposeModel, preview: PreviewModel, t: Translate, viewer: Viewer): SafeHtml {
  const { values, now, timeZone } = model;
  const { text, sender, audience, filterLabel, dueAt, key } = preview;
  const count = audience.recipients.length;
  const names = audience.recipients.slice(0, NAMES_SHOWN).map((recipient) => recipient.name);
  const noTemplate = audience.unreachable.no_template.length;
  const noChat = audience.unreachable.no_chat.length;
  const hidden = (name: string, value: string) =>
    html`<input type="hidden" name="${name}" value="${value}" />`;
  return html`<section class="card broadcast-preview" aria-labelledby="preview-title">
    <h2 id="preview-title">${t('Pratinjau', 'Preview')}</h2>
    <dl>
      <dt>${t('Kepada', 'To')}</dt>
      <dd>${filterLabel}</dd>
      <dt>${t('Penerima', 'Recipients')}</dt>
      <dd>
        <strong class="recipient-count">${count}</strong> ${t('peserta', 'participants')}${
          names.length > 0
            ? html`: <span class="names">${names.join(', ')}${count > names.length ? ', …' : ''}</span>`
            : ''
        }
      </dd>
      <dt>${t('Pesan yang diterima', 'The message they get')}</dt>
      ${messageAsSent(text, sender)}
    </dl>
    <ul class="left-out">
      ${audience.stopped > 0 ? html`<li>${audience.stopped} ${t('tidak dikirimi karena sudah mengirim STOP', 'left out: they sent STOP')}</li>` : ''}
      ${audience.withoutConsent > 0 ? html`<li>${audience.withoutConsent} ${t('belum memberi persetujuan, tidak dikirimi', 'have not given consent: left out')}</li>` : ''}
      ${noChat > 0 ? html`<li>${noChat} ${t('tidak punya aplikasi chat yang tercatat, tidak dapat dikirimi', 'have no chat app on record: cannot be sent to')}</li>` : ''}
      ${
        noTemplate > 0
          ? html`<li class="no-template" role="alert">
              ${noTemplate}
              ${t(
                'di WhatsApp belum menulis dalam 24 jam terakhir, dan templat WhatsApp belum diatur (WHATSAPP_CLOUD_REMINDER_TEMPLATE): tidak dapat dikirimi',
                'on WhatsApp have not written in the last 24 hours, and no WhatsApp template is configured (WHATSAPP_CLOUD_REMINDER_TEMPLATE): cannot be sent to',
              )}
            </li>`
          : ''
      }
      ${dueAt.getTime() > now.getTime() ? html`<li>${t('Jam tenang: dikirim mulai', 'Quiet hours: sent from')} ${timeOf(dueAt, viewer.language, timeZone)}</li>` : ''}
    </ul>
    ${
      count === 0
        ? html`<p>
            <strong
              >${t('Tidak ada penerima dengan filter ini. Ubah filternya.', 'Nobody matches this filter. Change it.')}</strong
            >
          </p>`
        : html`<form method="post" action="${BROADCASTS_PATH}/kirim">
            ${hidden('csrf', viewer.csrfToken)} ${hidden('kunci', key)} ${hidden('pesan', values.pesan)}
            ${hidden('kecamatan', values.kecamatan)} ${hidden('klaster', values.klaster)}
            ${hidden('tahap', values.tahap)} ${values.belum ? hidden('belum', '1') : ''}
            ${hidden('sesi', values.sesi)}
            <button type="submit">${t(`Kirim ke ${count} peserta`, `Send to ${count} participants`)}</button>
          </form>`
    }
  </section>`;
}

/** The broadcasts page: the problems or the preview, the form, then the recent broadcasts. */
export function composeView(model: ComposeModel, t: Translate, viewer: Viewer): SafeHtml {
  const problems = model.problems.map(({ field, label, problem }) => ({
    field,
    label: label(t),
    problem: problem(t),
  }));
  return html`<h1>${t('Siaran', 'Broadcasts')}</h1>
    ${problemSummary(t, problems)} ${model.preview ? previewOf(model, model.preview, t, viewer) : ''}
    <h2>
      ${model.preview ? t('Ubah lalu pratinjau lagi', 'Change and preview again') : t('Tulis siaran', 'Write a broadcast')}
    </h2>
    ${composeForm(model, t, viewer)}
    <h2>${t('Siaran terakhir', 'Recent broadcasts')}</h2>
    ${recentList(model, t, viewer)}`;
}

/** One broadcast's progress: queued, sent, failed with the reason, and who was left out. */
export function progressView(
  { broadcast, progress, timeZone }: ProgressModel,
  t: Translate,
  viewer: Viewer,
): SafeHtml {
  const leftOut = broadcast.leftOut ?? { stopped: 0, withoutConsent: 0, noChat: 0, noTemplate: 0 };
  const unreachable = (leftOut.noChat ?? 0) + (leftOut.noTemplate ?? 0);
  const figure = (name: string, label: string, value: number) =>
    html`<div class="figure ${name}">
      <span class="value">${value}</span><span class="label">${label}</span>
    </div>`;
  return html`<h1>${t('Siaran', 'Broadcast')} ${timeOf(broadcast.sentAt, viewer.language, timeZone)}</h1>
    <div class="card">
      <dl>
        <dt>${t('Kepada', 'To')}</dt>
        <dd>${broadcast.filterLabel}</dd>
        <dt>${t('Pesan', 'Message')}</dt>
        ${messageAsSent(broadcast.text, broadcast.signature as BroadcastSender)}
      </dl>
    </div>
    <div class="overview">
      <div class="figures progress">
        ${figure('queued', t('Dalam antrean', 'Queued'), progress.counts.queued)}
        ${figure('sent', t('Terkirim', 'Sent'), progress.counts.sent)}
        ${figure('failed', t('Gagal', 'Failed'), progress.counts.failed)}
        ${progress.counts.cancelled > 0 ? figure('cancelled', t('Dibatalkan', 'Cancelled'), progress.counts.cancelled) : ''}
        ${figure('unreachable', t('Tidak dapat dikirimi', 'Cannot be sent to'), unreachable)}
      </div>
    </div>
    <p class="meta">
      ${t('Tidak dikirimi', 'Left out')}: ${leftOut.stopped ?? 0} STOP, ${leftOut.withoutConsent ?? 0}
      ${t('tanpa persetujuan', 'without consent')}, ${leftOut.noChat ?? 0}
      ${t('tanpa aplikasi chat', 'without a chat app')}, ${leftOut.noTemplate ?? 0}
      ${t('WhatsApp tanpa templat', 'WhatsApp without a template')}.
    </p>
    ${
      progress.failed.length > 0
        ? html`<h2>${t('Gagal terkirim', 'Not delivered')}</h2>
            <table class="failed">
              <thead>
                <tr>
                  <th>${t('Peserta', 'Participant')}</th>
                  <th>${t('Alasan', 'Reason')}</th>
                </tr>
              </thead>
              <tbody>
                ${progress.failed.map(
                  (failure) =>
                    html`<tr>
                      <td><a href="/dashboard/peserta/${failure.participant}">${failure.name}</a></td>
                      <td class="reason">${failure.reason}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            <p class="meta">${t('Kirim ulang dari halaman Saluran.', 'Retry from the Channels page.')}</p>`
        : ''
    }
    <p class="reload">
      <a href="${BROADCASTS_PATH}/${broadcast._id}">${t('Muat ulang', 'Reload')}</a>
      ${progress.counts.queued > 0 ? t(`(halaman ini dimuat ulang sendiri tiap ${REFRESH_SECONDS} detik)`, `(this page reloads itself every ${REFRESH_SECONDS} seconds)`) : ''}
      · <a href="${BROADCASTS_PATH}">${t('Siaran lain', 'Other broadcasts')}</a>
    </p>`;
}
