/**
 * Benchmark of the scheduler's heavy weeks, against a real database started for the run:
 * 1. the Saturday reminder job (`queueWeeklyReportReminders`) for N participants, run twice;
 * 2. a sample of the queued reminders sent by the service's outbox sender through a rate-limited
 *    stand-in channel, checked exactly-once;
 * 3. the Monday digest job (the one `npm run job -- mentor-digest` runs) over M mentors of P
 *    participants with 12 weeks of reports each, run twice, every digest checked against the seed.
 * Exits 1 when a check fails or the run times out, 2 on a bad command line.
 *
 *   npm run bench:scheduler -- --participants 100000 --mentors 1000 --per-mentor 100
 */
import type { Cleanup } from './bench/cleanup';
import { runBenchmark } from './bench/run';
import { benchDatabaseName, connectBenchDatabase, openBenchDatabase } from './bench/database';
import { seedDigestPopulation } from './bench/digest-population';
import { runDigestJob, verifyDigests } from './bench/digest-run';
import { dispatchToStandIn, verifyDispatch } from './bench/dispatch';
import { printMachine } from './bench/machine';
import { megabytes, peakRssOfProcess, sampleRss } from './bench/measure';
import { seedReminderPopulation } from './bench/reminder-population';
import { expectedReminders, scheduleReminders, verifyScheduling } from './bench/reminder-run';
import {
  parseSchedulerOptions,
  SCHEDULER_USAGE,
  type SchedulerBenchOptions,
} from './bench/scheduler-options';
import { buildIndexes } from '../src/db/models';
import { isoWeekOf, shiftIsoWeek } from '../src/domain/calendar';

const say = (line: string) => console.log(line);
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const count = (value: number) => value.toLocaleString('en-US');
const floor = (met: boolean) => (met ? 'met    ' : 'NOT met');

/** Prints a check's outcome; true when nothing is wrong. */
function report(name: string, problems: string[], ok: string): boolean {
  if (problems.length === 0) say(`  OK (${name}): ${ok}`);
  for (const problem of problems.slice(0, 10)) say(`  WRONG (${name}): ${problem}`);
  if (problems.length > 10) say(`  ... and ${problems.length - 10} more`);
  return problems.length === 0;
}

