import type { WebhookInfo } from 'grammy/types';
import type { ConnectionPhase, ConnectionState } from '../../channels/whatsapp-web/connection-state';
import { maskPhone } from '../../domain/identity';
import { sessionTime } from '../../domain/sessions/messages';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';

export const CHANNELS_PATH = '/dashboard/saluran';
export const WHATSAPP_QR_PATH = `${CHANNELS_PATH}/whatsapp-qr.png`;
/** WhatsApp shows a new login code about every 20 seconds: the page follows it while one is needed. */
export const REFRESH_SECONDS = 15;

const CHANNEL_NAMES: Record<string, string> = {
  'whatsapp-web': 'WhatsApp Web',
  'whatsapp-cloud': 'WhatsApp Cloud API',
  telegram: 'Telegram',
  simulator: 'Simulator',
};
export const channelName = (channel: string) => CHANNEL_NAMES[channel] ?? channel;

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

/**
 * Telegram's view of the webhook, or why it could not be read: Telegram's own refusal (worth showing)
 * or no answer (a network error's text may hold the bot's address, so it is not kept).
 */
export type WebhookReading =
  { ok: true; info: WebhookInfo } | { ok: false; refused?: { code: number; description: string } };

export interface ChannelsModel {
  timeZone: string;
  /** Absent when the channel is not enabled. */
  whatsappWeb?: { state: ConnectionState; qrWaiting: boolean; number: string | undefined };
  whatsappCloud?: { phoneNumberId: string; statuses: Record<string, number> };
  telegram?: { mode: 'polling' } | { mode: 'webhook'; configuredUrl?: string; reading: WebhookReading };
  /** What waits and what failed in the window, by channel. */
  counts: { channel: string; pending: number; failed: number }[];
  failed: {
    key: string;
    channel: string;
    chatId: string;
    failedAt: Date;
    lastError?: string | undefined;
    attempts?: number | undefined;
  }[];
  /** The page reloads itself while WhatsApp Web waits to be linked. */
  refreshing: boolean;
}

const offCard = (id: string, name: string, how: string, t: Translate) =>
  html`<div class="card channel" id="${id}">
    <h2>${name}</h2>
    <p class="off">${t('Tidak aktif.', 'Not enabled.')}</p>
    <p>${how}</p>
  </div>`;

/** The WhatsApp Web session's phase in words, with when it is tried again where that is known. */
function phaseWords(
  state: ConnectionState,
  number: string | undefined,
  when: (at: Date) => string,
  t: Translate,
): string {
  const next = state.retryAt ? when(state.retryAt) : undefined;
  const words: Record<ConnectionPhase, () => string> = {
    standby: () =>
      t(
        `Siaga: sesi dipegang instans layanan lain${next ? `; dicek lagi ${next}` : ''}.`,
        `Standing by: another instance of the service holds the session${next ? `; checked again ${next}` : ''}.`,
      ),
    starting: () => t('Sedang membuka WhatsApp Web…', 'Starting WhatsApp Web…'),
    waiting_for_qr: () => t('Menunggu kode QR dipindai.', 'Waiting for the QR code to be scanned.'),
    authenticated: () =>
      t(
        'HP sudah menerima; WhatsApp Web memuat percakapan.',
        'The phone accepted; WhatsApp Web is loading the chats.',
      ),
    connected: () =>
      number
        ? t(`Tersambung sebagai ${maskPhone(`+${number}`)}.`, `Connected as ${maskPhone(`+${number}`)}.`)
        : t('Tersambung.', 'Connected.'),
    disconnected: () =>
      t(
        `Terputus; menyambung ulang${next ? ` ${next}` : ' segera'}.`,
        `Disconnected; reconnecting${next ? ` ${next}` : ' soon'}.`,
      ),
    logged_out: () =>
      t(
        'Keluar: HP melepas tautan perangkat ini. Pindai kode QR baru untuk menautkan lagi.',
        'Logged out: the phone unlinked this device. Scan a new QR code to link it again.',
      ),
    stopped: () => t('Berhenti: layanan sedang dimatikan.', 'Stopped: the service is shutting down.'),
  };
  return words[state.phase]();
}

