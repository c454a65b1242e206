import type { Models } from '../../db/models';
import type { Logger } from '../../log';
import type { MediaStore } from '../../db/media-store';
import { OutboxSender, sendInParts, type SendFailure, type SenderSettings } from '../outbox-sender';
import { libraryMedia, type WebClient, type WebMediaFactory } from './client';
import { WHATSAPP_WEB } from './messages';
import { DEFAULT_PACING, PacedLimiter, type Pacing } from './pacing';
import { renderWebText } from './render';

/** Thrown by a send while WhatsApp Web is not connected: the message waits, it is not an attempt. */
export class NotConnectedError extends Error {
  constructor() {
    super('WhatsApp Web is not connected');
    this.name = 'NotConnectedError';
  }
}

export interface WebSenderOptions {
  models: Models;
  clock: () => Date;
  logger: Logger;
  /** The connected client, or undefined while there is none: sending then waits. */
  connectedClient: () => WebClient | undefined;
  pacing?: Pacing;
  /** Draws the jitter; `Math.random` unless a test fixes it. */
  random?: () => number;
  settings?: Partial<SenderSettings>;
  /** Where stored images (a digest's chart) are read from. */
  media: MediaStore;
  /** Makes the library's `MessageMedia` of a photo; the library's own class unless a test gives one. */
  mediaOf?: WebMediaFactory;
}

/**
 * Delivers the WhatsApp Web outbox: the channel-neutral outbox sender (a lease per entry, marked
 * sent only once WhatsApp Web returned the message, retries with backoff), paced like a person, with
 * choices as numbered text. While the client is not connected nothing is sent and nothing is lost:
 * entries stay pending and go out after the reconnection.
 */
export function createWebSender({
  models,
  clock,
  logger,
  connectedClient,
  pacing = DEFAULT_PACING,
  random = Math.random,
  settings,
  media,
  mediaOf = libraryMedia,
}: WebSenderOptions): OutboxSender {
  return new OutboxSender({
    channel: WHATSAPP_WEB,
    platform: 'WhatsApp Web',
    models,
    clock,
    logger,
    limiter: new PacedLimiter(pacing, random),
    ...(settings ? { settings } : {}),
    send: async ({ id, chatId, message }) => {
      const client = connectedClient();
      if (!client) throw new NotConnectedError();
      const image = message.image ? await media.read(message.image.mediaId) : undefined;
      if (message.image && !image) logger.warn({ entryId: String(id) }, 'image to send is gone; text only');
      const sent = await sendInParts(models, id, [
        // A stored image goes first as a photo captioned with the text's first line.
        ...(image
          ? [
              async () =>
                client.sendMessage(
                  chatId,
                  await mediaOf(
                    image.bytes,
                    image.contentType,
                    image.contentType === 'image/png' ? 'gambar.png' : 'foto.jpg',
                  ),
                  { caption: message.text.split('\n', 1)[0] ?? '' },
                ),
            ]
          : []),
        // No link preview: fetching one costs the phone data and time, and shows nothing useful here.
        () => client.sendMessage(chatId, renderWebText(message), { linkPreview: false }),
      ]);
      return { platformMessageId: sent?.id._serialized ?? '' };
    },
    classifyFailure: classifyWebFailure,
  });
}

/**
 * What a failed send means. WhatsApp Web gives no error codes: a lost connection waits without
 * counting as an attempt; anything else (Chromium's page closed mid-send, a number without
 * WhatsApp) is retried with backoff and then marked failed with the library's words.
 */
export function classifyWebFailure(error: unknown): SendFailure {
  if (error instanceof NotConnectedError) {
    return { kind: 'rate_limited', retryAfterMs: 1000, reason: error.message, scope: 'channel' };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { kind: 'transient', reason: reason.slice(0, 300) };
}
