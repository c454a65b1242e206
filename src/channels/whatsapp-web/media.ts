import type { Logger } from '../../log';
import { type MediaStore } from '../../db/media-store';
import { audioTypeOf, imageTypeOf } from '../media';
import type { WebMessage } from './client';

/** Photos and voice notes larger than this are refused; before the download when WhatsApp states the size. */
export const MAX_MEDIA_BYTES = 5 * 1024 * 1024;

export interface StoredMedia {
  kind: 'photo' | 'voice';
  fileId: string;
  mimeType: string;
  bytes: number;
}

export interface MediaKeeperOptions {
  media: MediaStore;
  maxBytes: number;
  logger: Logger;
}

/**
 * Keeps the photo or voice note of a message: refused when the size WhatsApp states is over the
 * limit (nothing is downloaded then), downloaded through the library (`downloadMedia`, which hands
 * it over as base64), measured again before it is decoded, typed from its first bytes and stored.
 * Returns undefined for a file that is not kept; the message goes on without it, and the flow asks
 * again where it needs a photo.
 */
export function mediaKeeper({ media, maxBytes, logger }: MediaKeeperOptions) {
  const refuse = (reason: string) => {
    logger.warn({ reason }, 'WhatsApp Web media not kept');
    return undefined;
  };
  return async (
    message: Pick<WebMessage, 'id' | 'downloadMedia'>,
    file: { kind: 'photo' | 'voice'; declaredBytes?: number },
  ): Promise<StoredMedia | undefined> => {
    if (file.declaredBytes !== undefined && file.declaredBytes > maxBytes) return refuse('too_large');
    try {
      // Resolves to undefined (despite the typings) when WhatsApp no longer has the file.
      const downloaded: { data?: string } | undefined = await message.downloadMedia();
      const data = downloaded?.data;
      if (!data) return refuse('unavailable');
      if (Math.floor((data.length * 3) / 4) - 2 > maxBytes) return refuse('too_large');
      const bytes = Buffer.from(data, 'base64');
      if (bytes.length > maxBytes) return refuse('too_large');
      const mimeType = file.kind === 'photo' ? imageTypeOf(bytes) : audioTypeOf(bytes);
      if (!mimeType) return refuse(file.kind === 'photo' ? 'not_an_image' : 'not_audio');
      const fileId = await media.save(`whatsapp-web:${message.id._serialized}`, bytes, mimeType);
      return { kind: file.kind, fileId, mimeType, bytes: bytes.length };
    } catch (error) {
      logger.warn({ err: error }, 'WhatsApp Web media could not be downloaded');
      return undefined;
    }
  };
}
