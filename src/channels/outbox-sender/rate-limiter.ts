/** How fast a channel may send: platforms refuse (or ban) senders that go faster for long. */
export interface SendLimits {
  /** Messages per second over all chats (Telegram: about 30; WhatsApp Cloud API: 80 per number). */
  perSecond: number;
  /** The least time between two messages to one chat (Telegram: one second; WhatsApp: six). */
  perChatIntervalMs: number;
}

const WINDOW_MS = 1000;
/** Beyond this many remembered chats, the ones idle for longer than the interval are forgotten. */
const CHATS_REMEMBERED = 5000;

/**
 * Paces sending within a platform's limits. Pure: every call is given the time, so tests drive it
 * with a clock of their own. It only answers "how long until this chat may get a message"; the
 * sender records each message it actually sends.
 */
export class SendRateLimiter {
  /** When each message of the last second went out, oldest first. */
  private readonly recent: number[] = [];
  private readonly lastSentTo = new Map<string, number>();
  private pausedUntil = 0;
  private lastRecordedAt = 0;

  constructor(private readonly limits: SendLimits) {}

  /** Milliseconds until a message to `chatId` may be sent; 0 means now. */
  waitFor(chatId: string, now: number): number {
    const last = this.lastSentTo.get(chatId);
    const chat = last === undefined ? 0 : last + this.limits.perChatIntervalMs - now;
    return Math.max(0, this.channelWaitFor(now), chat);
  }

  /** Milliseconds until the channel may send again to anyone (its rate, a platform's pause); 0 means now. */
  channelWaitFor(now: number): number {
    this.forgetBefore(now - WINDOW_MS);
    const paused = this.pausedUntil - now;
    const oldest = this.recent[0];
    const overall =
      this.recent.length >= this.limits.perSecond && oldest !== undefined ? oldest + WINDOW_MS - now : 0;
    return Math.max(0, paused, overall);
  }

  /** Counts a message sent to `chatId` at `now`. */
  record(chatId: string, now: number): void {
    this.recent.push(now);
    this.lastRecordedAt = Math.max(this.lastRecordedAt, now);
    this.lastSentTo.set(chatId, now);
    if (this.lastSentTo.size > CHATS_REMEMBERED) {
      for (const [chat, at] of this.lastSentTo) {
        if (at + this.limits.perChatIntervalMs <= now) this.lastSentTo.delete(chat);
      }
    }
  }

  /** Holds every chat until `until`: what a platform asks when it says the sender goes too fast. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /**
   * When what was sent through this limiter stops counting against the rate (its last second is over)
   * and the platform's pause has ended: another sender starting afresh may go from then on.
   */
  quietFrom(): number {
    return Math.max(this.lastRecordedAt + WINDOW_MS, this.pausedUntil);
  }

  private forgetBefore(time: number): void {
    while (this.recent.length > 0 && (this.recent[0] ?? 0) <= time) this.recent.shift();
  }
}
