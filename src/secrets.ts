import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config';

/**
 * The NIK master key: NIK_ENCRYPTION_KEY when set (required in production). Outside production a
 * key is made once and kept in the data directory, so that `npm start` works on a fresh machine and
 * NIKs stored by one run can be read by the next.
 */
export function resolveNikKey(config: Pick<Config, 'NIK_ENCRYPTION_KEY' | 'NODE_ENV' | 'DATA_DIR'>): {
  key: Buffer;
  source: string;
} {
  if (config.NIK_ENCRYPTION_KEY) return { key: config.NIK_ENCRYPTION_KEY, source: 'NIK_ENCRYPTION_KEY' };
  if (config.NODE_ENV === 'production') throw new Error('NIK_ENCRYPTION_KEY: required in production');
  const directory = join(config.DATA_DIR, 'secrets');
  const file = join(directory, 'nik-encryption.key');
  if (!existsSync(file)) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte hexadecimal key`);
  return { key, source: `development key in ${file}` };
}
