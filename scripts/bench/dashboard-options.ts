import { parseArgs } from 'node:util';
import { positiveInteger } from './options';

export interface DashboardBenchOptions {
  participants: number;
  /** Kecamatan the participants live in, five desa each. */
  kecamatan: number;
  mentors: number;
  /** Weeks of reports, ending with the week before this one. */
  weeks: number;
  complaints: number;
  /** Messages of history, half received, half sent. */
  messages: number;
  /** Times each page is requested, per role. */
  repeats: number;
  /** The whole run, start of the database included, is aborted after this. */
  timeoutMinutes: number;
}

export const DASHBOARD_USAGE =
  'usage: npm run bench:dashboard -- [--participants N (default 5000)] [--kecamatan K (default 10)] ' +
  '[--mentors M (default 50)] [--weeks W (default 52)] [--complaints C (default 1500)] ' +
  '[--messages H (default 2000000)] [--repeats R (default 5)] [--timeout-minutes T (default 120)]';

/** Reads the command line; throws with a message fit for the user when a flag is wrong. */
export function parseDashboardOptions(argv: string[]): DashboardBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      participants: { type: 'string' },
      kecamatan: { type: 'string' },
      mentors: { type: 'string' },
      weeks: { type: 'string' },
      complaints: { type: 'string' },
      messages: { type: 'string' },
      repeats: { type: 'string' },
      'timeout-minutes': { type: 'string' },
    },
    strict: true,
  });
  const options = {
    participants: positiveInteger('--participants', values.participants, 5_000),
    kecamatan: positiveInteger('--kecamatan', values.kecamatan, 10),
    mentors: positiveInteger('--mentors', values.mentors, 50),
    weeks: positiveInteger('--weeks', values.weeks, 52),
    complaints: positiveInteger('--complaints', values.complaints, 1_500),
    messages: positiveInteger('--messages', values.messages, 2_000_000),
    repeats: positiveInteger('--repeats', values.repeats, 5),
    timeoutMinutes: positiveInteger('--timeout-minutes', values['timeout-minutes'], 120),
  };
  // A year's export reads at most 53 weeks (src/http/dashboard/weekly-reports.ts).
  if (options.weeks > 53) throw new Error(`--weeks: expected at most 53, got ${options.weeks}`);
  if (options.mentors > options.participants)
    throw new Error('--mentors: expected no more mentors than participants');
  if (options.messages % 2 !== 0)
    throw new Error(
      `--messages: expected an even number (half received, half sent), got ${options.messages}`,
    );
  return options;
}
