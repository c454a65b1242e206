import { z } from 'zod';
import {
  acquireLease,
  releaseLease,
  releaseLeaseAt,
  releaseLeases,
  renewLease,
  type HeldLease,
} from '../../db/leases';
import type { Models } from '../../db/models';
import {
  dequeue,
  dueOutboxEntries,
  markOutboxFailed,
  type QueuedOutboxEntry,
  markOutboxSent,
  queueOnce,
  scheduleOutboxRetry,
  type OutboxMessage,
} from '../../db/outbox';
import type { OutboundMessage } from '../../engine/messages';
import { recordSentOutsideTurn, type SentEntry } from '../../domain/transcripts/store';
import type { Logger } from '../../log';
import type { SendRateLimiter } from './rate-limiter';
import { retry, retryDelayMs } from '../../retry';
import type { SendFailure } from './send-failure';

export interface SenderSettings {
  /** Attempts of an entry that fails with server or network errors before it is marked failed. */
  maxAttempts: number;
  /** The wait after the first failed attempt; it doubles after each further one. */
  baseRetryDelayMs: number;
  maxRetryDelayMs: number;
  /** How often the outbox is looked at when nothing wakes the sender (scheduled messages, other instances). */
  pollIntervalMs: number;
  /**
   * How long an entry stays claimed. After a crash it is what the entry being sent waits before it is
   * sent again (and the chat's later replies with it) by an instance of another machine, so it is kept
   * short: past the channel's lease, which such an instance must take over first (one of the same
   * machine takes both over at once). A send still hanging on a living instance after it (a stalled
   * connection; the clients give up at 30 to 45 s) may then go out twice, once.
   */
  leaseMs: number;
  /**
   * Entries read at once from the queue: a pass reads the channel's due entries once and works
   * through them (its cost, a scan of the queue, spread over all it sends). Bounds what a pass holds
   * in memory, a few hundred bytes an entry.
   */
  batchSize: number;
  /**
   * How long a running sender holds its channel (`sender:<channel>` in `leases`): one instance sends
   * per channel, so that the platform's limits hold however many instances run. Renewed at a third
   * of it while sending; a holder that died is taken over once it has expired, or at once by an
   * instance of the same machine (src/db/leases.ts).
   */
  channelLeaseMs: number;
}

export const SENDER_DEFAULTS: SenderSettings = {
  maxAttempts: 6,
  baseRetryDelayMs: 2000,
  maxRetryDelayMs: 5 * 60_000,
  pollIntervalMs: 1000,
  leaseMs: 20_000,
  batchSize: 100_000,
  channelLeaseMs: 15_000,
};

/** A wait for the channel's own pace up to this long is waited out within a pass. */
const PACE_WAITED_IN_PASS_MS = 5_000;
/** Entries read at once from those that go ahead of bulk sends (more wait for the next look). */
const AHEAD_READ = 200;
/**
 * A bulk entry held back in a pass (a retry, its chat's pace) goes with the next read of the queue.
 * Once it may go, the pass ends for it, but not before it has lasted this long: reads stay rare next
 * to what a pass sends.
 */
const BULK_READ_AGAIN_AFTER_MS = 60_000;
/** Sent entries' leases are released together, this many at a time. */
const LEASES_RELEASED_AT_ONCE = 200;

/** One outbox entry to send, its message checked. */
export interface OutboxDelivery {
  /** The entry's key: its `_id`, the same as its dedupe key. */
  id: string;
  chatId: string;
  dedupeKey: string;
  message: OutboundMessage;
}

/** What the platform confirmed: its own id of the message, when it gives one (status updates name it). */
export interface SendReceipt {
  platformMessageId?: string;
}

