import { SendRateLimiter as OutboxRateLimiter, type SendLimits } from '../outbox-sender/rate-limiter';

export type { SendLimits } from '../outbox-sender/rate-limiter';

/** Telegram answers 429 to bots that send more than about 30 messages a second, or one a second to a chat. */
export const TELEGRAM_LIMITS: SendLimits = { perSecond: 30, perChatIntervalMs: 1000 };

/** The outbox's rate limiter, with Telegram's limits unless told otherwise. */
export class SendRateLimiter extends OutboxRateLimiter {
  constructor(limits: SendLimits = TELEGRAM_LIMITS) {
    super(limits);
  }
}
