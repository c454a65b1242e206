import type { Logger } from 'pino';

/**
 * The last resort for a failure nobody awaited: logged through the redactor, never Node's own dump,
 * which prints the whole error object (a grammY error carries the bot token and the update, with what
 * the person wrote). An unhandled rejection is one piece of work that failed (a request whose
 * database went away, say): the service keeps running for everyone else. An uncaught exception may
 * have left the process half-way through something, so it still ends it, logged the same way.
 */
export function keepRunningOnUnhandledRejections(logger: Logger): void {
  process.on('unhandledRejection', (reason: unknown) => {
    logger.error({ err: reason }, 'a failure nobody waited for; the service keeps running');
  });
  process.on('uncaughtException', (error: Error) => {
    logger.fatal({ err: error }, 'uncaught exception; stopping');
    logger.flush();
    process.exit(1);
  });
}
