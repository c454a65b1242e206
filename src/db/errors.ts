import { retry } from '../retry';

/** MongoDB's duplicate-key error: a unique index refused the write. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** FerretDB on SQLite refuses a write with "database is locked" when writers collide: worth a retry. */
export function isTransient(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /database is locked|SQLITE_BUSY/i.test(message);
}

/**
 * Runs `operation`, retrying a transient database refusal a few times with a short, growing pause.
 * Every model's single-document operations already do this (`transient-retry.ts`); wrap only what
 * they do not cover and a rerun is known to be safe for, such as an `insertMany` whose documents
 * written before the refusal are then found taken.
 */
export function retryTransient<T>(operation: () => Promise<T>, attempts = 5): Promise<T> {
  return retry(operation, {
    attempts,
    retryable: isTransient,
    waitMs: (attempt) => 20 * 2 ** attempt + Math.random() * 20,
  });
}
