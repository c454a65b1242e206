/**
 * Personal data must never reach a log (UU PDP): phone numbers and NIK are masked wherever they
 * appear, in messages and in any field, whatever the field is called; and so are the service's own
 * secrets.
 */

/** 16 digits in a row, possibly grouped by spaces, dots or dashes: a NIK (or a card number). */
const NIK_PATTERN = /(?<!\d)\d{6}[\s.-]?\d{6}[\s.-]?\d{4}(?!\d)/g;

/** Indonesian mobile numbers in the spellings people use: 0812..., +62 812..., 62812..., 812... */
const PHONE_PATTERN = /(?<![\d])(?:\+?62|0)[\s.-]?8\d{1,2}(?:[\s.-]?\d){6,9}(?!\d)/g;

/**
 * A Telegram bot token (`123456789:AA...`), also inside a Bot API address (`/bot<token>/sendMessage`):
 * whoever reads it controls the bot.
 */
const BOT_TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{30,}/g;

export const REDACTED_NIK = '[NIK]';
export const REDACTED_PHONE = '[PHONE]';
export const REDACTED_SECRET = '[SECRET]';

/** The configuration's secrets (tokens, keys, the database's address): masked wherever they appear. */
const secrets = new Set<string>();

/**
 * Adds values that must never reach a log, at start-up. Short ones are left out: masking every
 * "1234" would garble logs, and no secret the configuration accepts is that short.
 */
export function hideSecrets(values: readonly (string | undefined)[]): void {
  for (const value of values) if (value !== undefined && value.length >= 8) secrets.add(value);
}

function redactSecrets(text: string): string {
  let redacted = text.replace(BOT_TOKEN_PATTERN, REDACTED_SECRET);
  for (const secret of secrets) redacted = redacted.split(secret).join(REDACTED_SECRET);
  return redacted;
}

/** Only the NIK: for what a person may read with the phone numbers in it (a mentor's transcript). */
export function redactNik(text: string): string {
  return text.replace(NIK_PATTERN, REDACTED_NIK);
}

export function redactText(text: string): string {
  return redactNik(redactSecrets(text)).replace(PHONE_PATTERN, REDACTED_PHONE);
}

/** Returns a deep copy of a log record with every string redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' && Number.isInteger(value)) {
    const digits = String(Math.abs(value));
    return digits.length >= 10 ? redactText(digits) : value;
  }
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((entry) => redactValue(entry, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redactText(value.message),
      stack: value.stack && redactText(value.stack),
    };
  }
  if (value instanceof Date) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) copy[key] = redactValue(entry, depth + 1);
  return copy;
}
