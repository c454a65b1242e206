import type { Update } from 'grammy/types';
import { ChannelInbox, type InboxHandling } from '../inbox';
import { linkTelegramAccount } from './linking';
import type { StoredPhoto } from './photos';
import { readUpdate, TELEGRAM, type TelegramArrival } from './updates';

export interface TelegramInboxOptions extends InboxHandling {
  clock: () => Date;
  keepPhoto: (photo: NonNullable<TelegramArrival['photo']>) => Promise<StoredPhoto | undefined>;
  answerCallbackQuery: (id: string) => Promise<unknown>;
}

/**
 * Takes Telegram updates in. `receive` returns once the message is stored durably (or throws when it
 * could not be, so that Telegram delivers it again); the handling runs afterwards, so Telegram never
 * waits for the engine.
 */
export class TelegramInbox {
  private readonly inbox: ChannelInbox;

  constructor(private readonly options: TelegramInboxOptions) {
    this.inbox = new ChannelInbox({ ...options, channel: TELEGRAM, app: 'Telegram' });
  }

  async receive(update: Update): Promise<'accepted' | 'duplicate' | 'ignored'> {
    const { clock, logger } = this.options;
    const arrival = readUpdate(update, clock());
    if (!arrival) return 'ignored';
    const { inbound } = arrival;
    if (arrival.ownPhone) await this.link(inbound.chatId, arrival.ownPhone);
    if (arrival.photo) {
      const stored = await this.options.keepPhoto(arrival.photo);
      if (stored) inbound.media = { kind: 'photo', ...stored };
    }
    const status = await this.inbox.accept(inbound);
    if (arrival.callbackQueryId) {
      this.options
        .answerCallbackQuery(arrival.callbackQueryId)
        .catch((error: unknown) => logger.debug({ err: error }, 'callback query not answered'));
    }
    this.inbox.drainLater(inbound.chatId);
    return status;
  }

  /** Waits for the handling in progress (at shutdown). */
  settle(): Promise<void> {
    return this.inbox.settle();
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
