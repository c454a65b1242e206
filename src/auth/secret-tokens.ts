import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random 256-bit secret, URL-safe; `prefix` tells a reader of a leaked log line what it is. */
export function newSecretToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * What is stored of a session id or an API token: SHA-256 suffices (no salt, no stretching) because the
 * secret is 256 random bits, not something a person chose.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
