import { existsSync } from 'node:fs';
import { z } from 'zod';
import { INDONESIAN_HOLIDAYS_2026 } from './domain/complaints/working-days';
import { parseQuietHours } from './scheduler/quiet-hours';
import { parseWeeklyTime } from './scheduler/weekly-time';
import { parseDailyTime } from './scheduler/daily-time';

/**
 * The whole environment of the service, validated once at start-up. Every variable is documented in
 * `.env.example`; the table in docs/configuration.md mirrors it.
 */

/** Variables whose values must never appear in an error message or a log. */
const SECRET_VARIABLES = new Set([
  'NIK_ENCRYPTION_KEY',
  'MONGODB_URI',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'WHATSAPP_CLOUD_TOKEN',
  'WHATSAPP_CLOUD_APP_SECRET',
  'WHATSAPP_CLOUD_VERIFY_TOKEN',
  'WHATSAPP_WEB_ADMIN_TOKEN',
]);

/** The values of the secret variables that are set, for the log's redactor. */
export function secretValuesOf(config: Config): string[] {
  return Object.entries(config)
    .filter(([variable, value]) => SECRET_VARIABLES.has(variable) && typeof value === 'string')
    .map(([, value]) => value as string);
}

/** The WhatsApp Cloud API needs all four, or none (the channel is then off). */
export const WHATSAPP_CLOUD_REQUIRED = [
  'WHATSAPP_CLOUD_TOKEN',
  'WHATSAPP_CLOUD_PHONE_NUMBER_ID',
  'WHATSAPP_CLOUD_APP_SECRET',
  'WHATSAPP_CLOUD_VERIFY_TOKEN',
] as const;

const port = z.coerce
  .number({ error: 'expected an integer 1..65535' })
  .int({ error: 'expected an integer 1..65535' })
  .min(1, { error: 'expected an integer 1..65535' })
  .max(65535, { error: 'expected an integer 1..65535' });

/** A 32-byte key given as 64 hexadecimal characters or as base64. */
const encryptionKey = z.string().transform((text, ctx) => {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (bytes.length !== 32) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected 32 bytes, as 64 hexadecimal characters or base64 (openssl rand -hex 32)',
    });
    return z.NEVER;
  }
  return bytes;
});

/** An empty variable (`FOO=` in .env) means the same as an absent one. */
const blankAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );

const optionalPath = blankAsUnset(z.string().trim());

const httpAddress = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, { error: 'expected an http(s) address' });

/** A message template's name as WhatsApp Manager shows it: lower-case letters, digits and _. */
const templateName = blankAsUnset(
  z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, { error: 'expected a template name: lower-case letters, digits and _' }),
);

const booleanFlag = z
  .enum(['true', 'false'], { error: 'expected true or false' })
  .transform((value) => value === 'true');

const weeklyTime = z.string().transform((text, ctx) => {
  const at = parseWeeklyTime(text);
  if (!at) {
    ctx.addIssue({ code: 'custom', message: 'expected a weekday and a time, for example saturday 16:00' });
    return z.NEVER;
  }
  return at;
});