export interface OutboxSenderOptions {
  /** The outbox entries of this channel are the ones sent. */
  channel: string;
  /** The platform's name, for the logs. */
  platform: string;
  models: Models;
  /** Sends one entry; resolves once the platform has confirmed it, rejects with what the platform said. */
  send: (delivery: OutboxDelivery) => Promise<SendReceipt | void>;
  /** What an error thrown by `send` means: wait, retry later, or give up. */
  classifyFailure: (error: unknown) => SendFailure;
  clock: () => Date;
  logger: Logger;
  limiter: SendRateLimiter;
  settings?: Partial<SenderSettings>;
}

/**
 * How one entry went: `busy` when another instance holds it, `done` when it was sent meanwhile. A sent
 * entry's lease is handed back to the pass, which releases the leases of all it sent at once.
 */
type Delivery =
  | { outcome: 'sent'; lease?: HeldLease | undefined }
  | { outcome: 'done' | 'busy' | 'failed' }
  /** To be tried again after `waitMs`; `paused` when the platform asked the whole channel to wait. */
  | { outcome: 'waiting' | 'paused'; waitMs: number };

/** What one pass keeps while it goes. */
interface Pass {
  /** When it read the channel's queue (ms). */
  readAt: number;
  /** Keys handled from the queue ahead, which the read of the whole queue may still list. */
  handledAhead: Set<string>;
  /** The leases of entries sent, released together. */
  sentLeases: HeldLease[];
  /** When an entry the last read of the queue ahead passed over may go (ms). */
  aheadReadyAt: number;
  /** How long the platform asked the whole channel to wait. */
  pausedMs?: number;
}

/** One read of entries, worked through in its order. */
interface Lane {
  /** The read of the whole queue, where what waits ahead goes first. */
  bulk: boolean;
  /**
   * Chats that send nothing more from this read, as an entry of theirs went or had to wait (their
   * order), and from when they may.
   */
  heldBack: Map<string, number>;
  /** When the first entry this read passed over may go (ms). */
  readyAt: number;
}

/**
 * Delivers a channel's outbox. Each pass reads the channel's due entries from its queue
 * (`outbox_queue`, only what is still to be sent) once, and works through them in due order, paced by
 * the limiter. Every second and whenever woken (a reply was just queued), it first sends what waits in
 * the small queue ahead (`outbox_ahead`: replies, answers, codes), so that none waits behind a
 * Saturday's reminders. Each entry is claimed with a lease (an insert, so two instances never both
 * send it), read by its key, sent, and marked sent only after the platform confirmed it: a crash in
 * between sends it again rather than never. A chat's entries go one after another in their order; an
 * entry waiting for its retry holds back the ones after it. `retryNotBefore` on an entry (and its copy
 * in the queues) is the time before which it is not tried again, set by whoever held its lease.
 */
export class OutboxSender {
  private readonly settings: SenderSettings;
  private readonly limiter: SendRateLimiter;
  private running: Promise<void> | undefined;
  private stopping = false;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  /** The channel's lease while this instance is the one that sends, and when it was last renewed. */
  private channelLease: { token: string; renewedAt: number } | undefined;
  /** Something was just queued ahead of bulk sends in this process: look before the next bulk send. */
  private aheadQueued = false;
  /** When the queue ahead was last read (ms). */
  private aheadReadAt = 0;

  constructor(private readonly options: OutboxSenderOptions) {
    this.settings = { ...SENDER_DEFAULTS, ...options.settings };
    this.limiter = options.limiter;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /**
   * Finishes the message being sent, then stops; what is left is sent at the next start, or by
   * another instance, which may take the channel over once this one's last second of sending is past.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = undefined;
    await this.handOverChannel().catch((error: unknown) =>
      this.options.logger.warn({ err: error }, `${this.options.platform} sending not handed over`),
    );
  }

  /**
   * Looks at the outbox now rather than at the next poll, and in a pass at what waits ahead before the
   * next bulk send: new replies were just queued.
   */
  wake(): void {
    this.woken = true;
    this.aheadQueued = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let pauseMs = this.settings.pollIntervalMs;
      try {
        // Another instance sends for this channel: this one looks again at the next poll.
        if (await this.holdChannel()) pauseMs = await this.deliverDue();
      } catch (error) {
        this.options.logger.error({ err: error }, `${this.options.platform} outbox pass failed`);
      }
      await this.pause(pauseMs);
    }
  }

