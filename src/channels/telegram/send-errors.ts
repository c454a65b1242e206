import { GrammyError, HttpError } from 'grammy';
import type { SendFailure } from '../outbox-sender/send-failure';

/**
 * Telegram's 400, 403 and 404 answers are about the message or the chat, so they stay the same
 * however often one tries. A 401 is about our token: every message would fail alike, so it is
 * retried like a server error rather than failing a whole queue at once.
 */
const PERMANENT_CODES = new Set([400, 403, 404]);

/** What a failed `sendMessage` means for the outbox entry. */
export function classifySendFailure(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    const reason = `${error.error_code} ${error.description}`;
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return { kind: 'rate_limited', retryAfterMs: seconds * 1000, reason };
    }
    return PERMANENT_CODES.has(error.error_code)
      ? { kind: 'permanent', reason }
      : { kind: 'transient', reason };
  }
  // grammY's HttpError names the method, never the token (the URL holds it): safe to store.
  if (error instanceof HttpError) return { kind: 'transient', reason: error.message };
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}