function weeklyTimeOrThrow(text: string) {
  const at = parseWeeklyTime(text);
  if (!at) throw new Error(`bad default ${text}`);
  return at;
}

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGODB_URI: blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^mongodb(\+srv)?:\/\//, { error: 'expected a URI starting with mongodb:// or mongodb+srv://' }),
  ),
  EMBEDDED_DB: z.enum(['auto', 'mongod', 'memory-server', 'ferretdb']).default('auto'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  MONGOD_BINARY: optionalPath,
  FERRETDB_BINARY: optionalPath,
  NIK_ENCRYPTION_KEY: blankAsUnset(encryptionKey),
  FLOWS_DIR: z.string().trim().min(1).default('./flows'),
  CONVERSATION_IDLE_MINUTES: z.coerce
    .number({ error: 'expected a whole number of minutes' })
    .int({ error: 'expected a whole number of minutes' })
    .min(1, { error: 'expected a whole number of minutes' })
    .default(24 * 60),
  SIMULATOR_ENABLED: booleanFlag.optional(),
  WEEKLY_REMINDER_AT: weeklyTime.default(() => weeklyTimeOrThrow('saturday 16:00')),
  MENTOR_DIGEST_AT: weeklyTime.default(() => weeklyTimeOrThrow('monday 07:00')),
  SAVINGS_NUDGE_AT: weeklyTime.default(() => weeklyTimeOrThrow('wednesday 10:00')),
  STAFF_DIGEST_AT: z
    .string()
    .transform((text, ctx) => {
      const at = parseDailyTime(text);
      if (!at) {
        ctx.addIssue({ code: 'custom', message: 'expected HH:MM, for example 07:30' });
        return z.NEVER;
      }
      return at;
    })
    .default({ hour: 7, minute: 30 }),
  QUIET_HOURS: z
    .string()
    .transform((text, ctx) => {
      const quiet = parseQuietHours(text);
      if (!quiet) {
        ctx.addIssue({ code: 'custom', message: 'expected HH:MM-HH:MM, for example 21:00-07:00' });
        return z.NEVER;
      }
      return quiet;
    })
    .default({ start: 21 * 60, end: 7 * 60 }),
  REMIND_OUTSIDE_MENTORING_WINDOW: booleanFlag.default(false),
  PUBLIC_HOLIDAYS: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .string()
      .transform((text, ctx) => {
        const dates = text
          .split(',')
          .map((date) => date.trim())
          .filter(Boolean);
        const bad = dates.find((date) => !isCalendarDate(date));
        if (bad) {
          ctx.addIssue({
            code: 'custom',
            message: `${bad} is not a date; expected YYYY-MM-DD,YYYY-MM-DD,...`,
          });
          return z.NEVER;
        }
        return dates;
      })
      .default([...INDONESIAN_HOLIDAYS_2026]),
  ),
  SCHEDULER_ENABLED: booleanFlag.default(true),
  MESSAGE_RETENTION_MONTHS: z.coerce
    .number({ error: 'expected a whole number of months, 0 to keep messages for good' })
    .int({ error: 'expected a whole number of months, 0 to keep messages for good' })
    .min(0, { error: 'expected a whole number of months, 0 to keep messages for good' })
    .max(1200, { error: 'expected a whole number of months, 0 to keep messages for good' })
    .default(24),
  TELEGRAM_BOT_TOKEN: blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^\d+:[A-Za-z0-9_-]{30,}$/, {
        error: 'expected the token from @BotFather, like 123456789:AA...',
      }),
  ),
  TELEGRAM_API_ROOT: httpAddress.default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^https:\/\/\S+\/telegram\/webhook$/, {
        error: 'expected the public https address ending in /telegram/webhook',
      }),
  ),
  TELEGRAM_WEBHOOK_SECRET: blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, {
        error: 'expected 16 to 256 letters, digits, _ or - (openssl rand -hex 32)',
      }),
  ),
  WHATSAPP_CLOUD_TOKEN: blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^\S{20,}$/, {
        error: 'expected the access token of a system user (a long text without spaces)',
      }),
  ),
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^\d{5,30}$/, {
        error: 'expected the phone number ID from WhatsApp Manager (digits, not the number)',
      }),
  ),
  WHATSAPP_CLOUD_APP_SECRET: blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^\S{16,}$/, { error: 'expected the app secret from the app dashboard (Settings, Basic)' }),
  ),
  WHATSAPP_CLOUD_VERIFY_TOKEN: blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._~-]{16,256}$/, {
        error: 'expected 16 to 256 letters, digits, . _ ~ or - (openssl rand -hex 32)',
      }),
  ),
  WHATSAPP_CLOUD_API_ROOT: httpAddress.default('https://graph.facebook.com/v21.0'),
  WHATSAPP_CLOUD_REMINDER_TEMPLATE: templateName,
  WHATSAPP_CLOUD_DIGEST_TEMPLATE: templateName,
  WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, { error: 'expected a template language code such as id or en_US' })
    .default('id'),
  WHATSAPP_CLOUD_MESSAGES_PER_SECOND: z.coerce
    .number({ error: 'expected a whole number of messages per second, 1..1000' })
    .int({ error: 'expected a whole number of messages per second, 1..1000' })
    .min(1, { error: 'expected a whole number of messages per second, 1..1000' })
    .max(1000, { error: 'expected a whole number of messages per second, 1..1000' })
    .default(80),
  WHATSAPP_WEB_ENABLED: booleanFlag.default(false),
  CHROMIUM_PATH: z
    .string()
    .trim()
    .regex(/^\//, { error: 'expected the absolute path of a Chromium or Chrome binary' })
    .default('/usr/bin/chromium'),
  WHATSAPP_WEB_ADMIN_TOKEN: blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._~-]{24,256}$/, {
        error: 'expected 24 to 256 letters, digits, . _ ~ or - (openssl rand -hex 32)',
      }),
  ),
  WHATSAPP_WEB_SEND_INTERVAL_MS: z.coerce
    .number({ error: 'expected a whole number of milliseconds, at least 250' })
    .int({ error: 'expected a whole number of milliseconds, at least 250' })
    .min(250, { error: 'expected a whole number of milliseconds, at least 250' })
    .default(1000),
  WHATSAPP_WEB_SEND_JITTER_MS: z.coerce
    .number({ error: 'expected a whole number of milliseconds, 0 or more' })
    .int({ error: 'expected a whole number of milliseconds, 0 or more' })
    .min(0, { error: 'expected a whole number of milliseconds, 0 or more' })
    .default(500),
  DEFAULT_TIMEZONE: z
    .string()
    .default('Asia/Jakarta')
    .refine((zone) => isKnownTimeZone(zone), { error: 'expected an IANA time zone such as Asia/Jakarta' }),
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((text, ctx): boolean | number | string[] => {
      if (text === 'false' || text === '') return false;
      if (text === 'true') return true;
      if (/^\d{1,2}$/.test(text)) return Number(text);
      const addresses = text.split(',').map((part) => part.trim());
      if (
        addresses.every((part) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(part))
      ) {
        return addresses;
      }
      ctx.addIssue({
        code: 'custom',
        message: 'expected false, true, a number of proxies, or addresses such as loopback,10.0.0.0/8',
      });
      return z.NEVER;
    })
    .default(false),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false'], { error: 'expected auto, true or false' }).default('auto'),
  SESSION_HOURS: z.coerce
    .number({ error: 'expected a whole number of hours, 1..720' })
    .int({ error: 'expected a whole number of hours, 1..720' })
    .min(1, { error: 'expected a whole number of hours, 1..720' })
    .max(720, { error: 'expected a whole number of hours, 1..720' })
    .default(12),
  SIGN_IN_MAX_FAILURES: z.coerce
    .number({ error: 'expected a whole number of failures, 1..100' })
    .int({ error: 'expected a whole number of failures, 1..100' })
    .min(1, { error: 'expected a whole number of failures, 1..100' })
    .max(100, { error: 'expected a whole number of failures, 1..100' })
    .default(5),
  SIGN_IN_LOCKOUT_MINUTES: z.coerce
    .number({ error: 'expected a whole number of minutes, 1..1440' })
    .int({ error: 'expected a whole number of minutes, 1..1440' })
    .min(1, { error: 'expected a whole number of minutes, 1..1440' })
    .max(1440, { error: 'expected a whole number of minutes, 1..1440' })
    .default(15),
  SIGN_IN_MAX_PER_ADDRESS: z.coerce
    .number({ error: 'expected a whole number of attempts, 1..10000' })
    .int({ error: 'expected a whole number of attempts, 1..10000' })
    .min(1, { error: 'expected a whole number of attempts, 1..10000' })
    .max(10000, { error: 'expected a whole number of attempts, 1..10000' })
    .default(50),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'expected a whole number of milliseconds' })
    .int({ error: 'expected a whole number of milliseconds' })
    .min(0, { error: 'expected a whole number of milliseconds' })
    .default(10000),
});

