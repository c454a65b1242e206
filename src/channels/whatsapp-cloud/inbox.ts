import { inboundRecorded } from '../../db/inbound';
import type { Models } from '../../db/models';
import type { InboundMessage } from '../../engine/messages';
import type { Logger } from '../../log';
import { recordDeliveryStatus } from './delivery-status';
import type { StoredMedia } from './media';
import { readNotification, WHATSAPP_CLOUD, type CloudArrival } from './notifications';

/** The part of the conversation service a channel uses: store durably, then handle a chat's messages. */
export interface CloudConversations {
  accept(inbound: InboundMessage): Promise<'accepted' | 'duplicate'>;
  drain(channel: string, chatId: string): Promise<unknown>;
}

export interface CloudInboxOptions {
  models: Models;
  conversations: CloudConversations;
  /** Only notifications for this number are taken; a business account may have several. */
  phoneNumberId: string;
  logger: Logger;
  keepMedia: (media: NonNullable<CloudArrival['media']>) => Promise<StoredMedia | undefined>;
  /** Called after a chat's messages were handled: its replies are in the outbox now. */
  afterDrain: () => void;
}

export interface Receipt {
  accepted: number;
  duplicates: number;
  statuses: number;
}

/**
 * Takes webhook notifications in. `receive` returns once every message in it is stored durably and
 * every status recorded (or throws, so that the webhook answers 5xx and Meta delivers it again); the
 * handling runs afterwards, so Meta never waits for the engine.
 */
export class CloudInbox {
  private readonly draining = new Set<Promise<unknown>>();

  constructor(private readonly options: CloudInboxOptions) {}

  async receive(body: unknown): Promise<Receipt> {
    const { conversations, logger, phoneNumberId, models } = this.options;
    const notification = readNotification(body, phoneNumberId);
    if (notification.ignored.length > 0)
      logger.debug({ types: notification.ignored }, 'WhatsApp messages ignored');
    const receipt: Receipt = { accepted: 0, duplicates: 0, statuses: 0 };
    const chats = new Set<string>();
    // In the order WhatsApp lists them: a chat's messages are handled oldest first anyway.
    for (const arrival of notification.arrivals) {
      const { inbound } = arrival;
      if (arrival.media && !(await this.alreadyReceived(inbound))) {
        const stored = await this.options.keepMedia(arrival.media);
        if (stored) {
          const { kind, fileId, mimeType, bytes } = stored;
          inbound.media = { kind, fileId, mimeType, bytes };
        }
      }
      const status = await conversations.accept(inbound);
      if (status === 'accepted') receipt.accepted++;
      else receipt.duplicates++;
      chats.add(inbound.chatId);
    }
    for (const update of notification.statuses) {
      if (await recordDeliveryStatus(models, update)) receipt.statuses++;
    }
    // Also after a duplicate: its first delivery may have been stored by an instance that stopped
    // before handling it. Draining a chat with nothing waiting costs one query.
    for (const chatId of chats) this.drainLater(chatId);
    return receipt;
  }

  /** Waits for the handling in progress (at shutdown). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.draining]);
  }

  /** A message delivered again needs no second download: its first delivery was stored with its media. */
  private async alreadyReceived(inbound: InboundMessage): Promise<boolean> {
    return inboundRecorded(this.options.models, WHATSAPP_CLOUD, inbound.platformMessageId);
  }

  private drainLater(chatId: string): void {
    const { conversations, logger, afterDrain } = this.options;
    const drain = conversations
      .drain(WHATSAPP_CLOUD, chatId)
      .catch((error: unknown) => logger.error({ err: error }, 'WhatsApp chat could not be handled'))
      .finally(() => {
        this.draining.delete(drain);
        afterDrain();
      });
    this.draining.add(drain);
  }
}
