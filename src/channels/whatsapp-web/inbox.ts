import { retry, retryDelayMs } from '../../retry';
import { ChannelInbox, type InboxHandling } from '../inbox';
import type { WebMessage } from './client';
import type { StoredMedia } from './media';
import { readWebMessage, WHATSAPP_WEB, type QuotedMessage } from './messages';

export interface WebInboxOptions extends InboxHandling {
  keepMedia: (
    message: WebMessage,
    file: { kind: 'photo' | 'voice'; declaredBytes?: number },
  ) => Promise<StoredMedia | undefined>;
  /** The first wait after a failed store; it doubles up to 30 s. */
  retryBaseMs?: number;
  /** The number's chat id (`628…@c.us`) behind a private id (`…@lid`), asked of the connected client. */
  phoneChatOf?: (lid: string) => Promise<string | undefined>;
}

export type Receipt = 'accepted' | 'duplicate' | 'ignored';

/**
 * Takes WhatsApp Web's message events in, one after another in the order they came (a chat's
 * messages are then stored in order). Each is stored first (unique per `id._serialized`, so an
 * event seen twice has one effect) and handled afterwards. WhatsApp Web does not deliver an event
 * again, so one that cannot be stored (the database is away) is tried again until it is, holding
 * back the ones after it, or until the channel stops.
 */
export class WebInbox {
  private readonly inbox: ChannelInbox;
  private tail: Promise<unknown> = Promise.resolve();
  /** Aborted at `settle`: ends the wait before the next try, and the tries, so shutdown is not held up. */
  private stopWaiting = new AbortController();

  constructor(private readonly options: WebInboxOptions) {
    this.inbox = new ChannelInbox({ ...options, channel: WHATSAPP_WEB, app: 'WhatsApp Web' });
  }

  /** Queues a message event; the promise settles once it is stored (or left aside). */
  take(message: WebMessage): Promise<Receipt> {
    const receipt = this.tail.then(() => this.receiveUntilStored(message));
    this.tail = receipt.catch(() => undefined);
    return receipt;
  }

  /** Waits for the messages being stored and handled (at shutdown); no more retries after this. */
  async settle(): Promise<void> {
    this.stopWaiting.abort();
    await this.tail;
    await this.inbox.settle();
  }

  /** Takes messages again after `settle` (the channel started again). */
  resume(): void {
    this.stopWaiting = new AbortController();
  }

  private async receiveUntilStored(message: WebMessage): Promise<Receipt> {
    try {
      return await retry(() => this.receive(message), {
        waitMs: (attempt) => retryDelayMs(attempt, this.options.retryBaseMs ?? 500, 30_000),
        signal: this.stopWaiting.signal,
        onRetry: (error, attempt) =>
          this.options.logger.error({ err: error, attempt }, 'WhatsApp Web message could not be stored'),
      });
    } catch (error) {
      this.options.logger.error({ err: error }, 'WhatsApp Web message lost at shutdown');
      throw error;
    }
  }

  async receive(message: WebMessage): Promise<Receipt> {
    const { logger } = this.options;
    const arrival = readWebMessage(await this.withPhoneChat(message), await quotedIn(message));
    if ('ignored' in arrival) {
      logger.debug({ reason: arrival.ignored }, 'WhatsApp Web message ignored');
      return 'ignored';
    }
    const { inbound } = arrival;
    if (arrival.media && !(await this.inbox.alreadyReceived(inbound))) {
      const stored = await this.options.keepMedia(message, arrival.media);
      if (stored) {
        const { kind, fileId, mimeType, bytes } = stored;
        inbound.media = { kind, fileId, mimeType, bytes };
      }
    }
    const status = await this.inbox.accept(inbound);
    this.inbox.drainLater(inbound.chatId);
    return status;
  }

  /**
   * A sender WhatsApp names by a private id (`…@lid`) is the same person as their number: the chat is
   * taken as the number's, so that they are recognised (participants are found by phone) and answered.
   */
  private async withPhoneChat(message: WebMessage): Promise<WebMessage> {
    // In a group the chat is the group's and the writer is the author.
    const field = message.from.endsWith('@g.us') ? 'author' : 'from';
    const id = message[field];
    if (!id?.endsWith('@lid') || !this.options.phoneChatOf) return message;
    const phoneChat = await this.options.phoneChatOf(id);
    const digits = phoneChat?.replace(/@.*$/, '').replace(/\D/g, '');
    if (!digits) return message;
    // A copy that keeps the library's methods (downloadMedia), which live on the prototype.
    return Object.assign(Object.create(Object.getPrototypeOf(message) as object) as WebMessage, message, {
      [field]: `${digits}@c.us`,
    });
  }
}

/**
 * What a group message replies to, asked of WhatsApp Web (a reply to one of Pendamping's posts is
 * relayed to the complainant). Not asked for people's own chats, where it changes nothing.
 */
async function quotedIn(message: WebMessage): Promise<QuotedMessage | undefined> {
  if (!message.from.endsWith('@g.us') || !message.hasQuotedMsg) return undefined;
  try {
    const quoted = await message.getQuotedMessage();
    return { fromMe: quoted.fromMe, body: quoted.body };
  } catch {
    // A quoted message WhatsApp Web no longer has: taken as a plain group message.
    return undefined;
  }
}
