import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { maskNik } from './nik';

/** What is stored for a NIK: never the number itself. */
export interface StoredNik {
  /** `v1.<iv>.<tag>.<ciphertext>`, AES-256-GCM, base64url parts. */
  encrypted: string;
  /** HMAC-SHA256 of the NIK, to find a person by NIK without decrypting every record. */
  hash: string;
  masked: string;
}

/**
 * Encrypts NIKs for storage and hashes them for look-ups. Both keys are derived from one master key,
 * so that the lookup hash reveals nothing about the encryption key.
 */
export class NikVault {
  private readonly encryptionKey: Buffer;
  private readonly lookupKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('NIK master key must be 32 bytes');
    this.encryptionKey = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'pendamping nik encryption v1', 32),
    );
    this.lookupKey = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'pendamping nik lookup v1', 32),
    );
  }

  protect(nik: string): StoredNik {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const ciphertext = Buffer.concat([cipher.update(nik, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    const encrypted = ['v1', iv, tag, ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
    return { encrypted, hash: this.lookupHash(nik), masked: maskNik(nik) };
  }

  reveal(encrypted: string): string {
    const [version, iv, tag, ciphertext] = encrypted.split('.');
    if (version !== 'v1' || !iv || !tag || !ciphertext) throw new Error('unknown NIK encryption format');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  lookupHash(nik: string): string {
    return createHmac('sha256', this.lookupKey).update(nik).digest('hex');
  }
}
