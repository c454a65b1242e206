/** What a failed send means for the outbox entry, whatever the platform. */
export type SendFailure =
  /**
   * The platform asked to slow down: the entry waits that long and is sent again; it is never
   * dropped, and the wait does not count as an attempt. `scope: 'chat'` when only messages to this
   * person must wait (WhatsApp's pair limit); otherwise every chat of the channel waits.
   */
  | { kind: 'rate_limited'; retryAfterMs: number; reason: string; scope?: 'channel' | 'chat' }
  /** Sending it again cannot work (the person blocked the bot, no template outside the window...). */
  | { kind: 'permanent'; reason: string }
  /** The platform or the network failed this time: worth another try after a while. */
  | { kind: 'transient'; reason: string };