function whatsappWebCard(
  whatsappWeb: ChannelsModel['whatsappWeb'],
  when: (at: Date) => string,
  t: Translate,
): SafeHtml {
  if (!whatsappWeb) {
    return offCard(
      'whatsapp-web',
      'WhatsApp Web',
      t(
        'Untuk mengaktifkan, isi WHATSAPP_WEB_ENABLED=true di pengaturan layanan (berkas .env) lalu jalankan ulang layanan; kode QR untuk menautkan HP program akan muncul di halaman ini.',
        'To enable it, set WHATSAPP_WEB_ENABLED=true in the service settings (the .env file) and restart the service; the QR code to link the program phone then appears on this page.',
      ),
      t,
    );
  }
  const { state } = whatsappWeb;
  const entry = (term: string, value: string | number | undefined) =>
    value
      ? html`<dt>${term}</dt>
          <dd>${value}</dd>`
      : '';
  return html`<div class="card channel" id="whatsapp-web">
    <h2>WhatsApp Web</h2>
    <p class="state ${state.phase}">${phaseWords(state, whatsappWeb.number, when, t)}</p>
    <dl>
      <dt>${t('Sejak', 'Since')}</dt>
      <dd>${when(state.since)}</dd>
      ${entry(t('Status WhatsApp', 'WhatsApp state'), state.waState)}
      ${entry(t('Sebab', 'Reason'), state.reason)}
      ${entry(t('Percobaan menyambung', 'Connection attempts'), state.attempts)}
    </dl>
    ${
      whatsappWeb.qrWaiting
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

function whatsappCloudCard(cloud: ChannelsModel['whatsappCloud'], t: Translate): SafeHtml {
  if (!cloud) {
    return offCard(
      'whatsapp-cloud',
      'WhatsApp Cloud API',
      t(
        'Untuk mengaktifkan, isi WHATSAPP_CLOUD_TOKEN, WHATSAPP_CLOUD_PHONE_NUMBER_ID, WHATSAPP_CLOUD_APP_SECRET dan WHATSAPP_CLOUD_VERIFY_TOKEN di pengaturan layanan lalu jalankan ulang layanan.',
        'To enable it, set WHATSAPP_CLOUD_TOKEN, WHATSAPP_CLOUD_PHONE_NUMBER_ID, WHATSAPP_CLOUD_APP_SECRET and WHATSAPP_CLOUD_VERIFY_TOKEN in the service settings and restart the service.',
      ),
      t,
    );
  }
  const count = (status: string) => cloud.statuses[status] ?? 0;
  return html`<div class="card channel" id="whatsapp-cloud">
    <h2>WhatsApp Cloud API</h2>
    <p class="state connected">${t('Aktif.', 'Enabled.')}</p>
    <dl>
      <dt>${t('ID nomor telepon', 'Phone number ID')}</dt>
      <dd>${cloud.phoneNumberId}</dd>
      <dt>${t('Status kiriman 7 hari terakhir', 'Delivery statuses, last 7 days')}</dt>
      <dd class="delivery">
        ${t('terkirim', 'sent')} ${count('sent')} · ${t('sampai', 'delivered')} ${count('delivered')} ·
        ${t('dibaca', 'read')} ${count('read')} · ${t('gagal', 'failed')} ${count('failed')}
      </dd>
    </dl>
  </div>`;
}

function telegramCard(telegram: ChannelsModel['telegram'], when: (at: Date) => string, t: Translate) {
  if (!telegram) {
    return offCard(
      'telegram',
      'Telegram',
      t(
        'Untuk mengaktifkan, isi TELEGRAM_BOT_TOKEN (dari @BotFather) di pengaturan layanan lalu jalankan ulang layanan; untuk mode webhook isi juga TELEGRAM_WEBHOOK_URL dan TELEGRAM_WEBHOOK_SECRET.',
        'To enable it, set TELEGRAM_BOT_TOKEN (from @BotFather) in the service settings and restart the service; for webhook mode also set TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET.',
      ),
      t,
    );
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
  const { reading } = telegram;
  if (!reading.ok) {
    const { refused } = reading;
    return html`<div class="card channel" id="telegram">
      <h2>Telegram</h2>
      <p>${t('Aktif, mode webhook.', 'Enabled, webhook mode.')}</p>
      <p class="state problem" role="alert">
        ${
          refused
            ? t(
                `Telegram menolak permintaan (${refused.code}: ${refused.description}).`,
                `Telegram refused the request (${refused.code}: ${refused.description}).`,
              )
            : t(
                'Telegram tidak dapat dihubungi: tidak menjawab tepat waktu atau jaringan terputus.',
                'Telegram could not be reached: no answer in time, or the network is down.',
              )
        }
      </p>
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

function countsTable(counts: ChannelsModel['counts'], t: Translate): SafeHtml {
  if (counts.length === 0) {
    return html`<p>${t('Tidak ada pesan yang menunggu atau gagal.', 'No messages waiting or failed.')}</p>`;
  }
  return html`<table class="outbox-counts">
    <thead>
      <tr>
        <th>${t('Saluran', 'Channel')}</th>
        <th>${t('Menunggu', 'Waiting')}</th>
        <th>${t('Gagal (7 hari)', 'Failed (7 days)')}</th>
      </tr>
    </thead>
    <tbody>
      ${counts.map(
        (count) =>
          html`<tr>
            <td>${channelName(count.channel)}</td>
            <td>${count.pending}</td>
            <td>${count.failed}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function failedTable(model: ChannelsModel, when: (at: Date) => string, t: Translate, csrfToken: string) {
  if (model.failed.length === 0) {
    return html`<p class="no-failures">${t('Tidak ada pesan gagal.', 'No failed messages.')}</p>`;
  }
  const rows = model.failed.map((entry) => {
    const kind = entry.key.split(':')[0] ?? '';
    return html`<tr>
      <td>${when(entry.failedAt)}</td>
      <td>${channelName(entry.channel)}</td>
      <td>${maskRecipient(entry.chatId)}</td>
      <td class="optional">${kind}${entry.key.includes('>') ? t(' (salinan)', ' (copy)') : ''}</td>
      <td class="reason">${entry.lastError ?? '—'}</td>
      <td class="optional">${entry.attempts ?? 0}</td>
      <td>
        <form method="post" action="${CHANNELS_PATH}/pesan/${encodeURIComponent(entry.key)}/kirim-ulang">
          <input type="hidden" name="csrf" value="${csrfToken}" />
          <button type="submit" class="secondary">${t('Kirim ulang', 'Send again')}</button>
        </form>
      </td>
    </tr>`;
  });
  return html`<table class="failed">
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
      ${rows}
    </tbody>
  </table>`;
}

/** Each channel's state, then the outbox's counts and its failures with a retry each. */
export function channelsView(model: ChannelsModel, t: Translate, viewer: Viewer): SafeHtml {
  const when = (at: Date) => sessionTime(at, viewer.language, model.timeZone);
  return html`<h1>${t('Saluran', 'Channels')}</h1>
    <p class="reload">
      <a href="${CHANNELS_PATH}">${t('Muat ulang', 'Reload')}</a>
      ${
        model.refreshing
          ? t(
              `(halaman ini dimuat ulang sendiri setiap ${REFRESH_SECONDS} detik selama WhatsApp Web menunggu tautan)`,
              `(this page reloads itself every ${REFRESH_SECONDS} seconds while WhatsApp Web waits to be linked)`,
            )
          : ''
      }
    </p>
    <div class="channels">
      ${whatsappWebCard(model.whatsappWeb, when, t)} ${whatsappCloudCard(model.whatsappCloud, t)}
      ${telegramCard(model.telegram, when, t)}
    </div>
    <h2>${t('Antrean pesan keluar', 'Outgoing message queue')}</h2>
    ${countsTable(model.counts, t)}
    <h2>${t('Pesan gagal, 7 hari terakhir', 'Failed messages, last 7 days')}</h2>
    ${failedTable(model, when, t, viewer.csrfToken)}`;
}
