import { GrammyError } from 'grammy';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import { retryFailedOutboxEntry } from '../../channels/outbox-sender';
import type { TelegramStatus } from '../../channels/status-source';
import type { ConnectionPhase } from '../../channels/whatsapp-web/connection-state';
import { qrPng } from '../../channels/whatsapp-web/qr';
import type { Models } from '../../db/models';
import { queuedCountsByChannel, recentOutboxFailures } from '../../db/outbox';
import type { ApiDependencies } from '../api/v1/dependencies';
import {
  channelName,
  channelsView,
  CHANNELS_PATH,
  REFRESH_SECONDS,
  type ChannelsModel,
  type WebhookReading,
} from './channels-view';
import type { Translate } from './language';
import { declareAction, declarePage, redirect, refusal, send, show, type Page } from './page';

export { CHANNELS_PATH, hideWebhookSecret, maskRecipient, WHATSAPP_QR_PATH } from './channels-view';

/** Failed messages worth a look: older ones are stale news (last week's reminder) rather than work. */
const FAILED_WINDOW_MS = 7 * 24 * 3_600_000;
const FAILED_LIST_LIMIT = 100;
/** Longer than any key the service makes; a longer path is not an entry. */
const MAX_KEY_LENGTH = 500;
const REFRESHING_PHASES: ReadonlySet<ConnectionPhase> = new Set([
  'starting',
  'waiting_for_qr',
  'authenticated',
  'logged_out',
]);

const refusesNonAdmin = (account: Account) =>
  isAdmin(account)
    ? undefined
    : refusal(
        403,
        (t) => t('Tidak berhak', 'Not allowed'),
        (t) =>
          t(
            'Halaman saluran hanya untuk admin Dinsos.',
            'The channels page is for Dinsos administrators only.',
          ),
      );

async function readWebhook(telegram: TelegramStatus): Promise<WebhookReading> {
  try {
    return { ok: true, info: await telegram.webhookInfo() };
  } catch (error) {
    return error instanceof GrammyError
      ? { ok: false, refused: { code: error.error_code, description: error.description } }
      : { ok: false };
  }
}

/** The Cloud API's delivery statuses reported since then, by status. */
async function cloudStatuses(models: Models, since: Date): Promise<Record<string, number>> {
  const statuses = await models.outbox.aggregate<{ _id: string | null; count: number }>([
    { $match: { channel: 'whatsapp-cloud', deliveryStatusAt: { $gte: since } } },
    { $group: { _id: '$deliveryStatus', count: { $sum: 1 } } },
  ]);
  return Object.fromEntries(statuses.map((entry) => [String(entry._id), entry.count]));
}

/** What waits (the queue's count) and what failed in the window, by channel, with the latest failures. */
async function outboxState(models: Models, since: Date) {
  const [pending, failures] = await Promise.all([
    queuedCountsByChannel(models),
    recentOutboxFailures(models, since),
  ]);
  const counts = new Map<string, { pending: number; failed: number }>();
  const of = (channel: string) => counts.get(channel) ?? { pending: 0, failed: 0 };
  for (const [channel, count] of pending) counts.set(channel, { ...of(channel), pending: count });
  for (const failure of failures)
    counts.set(failure.channel, { ...of(failure.channel), failed: of(failure.channel).failed + 1 });
  return {
    counts: [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([channel, count]) => ({ channel, ...count })),
    failed: failures.slice(0, FAILED_LIST_LIMIT).map((entry) => ({
      key: entry._id,
      channel: entry.channel,
      chatId: entry.chatId,
      failedAt: entry.failedAt,
      lastError: entry.lastError ?? undefined,
      attempts: entry.attempts ?? undefined,
    })),
  };
}

type RetryOutcome = Awaited<ReturnType<typeof retryFailedOutboxEntry>>;

/** What the admin is told after asking for a failed message to be sent again. */
function retryMessage(outcome: RetryOutcome, t: Translate): string {
  if (outcome.ok) {
    return t(
      `Pesan dimasukkan lagi ke antrean ${channelName(outcome.channel)} dan segera dikirim ulang.`,
      `The message is back in the ${channelName(outcome.channel)} queue and will be sent again shortly.`,
    );
  }
  if (outcome.reason === 'not_failed') {
    return t(
      'Pesan ini sudah dikirim ulang atau tidak lagi gagal; tidak ada yang diubah.',
      'This message was already sent again or is no longer failed; nothing was changed.',
    );
  }
  if (outcome.reason === 'busy') {
    return t(
      'Pesan ini sedang dikirim ulang oleh admin lain atau sedang dikirim; tidak ada yang diubah.',
      'This message is being sent again by another admin, or being sent, right now; nothing was changed.',
    );
  }
  if (outcome.reason === 'sent_elsewhere') {
    return t(
      `Pesan ini sudah dikirim lewat ${channelName(outcome.channel)}; tidak dikirim ulang agar tidak diterima dua kali.`,
      `This message already went through ${channelName(outcome.channel)}; it is not sent again, so it is not received twice.`,
    );
  }
  return t('Pesan ini tidak ditemukan.', 'This message was not found.');
}

