import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  broadcastMessageText,
  checkBroadcastText,
  followsReports,
  MAX_BROADCAST_CHARS,
  kecamatanInScope,
  sessionsInScope,
  type BroadcastScope,
  type BroadcastSender,
  type FoundAudience,
} from '../../domain/broadcasts';
import { formatIsoWeek } from '../../domain/display';
import {
  CLUSTER_LABELS,
  CLUSTERS,
  STAGE_LABELS,
  STAGES,
  type Cluster,
  type Stage,
} from '../../domain/program';
import type { ApiDependencies } from '../api/v1/dependencies';
import { broadcastScopeOf } from '../../auth/scopes';
import {
  BROADCAST_ID_PATTERN,
  broadcastFilterOf,
  broadcastReport,
  broadcastsVisibleTo,
  lastWeekOf,
  NAMES_SHOWN,
  previewBroadcastAs,
  readBroadcastAs,
  sendBroadcastAs,
} from '../actions/broadcasts';
import { fromOf } from '../request-from';
import { setFlash, takeFlash } from './form-cookies';
import { problemSummary, type FieldProblem } from './form-problems';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { page, refuse, type Viewer } from './layout';

export const BROADCASTS_PATH = '/dashboard/siaran';

/** Sessions offered as a filter: those of the last two months and those planned. */
const SESSIONS_SINCE_MS = 60 * 24 * 3_600_000;
/** The progress page reloads itself this often while messages are still queued. */
const REFRESH_SECONDS = 5;

const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const formSchema = z.strictObject({
  csrf: z.string(),
  pesan: z.string().max(MAX_BROADCAST_CHARS * 4),
  kecamatan: blankAsAbsent(z.string().trim().max(100)),
  klaster: blankAsAbsent(z.enum(CLUSTERS)),
  tahap: blankAsAbsent(z.enum(STAGES)),
  belum: blankAsAbsent(z.literal('1')),
  sesi: blankAsAbsent(z.string().regex(/^[0-9a-f]{24}$/)),
  /** The idempotency key the preview generated: the same key sends once. */
  kunci: blankAsAbsent(z.string().regex(BROADCAST_ID_PATTERN)),
});

type FormValues = {
  pesan: string;
  kecamatan: string;
  klaster: string;
  tahap: string;
  belum: boolean;
  sesi: string;
};

const valuesOf = (body: Record<string, unknown>): FormValues => {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    pesan: text(body.pesan),
    kecamatan: text(body.kecamatan),
    klaster: text(body.klaster),
    tahap: text(body.tahap),
    belum: body.belum === '1',
    sesi: text(body.sesi),
  };
};

/** The message as its recipients read it, kept on one line: the element keeps its line breaks. */
const messageAsSent = (text: string, sender: BroadcastSender) =>
  html`<dd class="text message">${broadcastMessageText(text, sender, 'id')}</dd>`;

const newBroadcastKey = () => randomBytes(16).toString('base64url');

