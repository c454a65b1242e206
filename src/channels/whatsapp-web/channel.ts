import { acquireLease, releaseLease, renewLease } from '../../db/leases';
import type { Models } from '../../db/models';
import type { Logger } from '../../log';
import { gridFsMediaStore, type MediaStore } from '../../db/media-store';
import { retryDelayMs } from '../../retry';
import type { SenderSettings } from '../outbox-sender';
import type { WebClient, WebClientFactory } from './client';
import { NOT_CONNECTED_STATES, type ConnectionPhase, type ConnectionState } from './connection-state';
import { WebInbox } from './inbox';
import { MAX_MEDIA_BYTES, mediaKeeper } from './media';
import type { Pacing } from './pacing';
import { printQr } from './qr';
import { createWebSender } from './sender';
import type { InboxConversations } from '../inbox';

/** The lease that makes one instance the owner of the WhatsApp Web session. */
export const SESSION_LEASE = 'whatsapp-web:session';

export interface OwnershipSettings {
  /** How long the lease lasts without renewal: an owner that died is replaced after this. */
  leaseMs: number;
  /** How often the owner renews it, and others look whether it is free. */
  renewEveryMs: number;
}

export interface ReconnectSettings {
  /** The wait before the first new attempt; it doubles after each failed one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Unread messages older than this are left when catching up after a reconnection: an answer days
 * late to "1" or "ya" would only confuse. At most this many per chat are read.
 */
const CATCH_UP_MAX_AGE_S = 3 * 24 * 3_600;
const CATCH_UP_MAX_PER_CHAT = 20;

export const DEFAULT_OWNERSHIP: OwnershipSettings = { leaseMs: 60_000, renewEveryMs: 20_000 };
export const DEFAULT_RECONNECT: ReconnectSettings = { baseDelayMs: 5_000, maxDelayMs: 5 * 60_000 };

export interface WhatsAppWebChannelOptions {
  models: Models;
  conversations: InboxConversations;
  logger: Logger;
  clock: () => Date;
  /** Builds a client per connection: the real whatsapp-web.js one, or a stand-in in tests. */
  createClient: WebClientFactory;
  /** Shows a new login QR code; printed in the terminal by default. */
  showQr?: (qr: string) => void;
  /** Where photos and voice notes go; the database's GridFS bucket `media` by default. */
  media?: MediaStore;
  maxMediaBytes?: number;
  pacing?: Pacing;
  random?: () => number;
  sender?: Partial<SenderSettings>;
  ownership?: Partial<OwnershipSettings>;
  reconnect?: Partial<ReconnectSettings>;
}

export interface WhatsAppWebChannel {
  /** Tries to own the session and connects when it does; never waits for the phone. */
  start(): Promise<void>;
  /** Finishes the message being sent and the chats being handled, closes WhatsApp Web, frees the session. */
  stop(): Promise<void>;
  state(): ConnectionState;
  /** The login QR code while one is waiting to be scanned. */
  currentQr(): string | undefined;
  /** The linked phone's number (digits, as WhatsApp gives it) while connected. */
  connectedNumber(): string | undefined;
}

/**
 * The WhatsApp Web channel: one linked phone driven through whatsapp-web.js. One instance of the
 * service owns the session (a lease in MongoDB) and runs the client; the others stand by. Messages
 * in are stored, then handled; replies go out from the outbox, paced, and only while connected. A
 * lost connection is rebuilt with a new client after a growing wait.
 */
export function createWhatsAppWebChannel(options: WhatsAppWebChannelOptions): WhatsAppWebChannel {
  return new WebChannel(options);
}

class WebChannel implements WhatsAppWebChannel {
  private readonly ownership: OwnershipSettings;
  private readonly reconnect: ReconnectSettings;
  private readonly inbox: WebInbox;
  private readonly sender;
  private current: ConnectionState;
  private client: WebClient | undefined;
  private qr: string | undefined;
  private leaseToken: string | undefined;
  private lastRenewedAt = 0;
  private ownershipTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private checkingOwnership = false;
  /** Starts and stops of the sender, one after another: a start asked during a stop must follow it. */
  private senderControl: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(private readonly options: WhatsAppWebChannelOptions) {
    const { models, clock, logger } = options;
    this.ownership = { ...DEFAULT_OWNERSHIP, ...options.ownership };
    this.reconnect = { ...DEFAULT_RECONNECT, ...options.reconnect };
    this.current = { phase: 'standby', since: clock(), attempts: 0 };
    const media = options.media ?? gridFsMediaStore(models.inboundMessages.db);
    this.sender = createWebSender({
      models,
      media,
      clock,
      logger,
      connectedClient: () => (this.current.phase === 'connected' ? this.client : undefined),
      ...(options.pacing ? { pacing: options.pacing } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(options.sender ? { settings: options.sender } : {}),
    });
    this.inbox = new WebInbox({
      models,
      conversations: options.conversations,
      logger,
      keepMedia: mediaKeeper({
        media,
        maxBytes: options.maxMediaBytes ?? MAX_MEDIA_BYTES,
        logger,
      }),
      afterDrain: () => this.sender.wake(),
      phoneChatOf: async (lid) => {
        const client = this.current.phase === 'connected' ? this.client : undefined;
        return (await client?.getContactLidAndPhone([lid]))?.find((entry) => entry.lid === lid)?.pn;
      },
    });
  }

  state(): ConnectionState {
    return { ...this.current };
  }

  currentQr(): string | undefined {
    return this.qr;
  }

  connectedNumber(): string | undefined {
    return this.current.phase === 'connected' ? this.client?.info?.wid.user : undefined;
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.inbox.resume();
    await this.checkOwnership();
    this.ownershipTimer = setInterval(() => void this.checkOwnership(), this.ownership.renewEveryMs);
    this.ownershipTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.ownershipTimer);
    clearTimeout(this.reconnectTimer);
    await this.setSending(false);
    await this.inbox.settle();
    await this.closeClient();
    this.setPhase('stopped');
    const token = this.leaseToken;
    this.leaseToken = undefined;
    if (token) {
      await releaseLease(this.options.models, SESSION_LEASE, token).catch((error: unknown) =>
        this.options.logger.warn({ err: error }, 'WhatsApp Web session lease not released; it expires'),
      );
    }
  }

