import { SendRateLimiter } from '../outbox-sender';

export interface Pacing {
  /** The least time between two messages of the number, to anyone. */
  intervalMs: number;
  /** Up to this much more, drawn anew after each message, so the rhythm is not a machine's. */
  jitterMs: number;
}

/** At most one message a second, plus up to half a second drawn at random. */
export const DEFAULT_PACING: Pacing = { intervalMs: 1000, jitterMs: 500 };

/**
 * Paces a WhatsApp Web number like a person typing: one message after another with a varying gap,
 * whoever they go to. WhatsApp bans numbers that send in bursts, and a bulk reminder is the burst
 * to fear. Pure like its parent: the time is given on every call, and `random` is injected, so a
 * test knows every gap.
 */
export class PacedLimiter extends SendRateLimiter {
  private nextAt = 0;

  constructor(
    private readonly pacing: Pacing,
    private readonly random: () => number = Math.random,
  ) {
    // The parent keeps the pause a platform asks for; its own limits are wider than the pacing.
    super({ perSecond: Number.MAX_SAFE_INTEGER, perChatIntervalMs: 0 });
  }

  override channelWaitFor(now: number): number {
    return Math.max(super.channelWaitFor(now), this.nextAt - now);
  }

  override record(chatId: string, now: number): void {
    super.record(chatId, now);
    const jitter = Math.floor(Math.min(Math.max(this.random(), 0), 1) * this.pacing.jitterMs);
    this.nextAt = now + this.pacing.intervalMs + jitter;
  }
}