async function bench(
  options: SchedulerBenchOptions,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<boolean> {
  const rss = sampleRss();
  printMachine(say);
  let passed = true;

  let mark = performance.now();
  const database = await openBenchDatabase(cleanup, say);
  say(`database:      ${database.server.description}, database ${database.name}`);
  say(`  started in ${seconds(performance.now() - mark)}`);
  const { models } = database;
  const now = new Date();
  const week = isoWeekOf(now, 'Asia/Jakarta');

  // 1. The Saturday reminder.
  say(`\n== weekly report reminders, ${count(options.participants)} participants, week ${week}`);
  mark = performance.now();
  const population = await seedReminderPopulation(models, options.participants, week, now, (done) => {
    if (done % 10_000 === 0)
      say(`  seeding: ${count(done)} participants (${seconds(performance.now() - mark)})`);
  });
  say(
    `seeded:        ${count(options.participants)} participants, ${count(population.mentors)} mentors, ` +
      `${count(population.reports)} reports in ${seconds(performance.now() - mark)}`,
  );
  const expected = expectedReminders(population, week);
  const first = await scheduleReminders(models, week, now);
  say(
    `scheduling:    ${seconds(first.ms)} for ${count(first.queued)} queued, ${count(first.skipped)} skipped ` +
      `(${((first.queued / first.ms) * 1000).toFixed(0)} reminders/s)`,
  );
  const second = await scheduleReminders(models, week, now);
  say(
    `second run:    ${seconds(second.ms)}, ${count(second.queued)} queued, ${count(second.skipped)} skipped`,
  );
  passed =
    report(
      'scheduling',
      await verifyScheduling(models, expected, first, second),
      `${count(expected.keys.size)} reminders queued = participants due one by the seed, once each; the second run queued none`,
    ) && passed;
  if (signal.aborted) return false;

  // 2. Sending them.
  const target = Math.min(options.dispatch, first.queued);
  say(
    `\n== dispatch: ${count(target)} of ${count(first.queued)} reminders, stand-in limited to ${options.rate} msg/s`,
  );
  const dispatch = await dispatchToStandIn(models, {
    target,
    rate: options.rate,
    timeLimitMs: options.dispatchSeconds * 1000,
    signal,
    progress: (sent, elapsedMs) =>
      say(
        `  dispatch: ${count(sent)} sent (${seconds(elapsedMs)}, ${((sent / elapsedMs) * 1000).toFixed(1)} msg/s)`,
      ),
  });
  const sent = dispatch.messages.length;
  const firstAt = dispatch.messages[0]?.at ?? 0;
  const lastAt = dispatch.messages[sent - 1]?.at ?? 0;
  say(`dispatched:    ${count(sent)} in ${seconds(dispatch.ms)} (${dispatch.stoppedBecause})`);
  say(
    `dispatch rate: ${((sent / dispatch.ms) * 1000).toFixed(1)} msg/s overall, ` +
      `${sent > 1 ? (((sent - 1) / (lastAt - firstAt)) * 1000).toFixed(1) : '-'} msg/s from first to last message, ` +
      `limit ${options.rate} msg/s; at most ${dispatch.maxInOneSecond} in any one second`,
  );
  passed =
    report(
      'exactly once',
      await verifyDispatch(models, dispatch, {
        queued: first.queued,
        dueKeys: expected.keys,
        rate: options.rate,
      }),
      `${count(sent)} sent = ${count(sent)} marked sent, all due, no entry or dedupe key twice; ` +
        `${count(first.queued - sent)} still pending; never above ${options.rate} in a second`,
    ) && passed;
  if (signal.aborted) return false;

  // 3. The Monday digest, about the week just ended, in a database of its own so that the job's
  // "every mentor" is the mentors seeded for it.
  const digestWeek = shiftIsoWeek(week, -1);
  say(
    `\n== mentor digests: the Monday job over ${count(options.mentors)} mentors x ${count(options.perMentor)} participants, ` +
      `12 weeks of reports, week ${digestWeek}`,
  );
  const digestName = benchDatabaseName();
  const digestDatabase = await connectBenchDatabase(database.server, digestName, cleanup);
  await buildIndexes(digestDatabase.models);
  say(`database:      ${digestName}`);
  mark = performance.now();
  const digests = await seedDigestPopulation(
    digestDatabase.models,
    { mentors: options.mentors, perMentor: options.perMentor, week: digestWeek, now },
    (participants, reports) => {
      if (participants % 10_000 === 0)
        say(
          `  seeding: ${count(participants)} participants, ${count(reports)} reports (${seconds(performance.now() - mark)})`,
        );
    },
  );
  say(
    `seeded:        ${count(options.mentors)} mentors, ${count(options.mentors * options.perMentor)} participants, ` +
      `${count(digests.reports)} reports in ${seconds(performance.now() - mark)}`,
  );
  if (signal.aborted) return false;
  const firstDigests = await runDigestJob(digestDatabase.models, digestDatabase.connection, week, now);
  say(
    `digest job:    ${seconds(firstDigests.ms)} for ${count(firstDigests.queued)} digests queued ` +
      `(${ms(firstDigests.ms / Math.max(1, firstDigests.queued))} a mentor)`,
  );
  const secondDigests = await runDigestJob(digestDatabase.models, digestDatabase.connection, week, now);
  say(`second run:    ${seconds(secondDigests.ms)}, ${count(secondDigests.queued)} queued`);
  passed =
    report(
      'digests',
      await verifyDigests(digestDatabase.models, digests, {
        week: digestWeek,
        perMentor: options.perMentor,
        first: firstDigests,
        second: secondDigests,
      }),
      `${count(options.mentors)} digests, one for each mentor, on their chat with a chart; ${options.perMentor} rows each, ` +
        "the participant silent for 3 weeks first, every row's figures and reasons as seeded, the summary line right; " +
        'the second run queued none',
    ) && passed;

  // The floors, for the default sizes on 2 cores: printed beside the figures, not checks, as
  // a shared machine's load moves them (the README gives the run's load average).
  const dispatchShare = sent / (dispatch.ms / 1000) / options.rate;
  say('\nfloors (issue 13, at the default sizes):');
  say(
    `  ${floor(first.ms <= 120_000)} reminders queued in <= 2 min: ${seconds(first.ms)} for ${count(first.queued)}`,
  );
  say(
    `  ${floor(dispatchShare >= 0.95)} dispatch >= 95 % of the channel's rate: ${(dispatchShare * 100).toFixed(1)} % ` +
      '(duplicates and drops: see "exactly once")',
  );
  say(
    `  ${floor(firstDigests.ms <= 300_000)} mentor digests in <= 5 min in all: ${seconds(firstDigests.ms)} for ${count(firstDigests.queued)}`,
  );

  say('');
  say(`peak RSS:      ${megabytes(rss.stop())} (this process)`);
  const databasePeak = peakRssOfProcess(database.server.pid);
  if (databasePeak !== undefined) say(`database RSS:  ${megabytes(databasePeak)} peak (server process)`);
  return passed && !signal.aborted;
}

/**
 * Bounds the run: after the timeout, or on Ctrl-C, the dispatch and digests stop, everything the run
 * started is stopped and removed, and the process exits 1 with a message saying why.
 */
async function main(): Promise<void> {
  let options: SchedulerBenchOptions;
  try {
    options = parseSchedulerOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${SCHEDULER_USAGE}`);
    process.exit(2);
  }
  await runBenchmark('bench:scheduler', options.timeoutMinutes, (cleanup, signal) =>
    bench(options, cleanup, signal),
  );
}

void main();
