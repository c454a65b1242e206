import { ChannelInbox, type InboxHandling } from '../inbox';
import { recordDeliveryStatus } from './delivery-status';
import type { StoredMedia } from './media';
import { readNotification, WHATSAPP_CLOUD, type CloudArrival } from './notifications';

export interface CloudInboxOptions extends InboxHandling {
  /** Only notifications for this number are taken; a business account may have several. */
  phoneNumberId: string;
  keepMedia: (media: NonNullable<CloudArrival['media']>) => Promise<StoredMedia | undefined>;
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
  private readonly inbox: ChannelInbox;

  constructor(private readonly options: CloudInboxOptions) {
    this.inbox = new ChannelInbox({ ...options, channel: WHATSAPP_CLOUD, app: 'WhatsApp' });
  }

  async receive(body: unknown): Promise<Receipt> {
    const { logger, phoneNumberId, models } = this.options;
    const notification = readNotification(body, phoneNumberId);
    if (notification.ignored.length > 0)
      logger.debug({ types: notification.ignored }, 'WhatsApp messages ignored');
    const receipt: Receipt = { accepted: 0, duplicates: 0, statuses: 0 };
    const chats = new Set<string>();
    // In the order WhatsApp lists them: a chat's messages are handled oldest first anyway.
    for (const arrival of notification.arrivals) {
      const { inbound } = arrival;
      if (arrival.media && !(await this.inbox.alreadyReceived(inbound))) {
        const stored = await this.options.keepMedia(arrival.media);
        if (stored) {
          const { kind, fileId, mimeType, bytes } = stored;
          inbound.media = { kind, fileId, mimeType, bytes };
        }
      }
      const status = await this.inbox.accept(inbound);
      if (status === 'accepted') receipt.accepted++;
      else receipt.duplicates++;
      chats.add(inbound.chatId);
    }
    for (const update of notification.statuses) {
      if (await recordDeliveryStatus(models, update)) receipt.statuses++;
    }
    for (const chatId of chats) this.inbox.drainLater(chatId);
    return receipt;
  }

  /** Waits for the handling in progress (at shutdown). */
  settle(): Promise<void> {
    return this.inbox.settle();
  }
}
