import { mongo, type Connection } from 'mongoose';

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
  const bucket = () => {
    if (!connection.db) throw new Error('the database connection is not open');
    return new mongo.GridFSBucket(connection.db, { bucketName: 'media' });
  };
  return {
    async save(key, bytes, contentType) {
      const media = bucket();
      const existing = await media.find({ filename: key }).limit(1).next();
      if (existing) return String(existing._id);
      // Two deliveries of one message at once may both get here: each stores a copy and the one
      // message that is accepted refers to one of them. Rare, and harmless apart from the bytes.
      const upload = media.openUploadStream(key, { metadata: { contentType } });
      await new Promise<void>((resolve, reject) => {
        upload.once('finish', () => resolve());
        upload.once('error', reject);
        upload.end(bytes);
      });
      return String(upload.id);
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
