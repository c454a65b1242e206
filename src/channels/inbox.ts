import { inboundRecorded } from '../db/inbound';
import type { Models } from '../db/models';
import type { InboundMessage } from '../engine/messages';
import type { Logger } from '../log';

/** The part of the conversation service a channel uses: store durably, then handle a chat's messages. */
export interface InboxConversations {
  accept(inbound: InboundMessage): Promise<'accepted' | 'duplicate'>;
  drain(channel: string, chatId: string): Promise<unknown>;
}

/** What a channel's own inbox is given to store and handle its messages with. */
export interface InboxHandling {
  models: Models;
  conversations: InboxConversations;
  logger: Logger;
  /** Called after a chat's messages were handled: its replies are in the outbox now. */
  afterDrain: () => void;
}

export interface ChannelInboxOptions extends InboxHandling {
  /** The channel's name in inbound messages (`telegram`). */
  channel: string;
  /** The app as the log names it (`Telegram`). */
  app: string;
}

/**
 * What every channel does with a message it read: `accept` stores it durably (what the platform
 * waits for), `drainLater` handles its chat afterwards, so the platform never waits for the engine,
 * and `settle` waits for the handling in progress (at shutdown).
 */
export class ChannelInbox {
  private readonly draining = new Set<Promise<unknown>>();

  constructor(private readonly options: ChannelInboxOptions) {}

  accept(inbound: InboundMessage): Promise<'accepted' | 'duplicate'> {
    return this.options.conversations.accept(inbound);
  }

  /** A message delivered again needs no second download: its first delivery was stored with its media. */
  alreadyReceived(inbound: InboundMessage): Promise<boolean> {
    return inboundRecorded(this.options.models, this.options.channel, inbound.platformMessageId);
  }

  /**
   * Handles the chat's waiting messages in the background. Also after a duplicate: its first delivery
   * may have been stored by an instance that stopped before handling it. Draining a chat with nothing
   * waiting costs one query.
   */
  drainLater(chatId: string): void {
    const { conversations, channel, app, logger, afterDrain } = this.options;
    const drain = conversations
      .drain(channel, chatId)
      .catch((error: unknown) => logger.error({ err: error }, `${app} chat could not be handled`))
      .finally(() => {
        this.draining.delete(drain);
        afterDrain();
      });
    this.draining.add(drain);
  }

  /** Waits for the handling in progress (at shutdown). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.draining]);
  }
}
