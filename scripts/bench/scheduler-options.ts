import { parseArgs } from 'node:util';
import { positiveInteger } from './options';

export interface SchedulerBenchOptions {
  /** Participants whose weekly report reminder is scheduled. */
  participants: number;
  /** Of the reminders queued, how many the stand-in channel is sent before the run moves on. */
  dispatch: number;
  /** The stand-in channel's limit, messages per second over all chats (Telegram's is about 30). */
  rate: number;
  /** Dispatch stops after this long even when fewer than `dispatch` went out. */
  dispatchSeconds: number;
  /** Mentors whose digest is computed, each following `perMentor` participants. */
  mentors: number;
  perMentor: number;
  /** The whole run, start of the database included, is aborted after this. */
  timeoutMinutes: number;
}

export const SCHEDULER_USAGE =
  'usage: npm run bench:scheduler -- [--participants N (default 100000)] [--dispatch D (default 2000)] ' +
  '[--rate R msg/s (default 30)] [--dispatch-seconds S (default 300)] [--mentors M (default 1000)] ' +
  '[--per-mentor P (default 100)] [--timeout-minutes T (default 120)]';

/** Reads the command line; throws with a message fit for the user when a flag is wrong. */
export function parseSchedulerOptions(argv: string[]): SchedulerBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      participants: { type: 'string' },
      dispatch: { type: 'string' },
      rate: { type: 'string' },
      'dispatch-seconds': { type: 'string' },
      mentors: { type: 'string' },
      'per-mentor': { type: 'string' },
      'timeout-minutes': { type: 'string' },
    },
    strict: true,
  });
  const options = {
    participants: positiveInteger('--participants', values.participants, 100_000),
    dispatch: positiveInteger('--dispatch', values.dispatch, 2_000),
    rate: positiveInteger('--rate', values.rate, 30),
    dispatchSeconds: positiveInteger('--dispatch-seconds', values['dispatch-seconds'], 300),
    mentors: positiveInteger('--mentors', values.mentors, 1_000),
    perMentor: positiveInteger('--per-mentor', values['per-mentor'], 100),
    timeoutMinutes: positiveInteger('--timeout-minutes', values['timeout-minutes'], 120),
  };
  // Digest participants get phones from their number too, eight digits of it.
  if (options.mentors * options.perMentor >= 100_000_000)
    throw new Error('--mentors times --per-mentor: must stay below 100,000,000');
  return options;
}
