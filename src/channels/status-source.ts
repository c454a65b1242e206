import type { Api } from 'grammy';
import type { WebhookInfo } from 'grammy/types';
import type { ConnectionState } from './whatsapp-web/connection-state';

/** What the dashboard reads of the WhatsApp Web session: the channel itself answers all three. */
export interface WhatsAppWebStatus {
  state(): ConnectionState;
  currentQr(): string | undefined;
  connectedNumber(): string | undefined;
}

export interface TelegramStatus {
  mode: 'webhook' | 'polling';
  /** The address this service gives Telegram as its webhook (webhook mode). */
  configuredUrl?: string | undefined;
  /** Telegram's own view of the webhook; rejects when Telegram does not answer in time. */
  webhookInfo(): Promise<WebhookInfo>;
}

/**
 * The running channels as the dashboard's channels page sees them. A channel that is not enabled is
 * absent; only what an admin needs is here (never a token).
 */
export interface ChannelStatusSource {
  whatsappWeb?: WhatsAppWebStatus | undefined;
  whatsappCloud?: { phoneNumberId: string } | undefined;
  telegram?: TelegramStatus | undefined;
}

/** Long enough for Telegram from an Indonesian office line, short enough that the page does not hang. */
export const WEBHOOK_INFO_TIMEOUT_MS = 5_000;

/**
 * Telegram's status through a grammY bot's API. The call is cut off after `timeoutMs`: the page is
 * drawn with "Telegram did not answer" rather than waiting for the client's own (long) timeout.
 */
export function telegramStatus(
  api: Pick<Api, 'getWebhookInfo'>,
  options: { webhookUrl?: string | undefined; timeoutMs?: number } = {},
): TelegramStatus {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_INFO_TIMEOUT_MS;
  return {
    mode: options.webhookUrl ? 'webhook' : 'polling',
    configuredUrl: options.webhookUrl,
    // grammY types its signal after the `abort-controller` shim; Node's own is what it passes to fetch.
    webhookInfo: () =>
      api.getWebhookInfo(AbortSignal.timeout(timeoutMs) as unknown as Parameters<Api['getWebhookInfo']>[0]),
  };
}