export type Config = Omit<z.infer<typeof configSchema>, 'SIMULATOR_ENABLED'> & {
  SIMULATOR_ENABLED: boolean;
  /** The simulator is off only because HOST is not loopback and SIMULATOR_ENABLED was not set. */
  SIMULATOR_OFF_FOR_HOST: boolean;
};

/** Whether HOST serves this machine only: `127.0.0.1` (any 127.x), `::1`, `localhost`. */
export function isLoopbackHost(host: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(host) || host === '::1' || host === 'localhost';
}

function isCalendarDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(text)
  );
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Thrown when the environment is invalid; its message names every bad variable and why. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) {
    if (parsed.data.NODE_ENV === 'production' && !parsed.data.NIK_ENCRYPTION_KEY) {
      throw new ConfigError(['NIK_ENCRYPTION_KEY: required in production (openssl rand -hex 32)']);
    }
    if (
      parsed.data.TELEGRAM_WEBHOOK_URL &&
      !(parsed.data.TELEGRAM_BOT_TOKEN && parsed.data.TELEGRAM_WEBHOOK_SECRET)
    ) {
      throw new ConfigError(['TELEGRAM_WEBHOOK_URL: needs TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET']);
    }
    const cloud = parsed.data;
    const given = WHATSAPP_CLOUD_REQUIRED.filter((variable) => cloud[variable] !== undefined);
    if (given.length > 0 && given.length < WHATSAPP_CLOUD_REQUIRED.length) {
      throw new ConfigError(
        WHATSAPP_CLOUD_REQUIRED.filter((variable) => cloud[variable] === undefined).map(
          (variable) =>
            `${variable}: required with ${given.join(', ')} (the WhatsApp Cloud API needs all four)`,
        ),
      );
    }
    if (parsed.data.WHATSAPP_WEB_ENABLED && !existsSync(parsed.data.CHROMIUM_PATH)) {
      throw new ConfigError([
        `CHROMIUM_PATH: no browser at ${parsed.data.CHROMIUM_PATH} (WhatsApp Web needs it: apt-get install chromium)`,
      ]);
    }
    // The simulator lets anyone write as any participant and read any transcript: on by default only
    // outside production, and only while the service can be reached from this machine alone.
    const development = parsed.data.NODE_ENV !== 'production';
    const loopback = isLoopbackHost(parsed.data.HOST);
    return {
      ...parsed.data,
      SIMULATOR_ENABLED: parsed.data.SIMULATOR_ENABLED ?? (development && loopback),
      SIMULATOR_OFF_FOR_HOST: parsed.data.SIMULATOR_ENABLED === undefined && development && !loopback,
    };
  }
  const problems = parsed.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    const value = env[variable];
    const shown =
      SECRET_VARIABLES.has(variable) || value === undefined ? '' : `, got ${JSON.stringify(value)}`;
    return `${variable}: ${issue.message}${shown}`;
  });
  throw new ConfigError(problems);
}
