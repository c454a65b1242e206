import type { Logger } from '../../log';
import { type MediaStore } from '../../db/media-store';
import { audioTypeOf, imageTypeOf } from '../media';
import type { GraphApi } from './graph-api';
import type { CloudArrival } from './notifications';

/** Photos and voice notes larger than this are refused, before they are downloaded when WhatsApp states the size. */
export const MAX_MEDIA_BYTES = 5 * 1024 * 1024;

export interface StoredMedia {
  kind: 'photo' | 'voice';
  fileId: string;
  mimeType: string;
  bytes: number;
}

export interface MediaKeeperOptions {
  graph: Pick<GraphApi, 'mediaInfo' | 'download'>;
  media: MediaStore;
  maxBytes: number;
  logger: Logger;
}

/**
 * Keeps the photo or voice note of a message: asks the Graph API where the file is, downloads it
 * within the size limit and stores it, its type read from its first bytes. Returns undefined for a
 * file that is not kept; the message then goes on without it, and the flow asks again where it
 * needs a photo.
 */
export function mediaKeeper({ graph, media, maxBytes, logger }: MediaKeeperOptions) {
  const refuse = (reason: string) => {
    logger.warn({ reason }, 'WhatsApp media not kept');
    return undefined;
  };
  return async (file: NonNullable<CloudArrival['media']>): Promise<StoredMedia | undefined> => {
    try {
      const info = await graph.mediaInfo(file.mediaId);
      if (info.bytes !== undefined && info.bytes > maxBytes) return refuse('too_large');
      const bytes = await graph.download(info.url, maxBytes);
      if (bytes === 'too_large' || bytes === 'unavailable') return refuse(bytes);
      const mimeType = file.kind === 'photo' ? imageTypeOf(bytes) : audioTypeOf(bytes);
      if (!mimeType) return refuse(file.kind === 'photo' ? 'not_an_image' : 'not_audio');
      const fileId = await media.save(`whatsapp-cloud:${file.mediaId}`, bytes, mimeType);
      return { kind: file.kind, fileId, mimeType, bytes: bytes.length };
    } catch (error) {
      logger.warn({ err: error }, 'WhatsApp media could not be downloaded');
      return undefined;
    }
  };
}