  /** Sleeps `milliseconds`, or less when woken or stopped. */
  private async pause(milliseconds: number): Promise<void> {
    if (this.woken || this.stopping) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, milliseconds);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
    this.wakeUp = undefined;
    this.woken = false;
  }

  /**
   * One pass: what waits ahead, then the due entries of the queue, oldest first, with what waits ahead
   * again between them. Returns how long to wait before the next pass: the poll interval, or less when
   * a chat may get its next message sooner.
   */
  async deliverDue(): Promise<number> {
    const { models, clock, channel } = this.options;
    const pass: Pass = { readAt: 0, handledAhead: new Set(), sentLeases: [], aheadReadyAt: Infinity };
    const queue: Lane = { bulk: true, heldBack: new Map(), readyAt: Infinity };
    // Paused by the platform: nothing would go, so neither queue is read.
    const pausedMs = this.limiter.channelWaitFor(clock().getTime());
    if (pausedMs > PACE_WAITED_IN_PASS_MS) return pausedMs;
    try {
      if (await this.deliverAhead(pass)) {
        pass.readAt = clock().getTime();
        const due = await dueOutboxEntries(models, { channel }, clock(), this.settings.batchSize);
        await this.deliverEntries(due, pass, queue);
      }
    } finally {
      await this.releaseSent(pass);
    }
    const readyIn = Math.min(queue.readyAt, pass.aheadReadyAt) - clock().getTime();
    return pass.pausedMs ?? Math.max(Math.min(this.settings.pollIntervalMs, readyIn), 10);
  }

  /** Sends what waits in the queue ahead, in its order; false when the pass is to end. */
  private async deliverAhead(pass: Pass): Promise<boolean> {
    const { models, clock, channel } = this.options;
    this.aheadQueued = false;
    this.aheadReadAt = clock().getTime();
    const due = await dueOutboxEntries(models, { channel, ahead: true }, clock(), AHEAD_READ);
    // Its own order: an entry of the whole queue's read that had to wait holds back no reply.
    const ahead: Lane = { bulk: false, heldBack: new Map(), readyAt: Infinity };
    const goOn = await this.deliverEntries(due, pass, ahead);
    pass.aheadReadyAt = ahead.readyAt;
    return goOn;
  }

  /**
   * Works through `due` in its order; false when the pass is to end (stopped, the channel lost or
   * paused, or, in a long read of the whole queue, an entry passed over may go).
   */
  private async deliverEntries(due: QueuedOutboxEntry[], pass: Pass, lane: Lane): Promise<boolean> {
    const { clock } = this.options;
    for (const entry of due) {
      if (this.stopping) return false;
      if (lane.bulk && pass.handledAhead.has(entry._id)) continue;
      const heldUntil = lane.heldBack.get(entry.chatId);
      if (heldUntil !== undefined) {
        lane.readyAt = Math.min(lane.readyAt, heldUntil);
        continue;
      }
      if (!(await this.awaitTurn(pass, lane.bulk))) return false;
      let now = clock().getTime();
      if (lane.bulk && lane.readyAt <= now && now - pass.readAt >= BULK_READ_AGAIN_AFTER_MS) return false;
      const retryAt = entry.retryNotBefore?.getTime() ?? 0;
      const wait = Math.max(retryAt - now, this.limiter.waitFor(entry.chatId, now));
      if (wait > 0) {
        lane.heldBack.set(entry.chatId, now + wait);
        lane.readyAt = Math.min(lane.readyAt, now + wait);
        continue;
      }
      const delivery = await this.deliver(entry._id);
      now = clock().getTime();
      if (!lane.bulk && delivery.outcome !== 'busy' && delivery.outcome !== 'waiting')
        pass.handledAhead.add(entry._id);
      if (delivery.outcome === 'paused') {
        pass.pausedMs = delivery.waitMs;
        return false;
      }
      if (delivery.outcome === 'waiting') {
        lane.heldBack.set(entry.chatId, now + delivery.waitMs);
        lane.readyAt = Math.min(lane.readyAt, now + delivery.waitMs);
      }
      if (delivery.outcome === 'busy' || delivery.outcome === 'failed') lane.heldBack.set(entry.chatId, now);
      if (delivery.outcome === 'sent') {
        lane.heldBack.set(entry.chatId, now + this.limiter.waitFor(entry.chatId, now));
        if (delivery.lease) pass.sentLeases.push(delivery.lease);
        if (pass.sentLeases.length >= LEASES_RELEASED_AT_ONCE) await this.releaseSent(pass);
      }
    }
    return true;
  }

  /**
   * Waits until the channel may send again, when that is soon; before a bulk send, sends what waits
   * ahead first (every poll interval, or at once when woken). False when the pass is to end. The
   * channel's pace holds every chat alike: waited out here, it lets the pass go on, where holding back
   * every chat would end the pass and read the queue again. A platform's longer pause ends the pass.
   */
  private async awaitTurn(pass: Pass, bulk: boolean): Promise<boolean> {
    const { clock } = this.options;
    for (let lookedAt = NaN; ;) {
      const now = clock().getTime();
      const channelWait = this.limiter.channelWaitFor(now);
      if (channelWait > PACE_WAITED_IN_PASS_MS) {
        pass.pausedMs = channelWait;
        return false;
      }
      // Looked at again after the pause, which a wake cuts short and a timer may end a millisecond
      // before the clock says: an entry held back for what is left would wait for the next read of
      // the queue. Once only when the clock did not move (a test's own).
      if (channelWait > 0 && now !== lookedAt) {
        lookedAt = now;
        await this.pause(channelWait + 1);
        if (this.stopping) return false;
        continue;
      }
      if (this.stopping) return false;
      // A long pass keeps the channel, or stops when it was lost (this instance stalled past its lease).
      if (this.channelLease && !(await this.holdChannel())) return false;
      const aheadDue =
        this.aheadQueued || clock().getTime() - this.aheadReadAt >= this.settings.pollIntervalMs;
      if (!bulk || !aheadDue) return true;
      if (!(await this.deliverAhead(pass))) return false;
    }
  }

  /** Releases the leases of the entries sent (they left the queue, so nobody else claims them). */
  private async releaseSent(pass: Pass): Promise<void> {
    const leases = pass.sentLeases.splice(0);
    await releaseLeases(this.options.models, leases).catch((error: unknown) =>
      this.options.logger.error({ err: error }, `${this.options.platform} leases not released`),
    );
  }

  /**
   * Whether this instance is the one that sends for the channel: takes the lease when it is free (or
   * expired), renews it once a third of it has passed.
   */
  private async holdChannel(): Promise<boolean> {
    const { models, clock, logger, platform } = this.options;
    const key = `sender:${this.options.channel}`;
    const ttl = this.settings.channelLeaseMs;
    const now = clock();
    const held = this.channelLease;
    if (held) {
      if (now.getTime() - held.renewedAt < ttl / 3) return true;
      if (await renewLease(models, key, held.token, now, ttl)) {
        held.renewedAt = now.getTime();
        return true;
      }
      this.channelLease = undefined;
      logger.warn(`${platform}: another instance sends now`);
    }
    const token = await acquireLease(models, key, now, ttl);
    if (!token) return false;
    this.channelLease = { token, renewedAt: now.getTime() };
    return true;
  }

  /**
   * Lets another instance send for the channel: at once when this one sent nothing lately, else once
   * the last second of its sending (or a pause the platform asked for) is over, so that the two
   * together stay within the rate.
   */
  private async handOverChannel(): Promise<void> {
    const held = this.channelLease;
    if (!held) return;
    this.channelLease = undefined;
    const { models, clock } = this.options;
    const key = `sender:${this.options.channel}`;
    const now = clock();
    const quietFrom = this.limiter.quietFrom();
    // Kept past this process's end: the next sender, on this machine too, waits for the quiet.
    if (quietFrom > now.getTime()) await releaseLeaseAt(models, key, held.token, new Date(quietFrom));
    else await releaseLease(models, key, held.token);
  }

  private async deliver(id: string): Promise<Delivery> {
    const { models, clock, logger } = this.options;
    const key = `outbox:${id}`;
    const token = await acquireLease(models, key, clock(), this.settings.leaseMs);
    if (!token) return { outcome: 'busy' };
    let release = true;
    try {
      // Read under the lease: another instance may have sent it since the pass began.
      const entry = await models.outbox.findById(id).lean();
      if (!entry || entry.status !== 'pending') {
        // Sent, failed or cancelled by someone whose own removal from the queue did not happen yet
        // (or never will: a crash in between).
        await dequeue(models, id);
        return { outcome: 'done' };
      }
      const retryInMs = (entry.retryNotBefore?.getTime() ?? 0) - clock().getTime();
      if (retryInMs > 0) return { outcome: 'waiting', waitMs: retryInMs };
      const attempts = (entry.attempts ?? 0) + 1;
      const message = asOutboundMessage(entry.message);
      if (typeof message === 'string') {
        const reason = `the stored message cannot be sent (${message})`;
        logger.error({ outboxId: id }, `${this.options.platform} outbox entry refused: ${reason}`);
        await this.markFailed(id, attempts, reason);
        return { outcome: 'failed' };
      }
      this.limiter.record(entry.chatId, clock().getTime());
      let receipt: SendReceipt | void;
      try {
        receipt = await this.options.send({ id, chatId: entry.chatId, dedupeKey: entry.dedupeKey, message });
      } catch (error) {
        return await this.afterFailure(id, attempts, error);
      }
      const marked = await this.markSent(id, attempts, receipt?.platformMessageId);
      await this.logOutsideTurn(entry, { failed: false });
      // Marked, the pass releases the lease; not marked, it is kept until it expires, so that the
      // message is not sent again at once.
      release = false;
      return { outcome: 'sent', ...(marked ? { lease: { key, token } } : {}) };
    } catch (error) {
      logger.error(
        { err: error, outboxId: id },
        `${this.options.platform} outbox entry could not be handled`,
      );
      return { outcome: 'failed' };
    } finally {
      if (release) await releaseLease(models, key, token).catch(() => undefined);
    }
  }

  private async afterFailure(id: string, attempts: number, error: unknown): Promise<Delivery> {
    const { models, clock, logger, platform } = this.options;
    const failure = this.options.classifyFailure(error);
    const now = clock().getTime();
    if (failure.kind === 'rate_limited') {
      // Flood control about the sender as a whole (Telegram's 429, WhatsApp's throughput) holds every
      // chat, this entry included; a limit about one person (WhatsApp's pair limit) holds that chat.
      const channelWide = failure.scope !== 'chat';
      if (channelWide) this.limiter.pauseUntil(now + failure.retryAfterMs);
      await scheduleOutboxRetry(models, id, {
        retryNotBefore: new Date(now + failure.retryAfterMs),
        lastError: failure.reason,
      });
      logger.warn(
        { retryAfterMs: failure.retryAfterMs, reason: failure.reason },
        `${platform} asked to slow down`,
      );
      return { outcome: channelWide ? 'paused' : 'waiting', waitMs: failure.retryAfterMs };
    }
    if (failure.kind === 'permanent' || attempts >= this.settings.maxAttempts) {
      await this.markFailed(id, attempts, failure.reason);
      logger.warn({ outboxId: id, attempts, reason: failure.reason }, `${platform} message failed`);
      return { outcome: 'failed' };
    }
    const delay = retryDelayMs(attempts, this.settings.baseRetryDelayMs, this.settings.maxRetryDelayMs);
    await scheduleOutboxRetry(models, id, {
      attempts,
      retryNotBefore: new Date(now + delay),
      lastError: failure.reason,
    });
    return { outcome: 'waiting', waitMs: delay };
  }

  /**
   * Gives an entry up. When the person is also reachable on another app (`fallbacks`, in the order
   * they are likely to read it), the message is queued there, once: a person who blocked the Telegram
   * bot still gets their reminder on WhatsApp.
   */
  private async markFailed(id: string, attempts: number, reason: string): Promise<void> {
    const { models, clock, logger } = this.options;
    const entry = await models.outbox
      .findById(id, { dedupeKey: 1, channel: 1, chatId: 1, message: 1, topic: 1, fallbacks: 1 })
      .lean();
    const [next, ...rest] = entry?.fallbacks ?? [];
    if (entry && next) {
      await queueOnce(models, {
        dedupeKey: `${entry.dedupeKey}>${next.channel}`,
        channel: next.channel,
        chatId: next.chatId,
        message: entry.message as OutboxMessage['message'],
        dueAt: clock(),
        fallbacks: rest.map(({ channel, chatId }) => ({ channel, chatId })),
      });
      logger.info({ outboxId: id, channel: next.channel }, 'message failed; sent on the other app');
    }
    await markOutboxFailed(models, id, {
      attempts,
      lastError: next ? `${reason}; dikirim lewat ${next.channel}` : reason,
      channel: this.options.channel,
      chatId: entry?.chatId ?? '',
      at: clock(),
    });
    if (entry) await this.logOutsideTurn(entry, { failed: true });
  }

  /** Keeps a message sent on its own in its chat's transcript; a line lost there loses no message. */
  private async logOutsideTurn(entry: SentEntry, { failed }: { failed: boolean }): Promise<void> {
    const { models, clock, logger } = this.options;
    await recordSentOutsideTurn(models, entry, clock(), { failed }).catch((error: unknown) =>
      logger.warn({ err: error, outboxId: entry._id }, 'a sent message was not added to its transcript'),
    );
  }

  /**
   * Records the confirmed delivery. Returns whether the lease may be released: when the record
   * cannot be written, the lease is kept until it expires, so the message is not sent again at once.
   */
  private async markSent(
    id: string,
    attempts: number,
    platformMessageId: string | undefined,
  ): Promise<boolean> {
    const sent = { attempts, channel: this.options.channel, platformMessageId };
    try {
      await retry(() => markOutboxSent(this.options.models, id, { at: this.options.clock(), ...sent }), {
        attempts: 3,
        waitMs: (attempt) => 200 * attempt,
      });
      return true;
    } catch (error) {
      this.options.logger.error(
        { err: error, outboxId: id },
        `a sent ${this.options.platform} message could not be marked sent`,
      );
      return false;
    }
  }
}

/** What an outbox entry holds, as the engine wrote it; checked because the field is schemaless. */
const storedMessage = z.object({
  text: z.string().refine((text) => text.trim() !== ''),
  choices: z.array(z.object({ id: z.string(), label: z.string(), typed: z.string().optional() })).optional(),
  question: z.string().optional(),
  requestContact: z.boolean().optional(),
  imageUrl: z.string().optional(),
  image: z.object({ mediaId: z.string().regex(/^[0-9a-f]{24}$/), mimeType: z.string() }).optional(),
});

/**
 * An outbox entry's message as stored, or which of its fields make it unsendable (names only: the
 * values may be personal).
 */
function asOutboundMessage(stored: unknown): OutboundMessage | string {
  const parsed = storedMessage.safeParse(stored);
  if (parsed.success) return parsed.data;
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || 'message'}: ${issue.code}`).join(', ');
}
