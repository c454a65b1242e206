import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

/**
 * Whether a webhook body was signed by Meta: `X-Hub-Signature-256` is `sha256=` and the hex HMAC-SHA256
 * of the body exactly as received (not re-serialised JSON), keyed with the app secret. Compared in
 * constant time, so the header's content cannot be guessed byte by byte.
 */
export function hasValidSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (header === undefined) return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(match[1], 'hex'), expected);
}

/** The signature Meta would send for `rawBody`: for the tests and the Graph API stand-in. */
export function signatureOf(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Whether the verification request carries our verify token. Both sides are hashed first, so the
 * comparison takes the same time whatever was sent, its length included.
 */
export function hasVerifyToken(given: unknown, verifyToken: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(verifyToken));
}
