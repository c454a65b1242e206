import { parseArgs } from 'node:util';
import { positiveInteger } from '../options';

export interface FaultOptions {
  /** At least this many messages are sent: whole conversations of `SCRIPT_LENGTH` messages each. */
  messages: number;
  kills: number;
  outages: number;
  /** About one write in this many is refused (PENDAMPING_TEST_WRITE_FAULTS); 0 injects none. */
  faultEvery: number;
  /** Chats writing at the same time. */
  chats: number;
  timeoutMinutes: number;
  /** Keep the run's directory (data, logs) for a look afterwards. */
  keep: boolean;
}

export const USAGE =
  'usage: npm run bench:faults -- [--messages N (default 2000)] [--kills K (default 10)] [--outages O (default 3)] ' +
  '[--fault-every W (default 300; 0: none)] [--chats C (default 20)] [--timeout-minutes M (default 30)] [--keep]';

/** Reads the command line; throws with a message fit for the user when a flag is wrong. */
export function parseFaultOptions(argv: string[]): FaultOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string' },
      kills: { type: 'string' },
      outages: { type: 'string' },
      'fault-every': { type: 'string' },
      chats: { type: 'string' },
      'timeout-minutes': { type: 'string' },
      keep: { type: 'boolean' },
    },
    strict: true,
  });
  return {
    messages: positiveInteger('--messages', values.messages, 2000),
    kills: count('--kills', values.kills, 10),
    outages: count('--outages', values.outages, 3),
    faultEvery: count('--fault-every', values['fault-every'], 300),
    chats: positiveInteger('--chats', values.chats, 20),
    timeoutMinutes: positiveInteger('--timeout-minutes', values['timeout-minutes'], 30),
    keep: values.keep === true,
  };
}

/** A whole number from 0 to 999, or `fallback` when absent. */
function count(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,3}$/.test(text))
    throw new Error(`${flag}: expected a whole number from 0 to 999, got "${text}"`);
  return Number(text);
}
