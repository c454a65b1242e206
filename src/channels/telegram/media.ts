import { imageTypeOf, readWithin } from '../media';

export { gridFsMediaStore, type MediaStore } from '../../db/media-store';
export { imageTypeOf } from '../media';

/** Photos larger than this are refused before they are downloaded. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Why a photo was not kept. */
export type PhotoRefusal = 'too_large' | 'not_an_image' | 'unavailable';

export type FetchedPhoto =
  { ok: true; bytes: Buffer; contentType: string } | { ok: false; reason: PhotoRefusal };

/**
 * Downloads a file from Telegram's file server, reading at most `maxBytes`. The address is always
 * built from the API root (never taken from a message), and a `file_path` that tries to leave the
 * bot's file folder is refused.
 */
export async function downloadTelegramFile(
  fileUrl: (filePath: string) => string,
  filePath: string | undefined,
  maxBytes: number,
): Promise<FetchedPhoto> {
  if (!filePath || !/^[\w\-./]+$/.test(filePath) || filePath.split('/').includes('..')) {
    return { ok: false, reason: 'unavailable' };
  }
  const response = await fetch(fileUrl(filePath), { redirect: 'error', signal: AbortSignal.timeout(30_000) });
  if (!response.ok || !response.body) return { ok: false, reason: 'unavailable' };
  const bytes = await readWithin(response, maxBytes);
  if (!bytes) return { ok: false, reason: 'too_large' };
  const contentType = imageTypeOf(bytes);
  return contentType ? { ok: true, bytes, contentType } : { ok: false, reason: 'not_an_image' };
}
