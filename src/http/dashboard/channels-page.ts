import type { Request, Response } from 'express';
import { GrammyError } from 'grammy';
import type { WebhookInfo } from 'grammy/types';
import { auditActorOf, isAdmin, recordAudit } from '../../auth';
import { retryFailedOutboxEntry } from '../../channels/outbox-sender';
import { queuedCountsByChannel, recentOutboxFailures } from '../../db/outbox';
import type { TelegramStatus, WhatsAppWebStatus } from '../../channels/status-source';
import type { ConnectionPhase } from '../../channels/whatsapp-web/connection-state';
import { qrPng } from '../../channels/whatsapp-web/qr';
import { maskPhone } from '../../domain/identity';
import { sessionTime } from '../../domain/sessions/messages';
import type { ApiDependencies } from '../api/v1/dependencies';
import { fromOf } from '../request-from';
import { setFlash, takeFlash } from './form-cookies';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { page, refuse, type Viewer } from './layout';

export const CHANNELS_PATH = '/dashboard/saluran';
export const WHATSAPP_QR_PATH = `${CHANNELS_PATH}/whatsapp-qr.png`;

/** Failed messages worth a look: older ones are stale news (last week's reminder) rather than work. */
const FAILED_WINDOW_MS = 7 * 24 * 3_600_000;
const FAILED_LIST_LIMIT = 100;
/** Longer than any key the service makes; a longer path is not an entry. */
const MAX_KEY_LENGTH = 500;
/** WhatsApp shows a new login code about every 20 seconds: the page follows it while one is needed. */
const REFRESH_SECONDS = 15;
const REFRESHING_PHASES: ReadonlySet<ConnectionPhase> = new Set([
  'starting',
  'waiting_for_qr',
  'authenticated',
  'logged_out',
]);

const CHANNEL_NAMES: Record<string, string> = {
  'whatsapp-web': 'WhatsApp Web',
  'whatsapp-cloud': 'WhatsApp Cloud API',
  telegram: 'Telegram',
  simulator: 'Simulator',
};
const channelName = (channel: string) => CHANNEL_NAMES[channel] ?? channel;

/**
 * A chat id as staff may see it: a phone number (WhatsApp's `62812...@c.us`, the Cloud API's
 * `62812...`, the simulator's `+62812...`) masked as everywhere else; any other id (Telegram's chat
 * numbers, WhatsApp's private `@lid`s) cut to its ends.
 */
export function maskRecipient(chatId: string): string {
  const phone = /^\+?(62\d{8,13})(@c\.us)?$/.exec(chatId)?.[1];
  if (phone) return maskPhone(`+${phone}`);
  const id = chatId.replace(/@.*$/, '');
  return id.length <= 4 ? '****' : `${id.slice(0, 2)}****${id.slice(-2)}`;
}

/**
 * The webhook's address without what may be secret in it: only the host and the path this service
 * answers at are shown (a proxy's prefix before it may be a secret of its own); no query.
 */
export function hideWebhookSecret(url: string): string {
  try {
    const parsed = new URL(url);
    const path =
      parsed.pathname === '/telegram/webhook'
        ? parsed.pathname
        : parsed.pathname.endsWith('/telegram/webhook')
          ? '/…/telegram/webhook'
          : parsed.pathname === '/'
            ? '/'
            : '/…';
    return `${parsed.protocol}//${parsed.host}${path}`;
  } catch {
    return '…';
  }
}

type WebhookReading = { ok: true; info: WebhookInfo } | { ok: false; problem: string };

async function readWebhook(telegram: TelegramStatus, t: Translate): Promise<WebhookReading> {
  try {
    return { ok: true, info: await telegram.webhookInfo() };
  } catch (error) {
    // Telegram's own refusal is worth showing; a network error's text may hold the bot's address.
    return {
      ok: false,
      problem:
        error instanceof GrammyError
          ? t(
              `Telegram menolak permintaan (${error.error_code}: ${error.description}).`,
              `Telegram refused the request (${error.error_code}: ${error.description}).`,
            )
          : t(
              'Telegram tidak dapat dihubungi: tidak menjawab tepat waktu atau jaringan terputus.',
              'Telegram could not be reached: no answer in time, or the network is down.',
            ),
    };
  }
}

interface Counts {
  pending: number;
  failed: number;
}

