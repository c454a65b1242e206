export {
  OutboxSender,
  SENDER_DEFAULTS,
  type OutboxDelivery,
  type OutboxSenderOptions,
  type SendReceipt,
  type SenderSettings,
} from './sender';
export { SendRateLimiter, type SendLimits } from './rate-limiter';
export type { SendFailure } from './send-failure';
export { sendInParts } from './parts';
export { fallbackDedupeKey, retryFailedOutboxEntry, type RetryOutcome } from './retry';
