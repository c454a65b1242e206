import type { Update } from 'grammy/types';
import type { Models } from '../../db/models';
import type { InboundMessage } from '../../engine/messages';
import type { Logger } from '../../log';
import { linkTelegramAccount } from './linking';
import type { StoredPhoto } from './photos';
import { readUpdate, TELEGRAM, type TelegramArrival } from './updates';

/** The part of the conversation service a channel uses: store durably, then handle a chat's messages. */
export interface TelegramConversations {
  accept(inbound: InboundMessage): Promise<'accepted' | 'duplicate'>;
  drain(channel: string, chatId: string): Promise<unknown>;
}

export interface TelegramInboxOptions {
  models: Models;
  conversations: TelegramConversations;
  clock: () => Date;
  logger: Logger;
  keepPhoto: (photo: NonNullable<TelegramArrival['photo']>) => Promise<StoredPhoto | undefined>;
  answerCallbackQuery: (id: string) => Promise<unknown>;
  /** Called after a chat's messages were handled: its replies are in the outbox now. */
  afterDrain: () => void;
}

/**
 * Takes Telegram updates in. `receive` returns once the message is stored durably (or throws when it
 * could not be, so that Telegram delivers it again); the handling runs afterwards, so Telegram never
 * waits for the engine.
 */
export class TelegramInbox {
  private readonly draining = new Set<Promise<unknown>>();

  constructor(private readonly options: TelegramInboxOptions) {}

  async receive(update: Update): Promise<'accepted' | 'duplicate' | 'ignored'> {
    const { conversations, clock, logger } = this.options;
    const arrival = readUpdate(update, clock());
    if (!arrival) return 'ignored';
    const { inbound } = arrival;
    if (arrival.ownPhone) await this.link(inbound.chatId, arrival.ownPhone);
    if (arrival.photo) {
      const stored = await this.options.keepPhoto(arrival.photo);
      if (stored) inbound.media = { kind: 'photo', ...stored };
    }
    const status = await conversations.accept(inbound);
    if (arrival.callbackQueryId) {
      this.options
        .answerCallbackQuery(arrival.callbackQueryId)
        .catch((error: unknown) => logger.debug({ err: error }, 'callback query not answered'));
    }
    // Also after a duplicate: its first delivery may have been stored by an instance that stopped
    // before handling it. Draining a chat with nothing waiting costs one query.
    this.drainLater(inbound.chatId);
    return status;
  }

  /** Waits for the handling in progress (at shutdown). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.draining]);
  }

  private drainLater(chatId: string): void {
    const { conversations, logger, afterDrain } = this.options;
    const drain = conversations
      .drain(TELEGRAM, chatId)
      .catch((error: unknown) => logger.error({ err: error }, 'Telegram chat could not be handled'))
      .finally(() => {
        this.draining.delete(drain);
        afterDrain();
      });
    this.draining.add(drain);
  }

  /**
   * In a private chat the chat id is the person's Telegram id, which is what the conversation
   * service looks participants up by. Linking is a convenience: when it fails the message still
   * goes on, and sharing the contact again links.
   */
  private async link(chatId: string, phone: string): Promise<void> {
    try {
      await linkTelegramAccount(this.options.models, chatId, phone, this.options.logger);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'Telegram account could not be linked');
    }
  }
}
