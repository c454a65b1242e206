import { Cleanup } from './cleanup';

/**
 * Runs a benchmark to its verdict: a time limit, Ctrl-C and SIGTERM stop it and clean up (the
 * service, the database) before exiting 1; `onStop` first says how far it got. Exits 0 on PASS and
 * 1 on FAIL, after cleaning up.
 */
export async function runBenchmark(
  name: string,
  timeoutMinutes: number,
  bench: (cleanup: Cleanup, signal: AbortSignal) => Promise<boolean>,
  onStop: () => void = () => undefined,
): Promise<void> {
  const cleanup = new Cleanup();
  const abort = new AbortController();
  const stop = async (reason: string) => {
    console.error(reason);
    onStop();
    abort.abort();
    await cleanup.run();
    process.exit(1);
  };
  const timeout = setTimeout(
    () => void stop(`${name} aborted: not finished after ${timeoutMinutes} minute(s)`),
    timeoutMinutes * 60_000,
  );
  process.once('SIGINT', () => void stop(`${name} interrupted (SIGINT); cleaning up`));
  process.once('SIGTERM', () => void stop(`${name} terminated (SIGTERM); cleaning up`));

  let passed = false;
  try {
    passed = await bench(cleanup, abort.signal);
  } catch (error) {
    if (!abort.signal.aborted) console.error(`${name} failed: ${(error as Error).stack ?? String(error)}`);
  } finally {
    clearTimeout(timeout);
    await cleanup.run();
  }
  if (abort.signal.aborted) return; // stop() exits once its cleanup is done
  console.log(passed ? 'result:        PASS' : 'result:        FAIL');
  process.exit(passed ? 0 : 1);
}
