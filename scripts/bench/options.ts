import { parseArgs } from 'node:util';

export interface BenchOptions {
  participants: number;
  concurrency: number;
  /** The whole run, start of the database included, is aborted after this. */
  timeoutMinutes: number;
  /**
   * Whether the periodic sweep of src/main.ts runs beside the requests, as in the service. Turning it
   * off isolates the request path when looking for the cause of a failure.
   */
  sweep: boolean;
  /**
   * Messages of history (inbound and replies, half each) in a second database measured beside an
   * empty one; 0 measures only the empty one.
   */
  history: number;
}

export const USAGE =
  'usage: npm run bench:engine -- [--participants N (default 1000)] [--concurrency C (default 50)] [--timeout-minutes M (default 10)] [--no-sweep] [--history N (default 0: no filled database)]';

/** Reads the command line; throws with a message fit for the user when a flag is wrong. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      participants: { type: 'string' },
      concurrency: { type: 'string' },
      'timeout-minutes': { type: 'string' },
      'no-sweep': { type: 'boolean' },
      history: { type: 'string' },
    },
    strict: true,
  });
  return {
    participants: positiveInteger('--participants', values.participants, 1000),
    concurrency: positiveInteger('--concurrency', values.concurrency, 50),
    timeoutMinutes: positiveInteger('--timeout-minutes', values['timeout-minutes'], 10),
    sweep: values['no-sweep'] !== true,
    history: historySize(values.history),
  };
}

/** A whole number flag from 1 to 9,999,999, or `fallback` when absent. */
export function positiveInteger(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  // Phones are derived from the index with eight digits, so N stays below 10^8.
  if (!/^\d{1,7}$/.test(text) || Number(text) < 1)
    throw new Error(`${flag}: expected a whole number from 1 to 9999999, got "${text}"`);
  return Number(text);
}

/** `--history`: 0 (the default) or an even number of messages up to 9,999,998, half inbound, half replies. */
export function historySize(text: string | undefined): number {
  if (text === undefined || text === '0') return 0;
  const size = positiveInteger('--history', text, 0);
  if (size % 2 !== 0)
    throw new Error(`--history: expected an even number (half inbound, half replies), got ${size}`);
  return size;
}