/** The channels page for Dinsos admins, the WhatsApp login code it shows, and a failed message's retry. */
export function channelPages(dependencies: ApiDependencies): Page[] {
  return [channelsPage(dependencies), whatsappQrImage(dependencies), retryAction(dependencies)];
}

/** GET /dashboard/saluran: each channel's state, then the outbox's failures with a retry each. */
function channelsPage(dependencies: ApiDependencies): Page {
  const { models, auth } = dependencies;
  return declarePage({
    method: 'get',
    path: '/saluran',
    refuses: refusesNonAdmin,
    async load(account, { now, from }) {
      const since = new Date(now.getTime() - FAILED_WINDOW_MS);
      const running = dependencies.channels ?? {};
      const phoneNumberId = running.whatsappCloud?.phoneNumberId;
      const telegram = running.telegram;
      const [statuses, reading, { counts, failed }] = await Promise.all([
        phoneNumberId ? cloudStatuses(models, since) : undefined,
        telegram?.mode === 'webhook' ? readWebhook(telegram) : undefined,
        outboxState(models, since),
      ]);
      await recordAudit(
        models,
        {
          actor: auditActorOf(account),
          action: 'outbox.list',
          from,
          details: { via: 'session', page: 'dashboard', count: failed.length },
        },
        now,
      );
      const whatsappWeb = running.whatsappWeb;
      const state = whatsappWeb?.state();
      const refreshing = state !== undefined && REFRESHING_PHASES.has(state.phase);
      const model: ChannelsModel = {
        timeZone: auth.timeZone,
        counts,
        failed,
        refreshing,
        ...(whatsappWeb && state
          ? {
              whatsappWeb: {
                state,
                qrWaiting: whatsappWeb.currentQr() !== undefined,
                number: whatsappWeb.connectedNumber(),
              },
            }
          : {}),
        ...(phoneNumberId && statuses ? { whatsappCloud: { phoneNumberId, statuses } } : {}),
        ...(telegram
          ? {
              telegram:
                telegram.mode === 'webhook' && reading
                  ? {
                      mode: 'webhook' as const,
                      reading,
                      ...(telegram.configuredUrl !== undefined
                        ? { configuredUrl: telegram.configuredUrl }
                        : {}),
                    }
                  : { mode: 'polling' as const },
            }
          : {}),
      };
      // A header rather than a <meta>: the same reload, with no markup in the shared page head.
      return show(model, 200, refreshing ? { Refresh: String(REFRESH_SECONDS) } : undefined);
    },
    title: (_model, t) => t('Saluran', 'Channels'),
    view: channelsView,
  });
}

/** GET /dashboard/saluran/whatsapp-qr.png: the waiting login code, for the admin's eyes only. */
function whatsappQrImage(dependencies: ApiDependencies): Page {
  const { models } = dependencies;
  return declareAction({
    method: 'get',
    path: '/saluran/whatsapp-qr.png',
    refuses: refusesNonAdmin,
    async load(account, { now, from }) {
      const qr = dependencies.channels?.whatsappWeb?.currentQr();
      if (!qr) {
        return send({
          status: 404,
          type: 'text/plain',
          body: 'Tidak ada kode QR yang menunggu / No QR code is waiting',
        });
      }
      const image = await qrPng(qr);
      // Whoever sees the code can link a phone as the program's number: who looked is recorded.
      await recordAudit(
        models,
        {
          actor: auditActorOf(account),
          action: 'whatsapp.qr',
          from,
          details: { via: 'session', page: 'dashboard' },
        },
        now,
      );
      return send({ type: 'image/png', body: image });
    },
  });
}

/** POST /dashboard/saluran/pesan/{id}/kirim-ulang: a failed message back to the queue, once. */
function retryAction(dependencies: ApiDependencies): Page {
  const { models } = dependencies;
  return declareAction({
    method: 'post',
    path: '/saluran/pesan/{id}/kirim-ulang',
    // The entry's key (its dedupe key), URL-encoded in the path and decoded by express.
    params: z.object({ id: z.string() }),
    refuses: refusesNonAdmin,
    async load(account, { params: { id }, now, from }) {
      const outcome =
        id !== '' && id.length <= MAX_KEY_LENGTH
          ? await retryFailedOutboxEntry(models, id, now)
          : ({ ok: false, reason: 'not_found' } as const);
      if (outcome.ok) {
        await recordAudit(
          models,
          {
            actor: auditActorOf(account),
            action: 'outbox.retry',
            target: id,
            from,
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
      return redirect(CHANNELS_PATH, {
        kind: outcome.ok ? 'ok' : 'error',
        text: (t) => retryMessage(outcome, t),
      });
    },
  });
}
