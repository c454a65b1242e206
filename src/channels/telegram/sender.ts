import type { Models } from '../../db/models';
import type { Logger } from '../../log';
import { OutboxSender, type SenderSettings } from '../outbox-sender';
import { SendRateLimiter } from './rate-limiter';
import { renderReply, type TelegramReply } from './replies';
import { classifySendFailure } from './send-errors';
import { TELEGRAM } from './updates';

export { SENDER_DEFAULTS, type SenderSettings } from '../outbox-sender';

export interface TelegramSenderOptions {
  models: Models;
  /** Sends one entry (`sendMessage`, or `sendPhoto` too); resolves once Telegram has confirmed it. */
  /** `entryId`: the outbox entry's key. */
  send: (chatId: string, reply: TelegramReply, entryId: string) => Promise<void>;
  clock: () => Date;
  logger: Logger;
  limiter?: SendRateLimiter;
  settings?: Partial<SenderSettings>;
}

/**
 * Delivers the Telegram outbox: the channel-neutral outbox sender, with Telegram's rendering (inline
 * buttons, the contact button), its limits and its errors (429 with `retry_after` holds the whole bot).
 */
export class TelegramSender extends OutboxSender {
  constructor({ send, limiter, settings, ...options }: TelegramSenderOptions) {
    super({
      ...options,
      channel: TELEGRAM,
      platform: 'Telegram',
      limiter: limiter ?? new SendRateLimiter(),
      ...(settings ? { settings } : {}),
      send: ({ id, chatId, message }) => send(chatId, renderReply(message), id),
      classifyFailure: classifySendFailure,
    });
  }
}