  /** Takes the session when it is free, keeps it while this instance runs, lets it go when lost. */
  private async checkOwnership(): Promise<void> {
    if (this.stopping || this.checkingOwnership) return;
    this.checkingOwnership = true;
    const { models, clock, logger } = this.options;
    try {
      if (!this.leaseToken) {
        const token = await acquireLease(models, SESSION_LEASE, clock(), this.ownership.leaseMs);
        if (!token) {
          if (this.current.phase !== 'standby') {
            logger.info('another instance owns the WhatsApp Web session; this one leaves it alone');
          }
          this.setPhase('standby', { retryAt: new Date(clock().getTime() + this.ownership.renewEveryMs) });
          return;
        }
        this.leaseToken = token;
        this.lastRenewedAt = clock().getTime();
        logger.info('this instance owns the WhatsApp Web session');
        void this.connect();
        return;
      }
      if (await renewLease(models, SESSION_LEASE, this.leaseToken, clock(), this.ownership.leaseMs)) {
        this.lastRenewedAt = clock().getTime();
      } else {
        await this.giveUpSession('the session lease was lost');
      }
    } catch (error) {
      logger.error({ err: error }, 'WhatsApp Web session lease could not be checked');
      // Past the lease's end another instance may have taken the session: two clients on one
      // session make WhatsApp close both, so this one steps back.
      if (this.leaseToken && clock().getTime() - this.lastRenewedAt > this.ownership.leaseMs) {
        await this.giveUpSession('the session lease could not be renewed in time');
      }
    } finally {
      this.checkingOwnership = false;
    }
  }

  private async giveUpSession(reason: string): Promise<void> {
    this.options.logger.warn({ reason }, 'WhatsApp Web session given up; standing by');
    this.leaseToken = undefined;
    clearTimeout(this.reconnectTimer);
    await this.closeClient();
    this.setPhase('standby', { reason });
  }

  /** Builds a client and starts it; WhatsApp Web then says through events how it goes. */
  private async connect(): Promise<void> {
    if (this.stopping || !this.leaseToken || this.client) return;
    const attempts = this.current.attempts + 1;
    this.setPhase('starting', { attempts });
    let client: WebClient;
    try {
      client = await this.options.createClient();
    } catch (error) {
      this.options.logger.error({ err: error }, 'WhatsApp Web client could not be created');
      this.scheduleReconnect('client_not_created');
      return;
    }
    this.client = client;
    this.listen(client);
    try {
      await client.initialize();
    } catch (error) {
      if (this.client !== client) return;
      this.options.logger.error({ err: error }, 'WhatsApp Web could not be started');
      await this.closeClient();
      this.scheduleReconnect('initialize_failed');
    }
  }

