/** How `retry` treats a failure: how long to wait, how often to try, when to give up. */
export interface RetryPolicy {
  /** The most tries in all, the first one included; without it, tries until it works or may not. */
  attempts?: number;
  /** How long to wait after the failed `attempt` (1 for the first) before the next one. */
  waitMs: (attempt: number, error: unknown) => number;
  /** Whether this failure may be tried again; without it, every failure may. */
  retryable?: (error: unknown) => boolean;
  /** Once aborted, a wait ends at once and the next failure is thrown: shutdown is not held up. */
  signal?: AbortSignal;
  /** Told of each failure that will be tried again, before the wait (to log it). */
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
}

/** Runs `operation` until it succeeds, waiting between tries as `policy` says; throws the last failure. */
export async function retry<T>(operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const lastTry = policy.attempts !== undefined && attempt >= policy.attempts;
      if (lastTry || policy.signal?.aborted || (policy.retryable && !policy.retryable(error))) throw error;
      const waitMs = policy.waitMs(attempt, error);
      policy.onRetry?.(error, attempt, waitMs);
      await sleep(waitMs, policy.signal);
    }
  }
}

/** Waits 1, 2, 4... times `baseMs` after each failed attempt, never more than `maxMs`. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** Waits `milliseconds`, or less when `signal` is aborted. */
export function sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal?.addEventListener('abort', done, { once: true });
  });
}
