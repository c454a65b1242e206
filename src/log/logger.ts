import pino, { type DestinationStream, type Logger } from 'pino';
import { redactText, redactValue } from './redact';

export type { Logger } from 'pino';

/**
 * The service's structured logger. Every record passes through the redactor, so a phone number or
 * NIK typed by a beneficiary can be logged by mistake without being stored in a log file.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      formatters: {
        log: (record) => redactValue(record) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
          return method.apply(this, redacted as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(1),
  );
}