  private listen(client: WebClient): void {
    const { logger } = this.options;
    // A client that was replaced may still emit while it closes: only the current one counts.
    const current = () => this.client === client && !this.stopping;
    client.on('qr', (qr) => {
      if (!current()) return;
      this.qr = qr;
      this.setPhase('waiting_for_qr');
      logger.info(
        'WhatsApp Web needs a login: scan the QR code (terminal or /admin/whatsapp) with the phone',
      );
      (this.options.showQr ?? printQr)(qr);
    });
    client.on('authenticated', () => {
      if (!current()) return;
      this.qr = undefined;
      this.setPhase('authenticated');
      logger.info('WhatsApp Web authenticated');
    });
    client.on('auth_failure', (message) => {
      if (!current()) return;
      logger.error({ reason: message }, 'WhatsApp Web refused the stored session');
      void this.dropConnection('auth_failure');
    });
    client.on('ready', () => {
      if (!current()) return;
      this.qr = undefined;
      clearTimeout(this.reconnectTimer);
      this.setPhase('connected', { attempts: 0, waState: 'CONNECTED' });
      logger.info('WhatsApp Web connected');
      void this.setSending(true);
      void this.catchUp(client);
    });
    client.on('change_state', (state) => {
      if (!current()) return;
      this.current = { ...this.current, waState: state };
      if (state === 'CONNECTED' && this.current.phase === 'disconnected') {
        clearTimeout(this.reconnectTimer);
        this.setPhase('connected', { attempts: 0, waState: state });
        logger.info('WhatsApp Web connected again');
        void this.setSending(true);
      } else if (NOT_CONNECTED_STATES.has(state) && this.current.phase === 'connected') {
        // Often passing (TIMEOUT while the phone is offline): sending waits, and a new client is
        // built only when the connection has not come back by the time the reconnection is due.
        logger.warn({ waState: state }, 'WhatsApp Web lost its connection; sending waits');
        this.setPhase('disconnected', { reason: state, waState: state });
        void this.setSending(false);
        this.scheduleReconnect(state, { keepClient: true });
      } else {
        logger.info({ waState: state }, 'WhatsApp Web state changed');
      }
    });
    client.on('disconnected', (reason) => {
      if (!current()) return;
      if (reason === 'LOGOUT') {
        // Final: the phone unlinked this device. No retry loop; one new client shows a new QR code.
        logger.error('WhatsApp Web was logged out from the phone: scan a new QR code at /admin/whatsapp');
        void this.dropConnection('LOGOUT', 'logged_out');
        return;
      }
      logger.warn({ reason }, 'WhatsApp Web disconnected');
      void this.dropConnection(reason);
    });
    client.on('message', (message) => {
      if (!current()) return;
      this.inbox.take(message).catch(() => undefined);
    });
  }

  /**
   * WhatsApp Web gives no message events for what came while no client was connected (Chromium
   * restarted, the service was down): once connected, the unread messages of each person's chat are
   * taken in like any other. Those already stored are duplicates, so nothing is answered twice.
   */
  private async catchUp(client: WebClient): Promise<void> {
    const { logger, clock } = this.options;
    const oldest = clock().getTime() / 1000 - CATCH_UP_MAX_AGE_S;
    let taken = 0;
    try {
      for (const chat of await client.getChats()) {
        if (this.client !== client || this.stopping) return;
        // Groups too: a staff group's commands and replies to posts are taken, its members' talk is not.
        if (chat.unreadCount <= 0) continue;
        const unread = await chat.fetchMessages({
          limit: Math.min(chat.unreadCount, CATCH_UP_MAX_PER_CHAT),
          fromMe: false,
        });
        for (const message of unread.filter((candidate) => candidate.timestamp >= oldest)) {
          if ((await this.inbox.take(message).catch(() => 'ignored')) === 'accepted') taken += 1;
        }
      }
    } catch (error) {
      logger.warn({ err: error }, 'WhatsApp Web unread messages could not be read; they wait for a new one');
    }
    if (taken > 0) logger.info({ messages: taken }, 'WhatsApp Web took in messages that came while away');
  }

  /** Closes the client and builds a new one after the backoff. */
  private async dropConnection(reason: string, phase: ConnectionPhase = 'disconnected'): Promise<void> {
    this.setPhase(phase, { reason });
    await this.closeClient();
    this.scheduleReconnect(reason);
  }

  private scheduleReconnect(reason: string, { keepClient = false } = {}): void {
    if (this.stopping || !this.leaseToken) return;
    clearTimeout(this.reconnectTimer);
    const waitMs = retryDelayMs(
      Math.max(1, this.current.attempts),
      this.reconnect.baseDelayMs,
      this.reconnect.maxDelayMs,
    );
    const retryAt = new Date(this.options.clock().getTime() + waitMs);
    if (this.current.phase !== 'logged_out') this.setPhase('disconnected', { reason, retryAt });
    else this.current = { ...this.current, retryAt };
    this.options.logger.info({ reason, waitMs }, 'WhatsApp Web reconnects after a wait');
    this.reconnectTimer = setTimeout(() => {
      void (async () => {
        if (keepClient) {
          if (this.current.phase === 'connected') return;
          await this.closeClient();
        }
        await this.connect();
      })();
    }, waitMs);
    this.reconnectTimer.unref();
  }

  /** Stops sending (the message in flight finishes) and closes Chromium. */
  private async closeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.qr = undefined;
    await this.setSending(false);
    if (!client) return;
    try {
      await client.destroy();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'WhatsApp Web client did not close cleanly');
    }
  }

  private setSending(on: boolean): Promise<void> {
    this.senderControl = this.senderControl
      .then(async () => {
        if (!on) return this.sender.stop();
        this.sender.start();
        this.sender.wake();
      })
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'WhatsApp Web sender failed'));
    return this.senderControl;
  }

  private setPhase(phase: ConnectionPhase, details: Partial<Omit<ConnectionState, 'phase' | 'since'>> = {}) {
    const { waState, attempts } = this.current;
    const changed = phase !== this.current.phase;
    this.current = {
      phase,
      since: changed ? this.options.clock() : this.current.since,
      attempts,
      ...(waState ? { waState } : {}),
      ...details,
    };
    if (changed) this.options.logger.info({ whatsappWeb: phase }, `WhatsApp Web: ${phase}`);
  }
}
