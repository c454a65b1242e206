import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { mongo, type Connection } from 'mongoose';

/** The GridFS bucket of WhatsApp Web sessions, apart from people's photos (`media`). */
export const SESSION_BUCKET = 'whatsapp_sessions';

/** Copies of a session kept: the newest and the one before it, in case the newest is damaged. */
const COPIES_KEPT = 2;

/**
 * The interface RemoteAuth calls (whatsapp-web.js's `Store`): the session of the linked phone,
 * zipped by RemoteAuth, kept in MongoDB's GridFS so a restart or another machine restores it
 * without a new QR code.
 *
 * Our own rather than wwebjs-mongo's, for three reasons: RemoteAuth writes the zip under its
 * `dataPath`, which wwebjs-mongo does not know (it reads the current directory); this one uses the
 * service's own connection rather than mongoose's global one; and it keeps the previous copy when
 * saving, and sets a session aside rather than deleting it when RemoteAuth logs out (a spurious
 * LOGOUT then costs a QR scan, not the only copy).
 */
export class MongoSessionStore {
  constructor(
    private readonly connection: Connection,
    /** RemoteAuth's `dataPath`: `save` finds the zip it just made there. */
    private readonly dataPath: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async sessionExists({ session }: { session: string }): Promise<boolean> {
    return (await this.copiesOf(session)).length > 0;
  }

  /** Stores the zip RemoteAuth made, then drops copies older than the previous one. */
  async save({ session }: { session: string }): Promise<void> {
    const bucket = this.bucket();
    const upload = bucket.openUploadStream(session, { metadata: { savedAt: this.clock() } });
    await pipeline(createReadStream(join(this.dataPath, `${session}.zip`)), upload);
    const copies = await this.copiesOf(session);
    for (const old of copies.slice(COPIES_KEPT)) await bucket.delete(old._id);
  }

  /** Writes the newest copy to `path`, where RemoteAuth unzips it. */
  async extract({ session, path }: { session: string; path: string }): Promise<void> {
    const [newest] = await this.copiesOf(session);
    if (!newest) throw new Error(`no stored WhatsApp Web session ${session}`);
    await pipeline(this.bucket().openDownloadStream(newest._id), createWriteStream(path));
  }

  /**
   * Called by RemoteAuth when the phone logged out: the copies are renamed, not deleted, so that
   * none is restored at the next start (which then asks for a QR code) while staff can still look.
   */
  async delete({ session }: { session: string }): Promise<void> {
    const bucket = this.bucket();
    const setAside = `${session}.logged-out.${this.clock().toISOString()}`;
    for (const copy of await this.copiesOf(session)) await bucket.rename(copy._id, setAside);
  }

  /** The stored copies of a session, newest first. */
  private async copiesOf(session: string) {
    return this.bucket()
      .find({ filename: session }, { projection: { _id: 1, uploadDate: 1 } })
      .sort({ uploadDate: -1, _id: -1 })
      .toArray();
  }

  private bucket(): mongo.GridFSBucket {
    if (!this.connection.db) throw new Error('the database connection is not open');
    return new mongo.GridFSBucket(this.connection.db, { bucketName: SESSION_BUCKET });
  }
}
