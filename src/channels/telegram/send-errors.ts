import { GrammyError, HttpError } from 'grammy';

/** What a failed `sendMessage` means for the outbox entry. */
export type SendFailure =
  /** Telegram asked to slow down: the entry waits that long and is sent again; it is never dropped. */
  | { kind: 'rate_limited'; retryAfterMs: number; reason: string }
  /** Sending it again cannot work (the person blocked the bot, the chat does not exist...). */
  | { kind: 'permanent'; reason: string }
  /** Telegram or the network failed this time: worth another try after a while. */
  | { kind: 'transient'; reason: string };

/**
 * Telegram's 400, 403 and 404 answers are about the message or the chat, so they stay the same
 * however often one tries. A 401 is about our token: every message would fail alike, so it is
 * retried like a server error rather than failing a whole queue at once.
 */
const PERMANENT_CODES = new Set([400, 403, 404]);

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

/** Waits 1, 2, 4... times `baseMs` after each failed attempt, never more than `maxMs`. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}
