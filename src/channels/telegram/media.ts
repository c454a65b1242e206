import { mongo, type Connection } from 'mongoose';

/** Photos larger than this are refused before they are downloaded. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Where received photos are kept. */
export interface MediaStore {
  /**
   * Stores `bytes` under `key` (the platform's lasting id of the file) and returns the stored id;
   * a file already stored under that key is not stored twice.
   */
  save(key: string, bytes: Buffer, contentType: string): Promise<string>;
}

/**
 * Photos in the database's GridFS bucket `media`, so that every instance of the service (and the
 * dashboard later) can read them without shared disks.
 */
export function gridFsMediaStore(connection: Connection): MediaStore {
  const bucket = () => {
    if (!connection.db) throw new Error('the database connection is not open');
    return new mongo.GridFSBucket(connection.db, { bucketName: 'media' });
  };
  return {
    async save(key, bytes, contentType) {
      const media = bucket();
      const existing = await media.find({ filename: key }).limit(1).next();
      if (existing) return String(existing._id);
      // Two deliveries of one update at once may both get here: each stores a copy and the one
      // message that is accepted refers to one of them. Rare, and harmless apart from the bytes.
      const upload = media.openUploadStream(key, { metadata: { contentType } });
      await new Promise<void>((resolve, reject) => {
        upload.once('finish', () => resolve());
        upload.once('error', reject);
        upload.end(bytes);
      });
      return String(upload.id);
    },
  };
}

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
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body.cancel();
    return { ok: false, reason: 'too_large' };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  const contentType = imageTypeOf(bytes);
  return contentType ? { ok: true, bytes, contentType } : { ok: false, reason: 'not_an_image' };
}

/** The image type told by the first bytes, not by a name or a header that anyone can set. */
export function imageTypeOf(bytes: Buffer): string | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  return undefined;
}
