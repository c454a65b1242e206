import { createHash } from 'node:crypto';
import { mongo, type Connection } from 'mongoose';
import { isDuplicateKey } from './errors';

/** Where received photos and voice notes are kept. */
export interface MediaStore {
  /**
   * Stores `bytes` under `key` (the platform's lasting id of the file) and returns the stored id;
   * a file already stored under that key is not stored twice.
   */
  save(key: string, bytes: Buffer, contentType: string): Promise<string>;
  /** A stored file by its id, or undefined when there is none (an id from elsewhere, a file removed). */
  read(id: string): Promise<{ bytes: Buffer; contentType: string } | undefined>;
}

/**
 * Media in the database's GridFS bucket `media`, so that every instance of the service (and the
 * dashboard later) can read them without shared disks.
 */
export function gridFsMediaStore(connection: Connection): MediaStore {
  let opened: mongo.GridFSBucket | undefined;
  // One bucket per store: the driver checks the bucket's indexes once per bucket, not per file.
  const bucket = () => {
    if (!connection.db) throw new Error('the database connection is not open');
    opened ??= new mongo.GridFSBucket(connection.db, { bucketName: 'media' });
    return opened;
  };
  const stored = async (id: mongo.ObjectId) => (await bucket().find({ _id: id }).limit(1).next()) !== null;
  const upload = (id: mongo.ObjectId, key: string, bytes: Buffer, contentType: string) =>
    new Promise<string>((resolve, reject) => {
      const stream = bucket().openUploadStreamWithId(id, key, { metadata: { contentType } });
      stream.once('finish', () => resolve(String(id)));
      stream.once('error', reject);
      stream.end(bytes);
    });
  return {
    async save(key, bytes, contentType) {
      // The file's id follows from its key, so that it is found by `_id` (a filter on the file name
      // would read every stored file on FerretDB).
      const id = idOfKey(key);
      if (await stored(id)) return String(id);
      try {
        return await upload(id, key, bytes, contentType);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Stored meanwhile by another delivery of the same file; or parts left by an upload that
        // died half-way, in which case this copy goes under an id of its own.
        if (await stored(id)) return String(id);
        return upload(new mongo.ObjectId(), key, bytes, contentType);
      }
    },
    async read(id) {
      if (!mongo.ObjectId.isValid(id)) return undefined;
      const media = bucket();
      const file = await media
        .find({ _id: new mongo.ObjectId(id) })
        .limit(1)
        .next();
      if (!file) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of media.openDownloadStream(file._id)) chunks.push(Buffer.from(chunk as Buffer));
      const contentType = (file.metadata as { contentType?: unknown } | undefined)?.contentType;
      return {
        bytes: Buffer.concat(chunks),
        contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream',
      };
    },
  };
}

/** The stored file's id for a key: the first 12 bytes of the key's SHA-256. */
function idOfKey(key: string): mongo.ObjectId {
  return new mongo.ObjectId(createHash('sha256').update(key).digest().subarray(0, 12));
}
