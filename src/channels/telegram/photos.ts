import type { Api } from 'grammy';
import type { Logger } from '../../log';
import { downloadTelegramFile, type MediaStore } from './media';
import type { TelegramArrival } from './updates';

export interface StoredPhoto {
  fileId: string;
  mimeType: string;
  bytes: number;
}

export interface PhotoKeeperOptions {
  api: Api;
  /** The download address of a file: the API root's `/file/bot<token>/<file_path>`. */
  fileUrl: (filePath: string) => string;
  media: MediaStore;
  maxBytes: number;
  logger: Logger;
}

/**
 * Keeps the photo of a message: asks Telegram where the file is, downloads it within the size limit
 * (refused from the sizes Telegram states before anything is downloaded) and stores it. Returns
 * undefined for a photo that is not kept; the message then goes on without it, and the flow asks
 * for a photo again where it needs one.
 */
export function photoKeeper({ api, fileUrl, media, maxBytes, logger }: PhotoKeeperOptions) {
  const refuse = (reason: string) => {
    logger.warn({ reason }, 'Telegram photo not kept');
    return undefined;
  };
  return async (photo: NonNullable<TelegramArrival['photo']>): Promise<StoredPhoto | undefined> => {
    if (photo.bytes !== undefined && photo.bytes > maxBytes) return refuse('too_large');
    try {
      const file = await api.getFile(photo.fileId);
      if (file.file_size !== undefined && file.file_size > maxBytes) return refuse('too_large');
      const fetched = await downloadTelegramFile(fileUrl, file.file_path, maxBytes);
      if (!fetched.ok) return refuse(fetched.reason);
      const fileId = await media.save(`telegram:${photo.fileUniqueId}`, fetched.bytes, fetched.contentType);
      return { fileId, mimeType: fetched.contentType, bytes: fetched.bytes.length };
    } catch (error) {
      logger.warn({ err: error }, 'Telegram photo could not be downloaded');
      return undefined;
    }
  };
}
