import type { SendFailure } from '../outbox-sender';

/** The Graph API refused a call; `code` is Meta's error code (130429, 131056, 190...). */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly details: string,
  ) {
    super(`${status}${code !== undefined ? ` (#${code})` : ''} ${details}`.trim());
    this.name = 'GraphError';
  }
}

/** A message that must not be sent as it is, decided before calling WhatsApp (outside the 24-hour window). */
export class UnsendableMessage extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnsendableMessage';
  }
}

/** How long to hold off after WhatsApp says the number, or the pair with one person, went too fast. */
export interface RateLimitWaits {
  throughputMs: number;
  pairMs: number;
}

/** The number's throughput (130429), the app's or the business account's call limits (4, 80007). */
const THROUGHPUT_CODES = new Set([4, 80007, 130429]);
/** Too many messages to one person in a short time: only that chat waits. */
const PAIR_RATE_CODE = 131056;
/**
 * Meta's side failing this time (unknown error, service unavailable, temporarily unavailable), and
 * an access token refused (190): every message would fail alike, so it is retried rather than
 * failing a whole queue at once while staff renew the token.
 */
const PASSING_CODES = new Set([1, 2, 190, 131000, 131016, 133004]);

/** What a failed send means for the outbox entry. */
export function classifyGraphFailure(error: unknown, waits: RateLimitWaits): SendFailure {
  if (error instanceof UnsendableMessage) return { kind: 'permanent', reason: error.message };
  if (error instanceof GraphError) {
    const reason = error.message;
    if (error.code === PAIR_RATE_CODE) {
      return { kind: 'rate_limited', scope: 'chat', retryAfterMs: waits.pairMs, reason };
    }
    if ((error.code !== undefined && THROUGHPUT_CODES.has(error.code)) || error.status === 429) {
      return { kind: 'rate_limited', scope: 'channel', retryAfterMs: waits.throughputMs, reason };
    }
    if (
      error.status >= 500 ||
      error.status === 401 ||
      (error.code !== undefined && PASSING_CODES.has(error.code))
    ) {
      return { kind: 'transient', reason };
    }
    if (error.status >= 400) return { kind: 'permanent', reason };
    return { kind: 'transient', reason };
  }
  // fetch's own errors (refused, timed out) name no token: the token travels in a header.
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
}
