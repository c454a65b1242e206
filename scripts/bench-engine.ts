/**
 * Load benchmark of the conversation engine: N participants each send a weekly report through the
 * simulator's HTTP API, against a real database started for the run, then the database is checked
 * against what was sent. Exits 1 when any conversation went wrong or the stored data disagrees,
 * 2 on a bad command line.
 *
 *   npm run bench:engine -- --participants 1000 --concurrency 50
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { emptyTally, MESSAGES_PER_REPORT, type ConversationTally } from './bench/conversation';
import type { Cleanup } from './bench/cleanup';
import { runBenchmark } from './bench/run';
import { openBenchDatabase } from './bench/database';
import { reportProgress, runConversations } from './bench/load';
import {
  countDatabaseOperations,
  cpuMeter,
  megabytes,
  peakRssOfProcess,
  sampleRss,
  summarizeLatencies,
} from './bench/measure';
import { printMachine } from './bench/machine';
import { parseBenchOptions, USAGE, type BenchOptions } from './bench/options';
import { benchParticipants, seedParticipants } from './bench/participants';
import { startService } from './bench/service';
import { ServiceLog } from './bench/service-log';
import { simulatorClient } from './bench/simulator-client';
import { verifyRun } from './bench/verify';

const say = (line: string) => console.log(line);
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

/** Latencies get a decimal: at low load they are a few milliseconds. */
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** What the run has observed so far, shared with the abort path so that a timeout can still report. */
interface Observed {
  tally: ConversationTally;
  serviceLog: ServiceLog;
}

