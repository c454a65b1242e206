import type { Logger } from '../log';

/**
 * How long a webhook waits for what it received to be stored before it answers with an error (the
 * platform then delivers it again): well within the platforms' patience, and within grammY's own.
 */
export const WEBHOOK_STORE_MS = 8_000;

/**
 * Waits for `storing` up to `milliseconds`, then fails. Storing may still finish or fail later (the
 * database came back, or was given up): either is logged, and a late success is harmless, as the
 * update delivered again is then a duplicate.
 */
export async function storedWithin<T>(
  storing: Promise<T>,
  milliseconds: number,
  logger: Logger,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} could not be stored within ${milliseconds / 1000} s`)),
      milliseconds,
    );
  });
  storing.catch((error: unknown) => logger.warn({ err: error }, `${what} was not stored`));
  try {
    return await Promise.race([storing, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
