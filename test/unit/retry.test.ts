import { retry, retryDelayMs } from '../../src/retry';

/** An operation that fails `failures` times with numbered errors, then answers. */
function failing(failures: number) {
  const operation = async () => {
    operation.calls++;
    if (operation.calls <= failures) throw new Error(`failure ${operation.calls}`);
    return 'done';
  };
  operation.calls = 0;
  return operation;
}

describe('retry', () => {
  it('tries until it works, waiting as told after each failed attempt', async () => {
    const operation = failing(3);
    const waits: Array<[number, string]> = [];
    await expect(
      retry(operation, {
        waitMs: (attempt) => attempt,
        onRetry: (error, attempt, waitMs) => waits.push([waitMs, `${attempt}: ${(error as Error).message}`]),
      }),
    ).resolves.toBe('done');
    expect(operation.calls).toBe(4);
    expect(waits).toEqual([
      [1, '1: failure 1'],
      [2, '2: failure 2'],
      [3, '3: failure 3'],
    ]);
  });

  it('gives up after the number of attempts, throwing the last failure', async () => {
    const operation = failing(10);
    await expect(retry(operation, { attempts: 3, waitMs: () => 0 })).rejects.toThrow('failure 3');
    expect(operation.calls).toBe(3);
  });

  it('throws at once a failure that may not be tried again', async () => {
    const operation = failing(10);
    const retryable = (error: unknown) => (error as Error).message !== 'failure 2';
    await expect(retry(operation, { retryable, waitMs: () => 0 })).rejects.toThrow('failure 2');
    expect(operation.calls).toBe(2);
  });

  it('once stopped, ends the wait at once and throws the next failure', async () => {
    const operation = failing(10);
    const stop = new AbortController();
    // The first wait would be an hour: aborting must end it, or the test runs out of time.
    const tried = retry(operation, {
      waitMs: () => 3_600_000,
      signal: stop.signal,
      onRetry: () => setImmediate(() => stop.abort()),
    });
    await expect(tried).rejects.toThrow('failure 2');
    expect(operation.calls).toBe(2);
  });

  it('waits longer after each failed attempt, up to a ceiling', () => {
    expect([1, 2, 3, 4, 10].map((attempts) => retryDelayMs(attempts, 1000, 5000))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });
});
