import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { inBothLanguages } from '../i18n';

/**
 * Passwords hashed with scrypt (node's own, no native add-on). The parameters are stored with each
 * hash (`scrypt$N$r$p$salt$hash`), so they can be raised later without invalidating older hashes.
 */
const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // 128 * N * r bytes of memory: 32 MiB at the default, above node's default ceiling of 32 MiB.
    const maxmem = 256 * (options.N ?? COST) * (options.r ?? BLOCK_SIZE);
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `password` matches `stored`; a malformed or absent hash never matches. */
export async function verifyPassword(password: string, stored: string | undefined | null): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  const [scheme, cost, blockSize, parallelism, salt, key] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || !salt || !key) {
    // The same work as a real check, so that the answer's timing does not tell which accounts exist.
    await derive(password, DUMMY_SALT, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
    return false;
  }
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(cost),
    r: Number(blockSize),
    p: Number(parallelism),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const DUMMY_SALT = randomBytes(16);

/** Why a new password is refused, in Indonesian then English, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return inBothLanguages('signIn.passwordTooShort', { length: MIN_PASSWORD_LENGTH });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return inBothLanguages('signIn.passwordTooLong', { length: MAX_PASSWORD_LENGTH });
  }
  return undefined;
}