export function channelPages(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const cookies = { security: auth.cookieSecurity };

  function refuseNonAdmin(response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    refuse(
      response,
      403,
      t('Tidak berhak', 'Not allowed'),
      t('Halaman saluran hanya untuk admin Dinsos.', 'The channels page is for Dinsos administrators only.'),
      viewer,
    );
  }

  function whatsappWebCard(whatsappWeb: WhatsAppWebStatus | undefined, viewer: Viewer): SafeHtml {
    const t = translator(viewer.language);
    const when = (at: Date) => sessionTime(at, viewer.language, auth.timeZone);
    if (!whatsappWeb) {
      return html`<div class="card channel" id="whatsapp-web">
        <h2>WhatsApp Web</h2>
        <p class="off">${t('Tidak aktif.', 'Not enabled.')}</p>
        <p>
          ${t(
            'Untuk mengaktifkan, isi WHATSAPP_WEB_ENABLED=true di pengaturan layanan (berkas .env) lalu jalankan ulang layanan; kode QR untuk menautkan HP program akan muncul di halaman ini.',
            'To enable it, set WHATSAPP_WEB_ENABLED=true in the service settings (the .env file) and restart the service; the QR code to link the program phone then appears on this page.',
          )}
        </p>
      </div>`;
    }
    const state = whatsappWeb.state();
    const qr = whatsappWeb.currentQr();
    const number = whatsappWeb.connectedNumber();
    const next = state.retryAt ? when(state.retryAt) : undefined;
    const words: Record<ConnectionPhase, string> = {
      standby: t(
        `Siaga: sesi dipegang instans layanan lain${next ? `; dicek lagi ${next}` : ''}.`,
        `Standing by: another instance of the service holds the session${next ? `; checked again ${next}` : ''}.`,
      ),
      starting: t('Sedang membuka WhatsApp Web…', 'Starting WhatsApp Web…'),
      waiting_for_qr: t('Menunggu kode QR dipindai.', 'Waiting for the QR code to be scanned.'),
      authenticated: t(
        'HP sudah menerima; WhatsApp Web memuat percakapan.',
        'The phone accepted; WhatsApp Web is loading the chats.',
      ),
      connected: number
        ? t(`Tersambung sebagai ${maskPhone(`+${number}`)}.`, `Connected as ${maskPhone(`+${number}`)}.`)
        : t('Tersambung.', 'Connected.'),
      disconnected: t(
        `Terputus; menyambung ulang${next ? ` ${next}` : ' segera'}.`,
        `Disconnected; reconnecting${next ? ` ${next}` : ' soon'}.`,
      ),
      logged_out: t(
        'Keluar: HP melepas tautan perangkat ini. Pindai kode QR baru untuk menautkan lagi.',
        'Logged out: the phone unlinked this device. Scan a new QR code to link it again.',
      ),
      stopped: t('Berhenti: layanan sedang dimatikan.', 'Stopped: the service is shutting down.'),
    };
    return html`<div class="card channel" id="whatsapp-web">
      <h2>WhatsApp Web</h2>
      <p class="state ${state.phase}">${words[state.phase]}</p>
      <dl>
        <dt>${t('Sejak', 'Since')}</dt>
        <dd>${when(state.since)}</dd>
        ${
          state.waState
            ? html`<dt>${t('Status WhatsApp', 'WhatsApp state')}</dt>
                <dd>${state.waState}</dd>`
            : ''
        }
        ${
          state.reason
            ? html`<dt>${t('Sebab', 'Reason')}</dt>
                <dd>${state.reason}</dd>`
            : ''
        }
        ${
          state.attempts > 0
            ? html`<dt>${t('Percobaan menyambung', 'Connection attempts')}</dt>
                <dd>${state.attempts}</dd>`
            : ''
        }
      </dl>
      ${
        qr
          ? html`<figure class="qr">
              <img
                src="${WHATSAPP_QR_PATH}"
                width="320"
                height="320"
                alt="${t('Kode QR untuk menautkan WhatsApp Web', 'QR code to link WhatsApp Web')}"
              />
              <figcaption>
                ${t(
                  'Di HP program: buka WhatsApp, Perangkat tertaut, Tautkan perangkat, lalu pindai kode ini. Siapa pun yang memindainya menautkan HP-nya sebagai nomor program: jangan perlihatkan ke orang lain.',
                  'On the program phone: open WhatsApp, Linked devices, Link a device, then scan this code. Whoever scans it links their phone as the program number: do not show it to anyone else.',
                )}
              </figcaption>
            </figure>`
          : ''
      }
    </div>`;
  }

  async function whatsappCloudCard(phoneNumberId: string | undefined, since: Date, viewer: Viewer) {
    const t = translator(viewer.language);
    if (!phoneNumberId) {
      return html`<div class="card channel" id="whatsapp-cloud">
        <h2>WhatsApp Cloud API</h2>
        <p class="off">${t('Tidak aktif.', 'Not enabled.')}</p>
        <p>
          ${t(
            'Untuk mengaktifkan, isi WHATSAPP_CLOUD_TOKEN, WHATSAPP_CLOUD_PHONE_NUMBER_ID, WHATSAPP_CLOUD_APP_SECRET dan WHATSAPP_CLOUD_VERIFY_TOKEN di pengaturan layanan lalu jalankan ulang layanan.',
            'To enable it, set WHATSAPP_CLOUD_TOKEN, WHATSAPP_CLOUD_PHONE_NUMBER_ID, WHATSAPP_CLOUD_APP_SECRET and WHATSAPP_CLOUD_VERIFY_TOKEN in the service settings and restart the service.',
          )}
        </p>
      </div>`;
    }
    const statuses = await models.outbox.aggregate<{ _id: string | null; count: number }>([
      { $match: { channel: 'whatsapp-cloud', deliveryStatusAt: { $gte: since } } },
      { $group: { _id: '$deliveryStatus', count: { $sum: 1 } } },
    ]);
    const count = (status: string) => statuses.find((entry) => entry._id === status)?.count ?? 0;
    return html`<div class="card channel" id="whatsapp-cloud">
      <h2>WhatsApp Cloud API</h2>
      <p class="state connected">${t('Aktif.', 'Enabled.')}</p>
      <dl>
        <dt>${t('ID nomor telepon', 'Phone number ID')}</dt>
        <dd>${phoneNumberId}</dd>
        <dt>${t('Status kiriman 7 hari terakhir', 'Delivery statuses, last 7 days')}</dt>
        <dd class="delivery">
          ${t('terkirim', 'sent')} ${count('sent')} · ${t('sampai', 'delivered')} ${count('delivered')} ·
          ${t('dibaca', 'read')} ${count('read')} · ${t('gagal', 'failed')} ${count('failed')}
        </dd>
      </dl>
    </div>`;
  }

  async function telegramCard(telegram: TelegramStatus | undefined, viewer: Viewer) {
    const t = translator(viewer.language);
    const when = (at: Date) => sessionTime(at, viewer.language, auth.timeZone);
    if (!telegram) {
      return html`<div class="card channel" id="telegram">
        <h2>Telegram</h2>
        <p class="off">${t('Tidak aktif.', 'Not enabled.')}</p>
        <p>
          ${t(
            'Untuk mengaktifkan, isi TELEGRAM_BOT_TOKEN (dari @BotFather) di pengaturan layanan lalu jalankan ulang layanan; untuk mode webhook isi juga TELEGRAM_WEBHOOK_URL dan TELEGRAM_WEBHOOK_SECRET.',
            'To enable it, set TELEGRAM_BOT_TOKEN (from @BotFather) in the service settings and restart the service; for webhook mode also set TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET.',
          )}
        </p>
      </div>`;
    }
    if (telegram.mode === 'polling') {
      return html`<div class="card channel" id="telegram">
        <h2>Telegram</h2>
        <p class="state connected">
          ${t(
            'Aktif, mode long polling: layanan mengambil pesan dari Telegram sendiri.',
            'Enabled, long polling mode: the service fetches messages from Telegram itself.',
          )}
        </p>
      </div>`;
    }
    const reading = await readWebhook(telegram, t);
    if (!reading.ok) {
      return html`<div class="card channel" id="telegram">
        <h2>Telegram</h2>
        <p>${t('Aktif, mode webhook.', 'Enabled, webhook mode.')}</p>
        <p class="state problem" role="alert">${reading.problem}</p>
      </div>`;
    }
    const { info } = reading;
    const matches = telegram.configuredUrl !== undefined && info.url === telegram.configuredUrl;
    return html`<div class="card channel" id="telegram">
      <h2>Telegram</h2>
      <p>${t('Aktif, mode webhook.', 'Enabled, webhook mode.')}</p>
      <dl>
        <dt>${t('Alamat webhook', 'Webhook address')}</dt>
        <dd class="webhook-url">
          ${
            info.url
              ? html`${hideWebhookSecret(info.url)}
                ${matches ? '' : html`<span class="state problem">${t('(berbeda dari pengaturan layanan)', '(not the one the service sets)')}</span>`}`
              : html`<span class="state problem">${t('belum dipasang', 'not set')}</span>`
          }
        </dd>
        <dt>${t('Pembaruan menunggu', 'Pending updates')}</dt>
        <dd class="pending-updates">${info.pending_update_count}</dd>
        <dt>${t('Galat terakhir', 'Last error')}</dt>
        <dd class="last-error">
          ${
            info.last_error_date
              ? html`${when(new Date(info.last_error_date * 1000))}: ${info.last_error_message ?? '—'}`
              : t('tidak ada', 'none')
          }
        </dd>
      </dl>
    </div>`;
  }

  /** What waits (the queue's count) and what failed in the window, by channel, with the latest failures. */
  async function outboxState(since: Date) {
    const [pending, failures] = await Promise.all([
      queuedCountsByChannel(models),
      recentOutboxFailures(models, since),
    ]);
    const counts = new Map<string, Counts>();
    const of = (channel: string) => counts.get(channel) ?? { pending: 0, failed: 0 };
    for (const [channel, count] of pending) counts.set(channel, { ...of(channel), pending: count });
    for (const failure of failures)
      counts.set(failure.channel, { ...of(failure.channel), failed: of(failure.channel).failed + 1 });
    return { counts, failed: failures.slice(0, FAILED_LIST_LIMIT) };
  }

  /** GET /dashboard/saluran: each channel's state, then the outbox's failures with a retry each. */
  async function show(request: Request, response: Response, viewer: Viewer) {
    if (!isAdmin(viewer.account)) return refuseNonAdmin(response, viewer);
    const t = translator(viewer.language);
    const when = (at: Date) => sessionTime(at, viewer.language, auth.timeZone);
    const now = dependencies.clock();
    const since = new Date(now.getTime() - FAILED_WINDOW_MS);
    const channels = dependencies.channels ?? {};
    const [cloud, telegram, { counts, failed }] = await Promise.all([
      whatsappCloudCard(channels.whatsappCloud?.phoneNumberId, since, viewer),
      telegramCard(channels.telegram, viewer),
      outboxState(since),
    ]);
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'outbox.list',
        from: fromOf(request),
        details: { via: 'session', page: 'dashboard', count: failed.length },
      },
      now,
    );
    const phase = channels.whatsappWeb?.state().phase;
    const refreshing = phase !== undefined && REFRESHING_PHASES.has(phase);
    // A header rather than a <meta>: the same reload, with no markup in the shared page head.
    if (refreshing) response.setHeader('Refresh', String(REFRESH_SECONDS));

    const countRows = [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([channel, count]) =>
          html`<tr>
            <td>${channelName(channel)}</td>
            <td>${count.pending}</td>
            <td>${count.failed}</td>
          </tr>`,
      );
    const failedRows = failed.map((entry) => {
      const kind = entry._id.split(':')[0] ?? '';
      return html`<tr>
        <td>${when(entry.failedAt)}</td>
        <td>${channelName(entry.channel)}</td>
        <td>${maskRecipient(entry.chatId)}</td>
        <td class="optional">${kind}${entry._id.includes('>') ? t(' (salinan)', ' (copy)') : ''}</td>
        <td class="reason">${entry.lastError ?? '—'}</td>
        <td class="optional">${entry.attempts ?? 0}</td>
        <td>
          <form method="post" action="${CHANNELS_PATH}/pesan/${encodeURIComponent(entry._id)}/kirim-ulang">
            <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
            <button type="submit" class="secondary">${t('Kirim ulang', 'Send again')}</button>
          </form>
        </td>
      </tr>`;
    });
    const content = html`<h1>${t('Saluran', 'Channels')}</h1>
      <p class="reload">
        <a href="${CHANNELS_PATH}">${t('Muat ulang', 'Reload')}</a>
        ${
          refreshing
            ? t(
                `(halaman ini dimuat ulang sendiri setiap ${REFRESH_SECONDS} detik selama WhatsApp Web menunggu tautan)`,
                `(this page reloads itself every ${REFRESH_SECONDS} seconds while WhatsApp Web waits to be linked)`,
              )
            : ''
        }
      </p>
      <div class="channels">${whatsappWebCard(channels.whatsappWeb, viewer)} ${cloud} ${telegram}</div>
      <h2>${t('Antrean pesan keluar', 'Outgoing message queue')}</h2>
      ${
        countRows.length === 0
          ? html`<p>${t('Tidak ada pesan yang menunggu atau gagal.', 'No messages waiting or failed.')}</p>`
          : html`<table class="outbox-counts">
              <thead>
                <tr>
                  <th>${t('Saluran', 'Channel')}</th>
                  <th>${t('Menunggu', 'Waiting')}</th>
                  <th>${t('Gagal (7 hari)', 'Failed (7 days)')}</th>
                </tr>
              </thead>
              <tbody>
                ${countRows}
              </tbody>
            </table>`
      }
      <h2>${t('Pesan gagal, 7 hari terakhir', 'Failed messages, last 7 days')}</h2>
      ${
        failedRows.length === 0
          ? html`<p class="no-failures">${t('Tidak ada pesan gagal.', 'No failed messages.')}</p>`
          : html`<table class="failed">
              <thead>
                <tr>
                  <th>${t('Waktu', 'When')}</th>
                  <th>${t('Saluran', 'Channel')}</th>
                  <th>${t('Penerima', 'Recipient')}</th>
                  <th class="optional">${t('Jenis', 'Kind')}</th>
                  <th>${t('Sebab', 'Reason')}</th>
                  <th class="optional">${t('Percobaan', 'Attempts')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${failedRows}
              </tbody>
            </table>`
      }`;
    response.send(
      String(page(t('Saluran', 'Channels'), content, viewer, takeFlash(request, response, cookies))),
    );
  }

  /** GET /dashboard/saluran/whatsapp-qr.png: the waiting login code, for the admin's eyes only. */
  async function whatsappQr(request: Request, response: Response, viewer: Viewer) {
    if (!isAdmin(viewer.account)) return refuseNonAdmin(response, viewer);
    const qr = dependencies.channels?.whatsappWeb?.currentQr();
    if (!qr) {
      response.status(404).type('text/plain').send('Tidak ada kode QR yang menunggu / No QR code is waiting');
      return;
    }
    const image = await qrPng(qr);
    // Whoever sees the code can link a phone as the program's number: who looked is recorded.
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'whatsapp.qr',
        from: fromOf(request),
        details: { via: 'session', page: 'dashboard' },
      },
      dependencies.clock(),
    );
    response.type('image/png').send(image);
  }

  /** POST /dashboard/saluran/pesan/:id/kirim-ulang: a failed message back to the queue, once. */
  async function retry(request: Request, response: Response, viewer: Viewer) {
    if (!isAdmin(viewer.account)) return refuseNonAdmin(response, viewer);
    const t = translator(viewer.language);
    // The entry's key (its dedupe key), URL-encoded in the path and decoded by express.
    const id = typeof request.params.id === 'string' ? request.params.id : '';
    const now = dependencies.clock();
    const outcome =
      id !== '' && id.length <= MAX_KEY_LENGTH
        ? await retryFailedOutboxEntry(models, id, now)
        : ({ ok: false, reason: 'not_found' } as const);
    if (outcome.ok) {
      await recordAudit(
        models,
        {
          actor: auditActorOf(viewer.account),
          action: 'outbox.retry',
          target: id,
          from: fromOf(request),
          details: {
            via: 'session',
            page: 'dashboard',
            channel: outcome.channel,
            attempts: outcome.attempts,
            ...(outcome.lastError ? { lastError: outcome.lastError } : {}),
          },
        },
        now,
      );
    }
    const text = outcome.ok
      ? t(
          `Pesan dimasukkan lagi ke antrean ${channelName(outcome.channel)} dan segera dikirim ulang.`,
          `The message is back in the ${channelName(outcome.channel)} queue and will be sent again shortly.`,
        )
      : outcome.reason === 'not_failed'
        ? t(
            'Pesan ini sudah dikirim ulang atau tidak lagi gagal; tidak ada yang diubah.',
            'This message was already sent again or is no longer failed; nothing was changed.',
          )
        : outcome.reason === 'busy'
          ? t(
              'Pesan ini sedang dikirim ulang oleh admin lain atau sedang dikirim; tidak ada yang diubah.',
              'This message is being sent again by another admin, or being sent, right now; nothing was changed.',
            )
          : outcome.reason === 'sent_elsewhere'
            ? t(
                `Pesan ini sudah dikirim lewat ${channelName(outcome.channel)}; tidak dikirim ulang agar tidak diterima dua kali.`,
                `This message already went through ${channelName(outcome.channel)}; it is not sent again, so it is not received twice.`,
              )
            : t('Pesan ini tidak ditemukan.', 'This message was not found.');
    setFlash(request, response, cookies, { kind: outcome.ok ? 'ok' : 'error', text });
    response.redirect(303, CHANNELS_PATH);
  }

  return { show, whatsappQr, retry };
}