async function bench(
  options: BenchOptions,
  { tally, serviceLog }: Observed,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<boolean> {
  const rss = sampleRss();
  const runId = randomBytes(3).toString('hex');
  printMachine(say);

  let mark = performance.now();
  const database = await openBenchDatabase(cleanup, say);
  say(`database:      ${database.server.description}, database ${database.name}`);
  say(`  started in ${seconds(performance.now() - mark)}`);

  mark = performance.now();
  const participants = benchParticipants(options.participants);
  const idsByPhone = await seedParticipants(database.models, participants, new Date());
  say(`seeded ${participants.length} participants with consent in ${seconds(performance.now() - mark)}`);

  const service = await startService(
    database.models,
    database.connection,
    cleanup,
    options.sweep,
    serviceLog,
  );
  say(
    `service:       ${service.baseUrl} (simulator API, in this process; ` +
      `${options.sweep ? 'sweep every 30 s as in src/main.ts' : 'sweep OFF (--no-sweep)'})`,
  );
  say(
    `running:       ${participants.length} weekly reports, ${options.concurrency} conversations at a time...`,
  );

  mark = performance.now();
  const cpu = cpuMeter(database.server.pid);
  const operations = countDatabaseOperations(database.connection);
  const progress = reportProgress(tally, participants.length * MESSAGES_PER_REPORT, say);
  const send = simulatorClient(service.baseUrl, signal);
  await runConversations(participants, options.concurrency, send, tally, signal, runId);
  const wallMs = performance.now() - mark;
  progress.stop();
  const operationCounts = operations.stop();
  const peakRss = rss.stop();
  const cpuUsed = cpu.stop();
  if (signal.aborted) return false;

  printResults(options, tally, {
    wallMs,
    peakRss,
    databasePeakRss: peakRssOfProcess(database.server.pid),
    cpu: cpuUsed,
    swept: service.swept(),
    serviceErrors: serviceLog.summary(),
  });
  printOperations(operationCounts, tally.messagesSent);

  mark = performance.now();
  const problems = await verifyRun(database.models, participants, idsByPhone, {
    messages: tally.messagesSent,
    replies: tally.repliesReceived,
  });
  say(`verification (${seconds(performance.now() - mark)}):`);
  if (problems.length === 0)
    say(
      `  OK: ${participants.length} weekly reports, one per participant, sales as sent; ` +
        `${tally.messagesSent} inbound messages once each, all processed; every reply sent`,
    );
  for (const problem of problems) say(`  WRONG: ${problem}`);
  return problems.length === 0 && tally.errors.length === 0;
}

interface Resources {
  wallMs: number;
  peakRss: number;
  databasePeakRss: number | undefined;
  /** CPU milliseconds during the conversations, of this process and of the database server. */
  cpu: { node: number; database?: number };
  swept: number;
  serviceErrors: [string, number][];
}

function printResults(
  options: BenchOptions,
  tally: ConversationTally,
  { wallMs, peakRss, databasePeakRss, cpu, swept, serviceErrors }: Resources,
): void {
  const latency = summarizeLatencies(tally.latencies);
  say(`participants:  ${options.participants} (concurrency ${options.concurrency})`);
  say(`messages sent: ${tally.messagesSent} (${tally.repliesReceived} replies received)`);
  say(`wall time:     ${seconds(wallMs)} (load average now ${loadavg()[0]?.toFixed(2)})`);
  say(`throughput:    ${((tally.messagesSent / wallMs) * 1000).toFixed(1)} messages/s`);
  say(
    `latency:       p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}`,
  );
  say(`peak RSS:      ${megabytes(peakRss)} (this process: client, HTTP server, engine)`);
  if (databasePeakRss !== undefined)
    say(`database RSS:  ${megabytes(databasePeakRss)} peak (server process)`);
  say(
    `CPU time:      this process ${seconds(cpu.node)}` +
      (cpu.database === undefined ? '' : `, database server ${seconds(cpu.database)}`) +
      ` (of ${seconds(wallMs * cpus().length)} available on ${cpus().length} cores)`,
  );
  if (swept > 0) say(`sweeper:       visited ${swept} chats whose message was still 'received' (in flight)`);
  printServiceErrors(serviceErrors, say);
  say(`errors:        ${tally.errors.length}`);
  for (const error of tally.errors.slice(0, 10))
    say(`  participant #${error.participant}, step ${error.step}: ${error.problem}`);
  if (tally.errors.length > 10) say(`  ... and ${tally.errors.length - 10} more`);
}

function printServiceErrors(serviceErrors: [string, number][], print: (line: string) => void): void {
  const logged = serviceErrors.reduce((sum, [, count]) => sum + count, 0);
  print(`service log:   ${logged} errors`);
  for (const [error, count] of serviceErrors) print(`  ${count} x ${error}`);
}

function printOperations(counts: Map<string, number>, messages: number): void {
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const perMessage = (count: number) => (count / Math.max(1, messages)).toFixed(1);
  say(`database ops:  ${total} from the service, ${perMessage(total)} per message:`);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  for (let start = 0; start < sorted.length; start += 4)
    say(
      `  ${sorted
        .slice(start, start + 4)
        .map(([operation, count]) => `${operation} ${perMessage(count)}`)
        .join(', ')}`,
    );
}

/**
 * Bounds the run: after the timeout, or on Ctrl-C, requests in flight are aborted, everything the
 * run started is stopped and removed, and the process exits 1 with a message saying why.
 */
async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const observed: Observed = {
    tally: emptyTally(),
    serviceLog: new ServiceLog(process.env.LOG_LEVEL !== undefined),
  };
  await runBenchmark(
    'bench:engine',
    options.timeoutMinutes,
    (cleanup, signal) => bench(options, observed, cleanup, signal),
    () => {
      const { tally, serviceLog } = observed;
      console.error(
        `  by then: ${tally.messagesSent} messages sent, ${tally.reportsCompleted} of ${options.participants} ` +
          `reports completed, ${tally.errors.length} errors; stopping the service and the database`,
      );
      for (const error of tally.errors.slice(0, 5))
        console.error(`  participant #${error.participant}, step ${error.step}: ${error.problem}`);
      printServiceErrors(serviceLog.summary(), (line) => console.error(line));
    },
  );
}

void main();