/** The broadcast pages: compose and preview, send, and each broadcast's progress. */
export function broadcastPages(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const cookies = { security: auth.cookieSecurity };

  function refuseRole(response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    refuse(
      response,
      403,
      t('Tidak berhak', 'Not allowed'),
      t(
        'Siaran hanya untuk admin Dinsos, koordinator Puskesos dan pendamping (kepada peserta mereka sendiri).',
        'Broadcasts are for Dinsos admins, Puskesos koordinators and mentors (to their own participants).',
      ),
      viewer,
    );
  }

  async function formChoices(scope: BroadcastScope, now: Date) {
    const [kecamatan, sessions] = await Promise.all([
      kecamatanInScope(models, scope),
      sessionsInScope(models, scope, new Date(now.getTime() - SESSIONS_SINCE_MS)),
    ]);
    return { kecamatan, sessions };
  }

  /**
   * Reads the form: the text and filter, or the fields to correct. A koordinator's form has no
   * reporting or session filter; one posted anyway is refused by name rather than ignored.
   */
  function readForm(body: Record<string, unknown>, scope: BroadcastScope, now: Date, t: Translate) {
    const values = valuesOf(body);
    const parsed = formSchema.safeParse(body);
    const problems: FieldProblem[] = [];
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'pesan');
        problems.push({
          field,
          label: field,
          problem: t('tidak dapat dibaca; pilih dari daftar', 'cannot be read; choose from the list'),
        });
      }
      return { values, problems };
    }
    const text = checkBroadcastText(parsed.data.pesan);
    if (!text.ok) problems.push({ field: 'pesan', label: t('Pesan', 'Message'), problem: text.reason });
    if (!followsReports(scope) && (parsed.data.belum || parsed.data.sesi)) {
      problems.push({
        field: 'belum',
        label: t('Filter', 'Filter'),
        problem: t(
          'laporan dan sesi hanya untuk pendamping dan admin Dinsos; pilih kecamatan, klaster atau tahap',
          'reports and sessions are for mentors and Dinsos admins; choose a kecamatan, cluster or stage',
        ),
      });
    }
    if (!text.ok || problems.length > 0) return { values, problems };
    const filter = broadcastFilterOf(
      {
        kecamatan: parsed.data.kecamatan,
        cluster: parsed.data.klaster,
        stage: parsed.data.tahap,
        notReportedLastWeek: Boolean(parsed.data.belum),
        session: parsed.data.sesi,
      },
      now,
      auth.timeZone,
    );
    return { values, problems, ready: { text: text.value, filter, key: parsed.data.kunci } };
  }

  async function composeForm(viewer: Viewer, scope: BroadcastScope, values: FormValues, now: Date) {
    const t = translator(viewer.language);
    const choices = await formChoices(scope, now);
    const option = (value: string, label: string, chosen: string) =>
      html`<option value="${value}" ${value === chosen ? html`selected` : ''}>${label}</option>`;
    const lastWeek = formatIsoWeek(lastWeekOf(now, auth.timeZone), viewer.language);
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
          ${choices.kecamatan.map((name) => option(name, name, values.kecamatan))}
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
                  ${choices.sessions.map((session) =>
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

  async function recentList(viewer: Viewer) {
    const t = translator(viewer.language);
    const recent = await models.broadcasts
      .find(broadcastsVisibleTo(viewer.account), {
        text: 1,
        filterLabel: 1,
        recipientCount: 1,
        sentAt: 1,
      })
      .sort({ sentAt: -1 })
      .limit(20)
      .lean();
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
                <a href="${BROADCASTS_PATH}/${broadcast._id}">${timeOf(broadcast.sentAt, viewer.language)}</a>
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

  const timeOf = (at: Date | undefined, language: 'id' | 'en') =>
    at
      ? new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
          timeZone: auth.timeZone,
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(at)
      : '';

  async function drawCompose(
    request: Request,
    response: Response,
    viewer: Viewer,
    scope: BroadcastScope,
    values: FormValues,
    options: { status?: number; problems?: FieldProblem[]; preview?: SafeHtml } = {},
  ) {
    const t = translator(viewer.language);
    const now = dependencies.clock();
    const content = html`<h1>${t('Siaran', 'Broadcasts')}</h1>
      ${problemSummary(t, options.problems ?? [])} ${options.preview ?? ''}
      <h2>
        ${options.preview ? t('Ubah lalu pratinjau lagi', 'Change and preview again') : t('Tulis siaran', 'Write a broadcast')}
      </h2>
      ${await composeForm(viewer, scope, values, now)}
      <h2>${t('Siaran terakhir', 'Recent broadcasts')}</h2>
      ${await recentList(viewer)}`;
    response
      .status(options.status ?? 200)
      .send(String(page(t('Siaran', 'Broadcasts'), content, viewer, takeFlash(request, response, cookies))));
  }

  function previewOf(
    viewer: Viewer,
    values: FormValues,
    text: string,
    sender: BroadcastSender,
    audience: FoundAudience,
    filterLabel: string,
    dueAt: Date,
    now: Date,
  ): SafeHtml {
    const t = translator(viewer.language);
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
        ${dueAt.getTime() > now.getTime() ? html`<li>${t('Jam tenang: dikirim mulai', 'Quiet hours: sent from')} ${timeOf(dueAt, viewer.language)}</li>` : ''}
      </ul>
      ${
        count === 0
          ? html`<p>
              <strong
                >${t('Tidak ada penerima dengan filter ini. Ubah filternya.', 'Nobody matches this filter. Change it.')}</strong
              >
            </p>`
          : html`<form method="post" action="${BROADCASTS_PATH}/kirim">
              ${hidden('csrf', viewer.csrfToken)} ${hidden('kunci', newBroadcastKey())}
              ${hidden('pesan', values.pesan)} ${hidden('kecamatan', values.kecamatan)}
              ${hidden('klaster', values.klaster)} ${hidden('tahap', values.tahap)}
              ${values.belum ? hidden('belum', '1') : ''} ${hidden('sesi', values.sesi)}
              <button type="submit">
                ${t(`Kirim ke ${count} peserta`, `Send to ${count} participants`)}
              </button>
            </form>`
      }
    </section>`;
  }

  const actingOf = (request: Request, viewer: Viewer, now: Date) => ({
    from: fromOf(request),
    via: 'session' as const,
    page: 'dashboard',
    now,
    language: viewer.language,
  });

  const sessionProblem = (t: Translate): FieldProblem[] => [
    {
      field: 'sesi',
      label: t('Sesi', 'Session'),
      problem: t(
        'sesi ini bukan sesi Anda; pilih dari daftar',
        'this session is not yours; choose from the list',
      ),
    },
  ];

  return {
    async show(request: Request, response: Response, viewer: Viewer) {
      const scope = broadcastScopeOf(viewer.account);
      if (!scope) return refuseRole(response, viewer);
      await drawCompose(request, response, viewer, scope, valuesOf({}));
    },

    async preview(request: Request, response: Response, viewer: Viewer) {
      const scope = broadcastScopeOf(viewer.account);
      if (!scope) return refuseRole(response, viewer);
      const t = translator(viewer.language);
      const now = dependencies.clock();
      const form = readForm(request.body as Record<string, unknown>, scope, now, t);
      if (!form.ready) {
        return drawCompose(request, response, viewer, scope, form.values, {
          status: 400,
          problems: form.problems,
        });
      }
      const found = await previewBroadcastAs(
        dependencies,
        viewer.account,
        scope,
        form.ready.filter,
        actingOf(request, viewer, now),
      );
      if (!found) {
        return drawCompose(request, response, viewer, scope, form.values, {
          status: 400,
          problems: sessionProblem(t),
        });
      }
      const preview = previewOf(
        viewer,
        form.values,
        form.ready.text,
        found.sender,
        found.audience,
        found.filterLabel,
        found.dueAt,
        now,
      );
      await drawCompose(request, response, viewer, scope, form.values, { preview });
    },

    async send(request: Request, response: Response, viewer: Viewer) {
      const scope = broadcastScopeOf(viewer.account);
      if (!scope) return refuseRole(response, viewer);
      const t = translator(viewer.language);
      const now = dependencies.clock();
      const form = readForm(request.body as Record<string, unknown>, scope, now, t);
      if (!form.ready?.key) {
        const problems =
          form.problems.length > 0
            ? form.problems
            : [
                {
                  field: 'pesan',
                  label: t('Formulir', 'Form'),
                  problem: t(
                    'lihat pratinjau dulu, lalu kirim dari sana',
                    'preview first, then send from there',
                  ),
                },
              ];
        return drawCompose(request, response, viewer, scope, form.values, { status: 400, problems });
      }
      const id = form.ready.key;
      const outcome = await sendBroadcastAs(
        dependencies,
        viewer.account,
        scope,
        { id, text: form.ready.text, filter: form.ready.filter },
        actingOf(request, viewer, now),
      );
      if (!outcome) {
        return drawCompose(request, response, viewer, scope, form.values, {
          status: 400,
          problems: sessionProblem(t),
        });
      }
      setFlash(request, response, cookies, {
        kind: 'ok',
        text:
          outcome.outcome === 'sent'
            ? t(
                `Siaran dikirim ke ${outcome.recipients} peserta.`,
                `Broadcast sent to ${outcome.recipients} participants.`,
              )
            : t(
                'Siaran ini sudah dikirim sebelumnya; tidak dikirim lagi.',
                'This broadcast was already sent; it was not sent again.',
              ),
      });
      response.redirect(303, `${BROADCASTS_PATH}/${id}`);
    },

    async progress(request: Request, response: Response, viewer: Viewer) {
      const t = translator(viewer.language);
      const scope = broadcastScopeOf(viewer.account);
      if (!scope) return refuseRole(response, viewer);
      const id = String(request.params.id);
      const broadcast = await readBroadcastAs(models, viewer.account, id);
      if (!broadcast) {
        return refuse(
          response,
          404,
          t('Tidak ditemukan', 'Not found'),
          t('Siaran ini tidak ditemukan di antara siaran Anda.', 'This broadcast is not among yours.'),
          viewer,
        );
      }
      const progress = await broadcastReport(models, id);
      const leftOut = broadcast.leftOut ?? { stopped: 0, withoutConsent: 0, noChat: 0, noTemplate: 0 };
      const unreachable = (leftOut.noChat ?? 0) + (leftOut.noTemplate ?? 0);
      const figure = (name: string, label: string, value: number) =>
        html`<div class="figure ${name}">
          <span class="value">${value}</span><span class="label">${label}</span>
        </div>`;
      const content = html`<h1>${t('Siaran', 'Broadcast')} ${timeOf(broadcast.sentAt, viewer.language)}</h1>
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
                <p class="meta">
                  ${t('Kirim ulang dari halaman Saluran.', 'Retry from the Channels page.')}
                </p>`
            : ''
        }
        <p class="reload">
          <a href="${BROADCASTS_PATH}/${id}">${t('Muat ulang', 'Reload')}</a>
          ${progress.counts.queued > 0 ? t(`(halaman ini dimuat ulang sendiri tiap ${REFRESH_SECONDS} detik)`, `(this page reloads itself every ${REFRESH_SECONDS} seconds)`) : ''}
          · <a href="${BROADCASTS_PATH}">${t('Siaran lain', 'Other broadcasts')}</a>
        </p>`;
      if (progress.counts.queued > 0) response.setHeader('Refresh', String(REFRESH_SECONDS));
      response.send(
        String(page(t('Siaran', 'Broadcast'), content, viewer, takeFlash(request, response, cookies))),
      );
    },
  };
}
