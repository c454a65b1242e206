/**
 * Load benchmark of the conversation engine: N participants each send a weekly report through the
 * simulator's HTTP API, against a real database started for the run, then the database is checked
 * against what was sent. With `--history H`, the same load runs on two databases of one server, an
 * empty one and one filled with H messages of history, one after the other, and their figures are
 * printed side by side. Exits 1 when any conversation went wrong or the stored data disagrees, 2 on
 * a bad command line.
 *
 *   npm run bench:engine -- --participants 1000 --concurrency 50 [--history 200000]
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import type { Types } from 'mongoose';
import type { DatabaseServer } from '../src/db/embedded';
import { prepareStorage } from '../src/db';
import type { Models } from '../src/db/models';
import { emptyTally, MESSAGES_PER_REPORT, type ConversationTally } from './bench/conversation';
import { Cleanup } from './bench/cleanup';
import { benchDatabaseName, connectBenchDatabase, startBenchServer } from './bench/database';
import { fillHistory, type FilledHistory } from './bench/history';
import { reportProgress, runConversations } from './bench/load';
import { printMachine } from './bench/machine';
import {
  countCommands,
  cpuMeter,
  megabytes,
  peakRssOfProcess,
  sampleRss,
  summarizeLatencies,
  type LatencySummary,
} from './bench/measure';
import { parseBenchOptions, USAGE, type BenchOptions } from './bench/options';
import { benchParticipants, seedParticipants, type BenchParticipant } from './bench/participants';
import { runBenchmark } from './bench/run';
import { startService } from './bench/service';
import { ServiceLog } from './bench/service-log';
import { simulatorClient } from './bench/simulator-client';
import { NOTHING_BEFORE, verifyRun } from './bench/verify';

const say = (line: string) => console.log(line);
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

/** Latencies get a decimal: at low load they are a few milliseconds. */
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** The database being measured now, shared with the abort path so that a timeout can still report. */
interface Observed {
  label: string;
  tally: ConversationTally;
  serviceLog: ServiceLog;
}

/** One of the run's databases, seeded (and filled) before any load runs. */
interface Prepared {
  label: string;
  name: string;
  models: Models;
  participants: BenchParticipant[];
  idsByPhone: Map<string, Types.ObjectId>;
  history: FilledHistory | undefined;
}

/** What one database's start-up and load gave. */
interface Measured {
  label: string;
  history: FilledHistory | undefined;
  startup: { total: number; connect: number; storage: number; sweep: number };
  startupCommands: number;
  tally: ConversationTally;
  latency: LatencySummary;
  wallMs: number;
  cpu: { node: number; database?: number };
  peakRss: number;
  databasePeakRss: number | undefined;
  swept: number;
  serviceErrors: [string, number][];
  commands: Map<string, number>;
  commandMilliseconds: Map<string, number>;
  excludedCommands: number;
  problems: string[];
}

async function bench(
  options: BenchOptions,
  observed: Observed,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<boolean> {
  printMachine(say);
  const mark = performance.now();
  const server = await startBenchServer(cleanup, say);
  say(`database:      ${server.description}`);
  say(`  started in ${seconds(performance.now() - mark)}`);

  const now = new Date();
  const prepared = [await prepare(server, 'empty', options, 0, now, cleanup)];
  if (options.history > 0)
    prepared.push(await prepare(server, 'filled', options, options.history, now, cleanup));

  say(
    `running:       ${options.participants} weekly reports, ${options.concurrency} conversations at a time, ` +
      `on ${prepared.map((database) => database.label).join(', then ')}; ` +
      (options.sweep ? 'sweep every 5 s as in src/main.ts' : 'periodic sweep OFF (--no-sweep)'),
  );
  const measured: Measured[] = [];
  for (const database of prepared) {
    const result = await measure(server, database, options, observed, cleanup, signal);
    if (!result) return false;
    measured.push(result);
  }
  printTable(options, measured);
  printCommands(measured);
  printVerification(measured);
  printComparison(measured);
  return measured.every((result) => result.problems.length === 0 && result.tally.errors.length === 0);
}

/** A database of its own on the server: indexes, the participants with consent, and any history. */
async function prepare(
  server: DatabaseServer,
  label: string,
  options: BenchOptions,
  history: number,
  now: Date,
  cleanup: Cleanup,
): Promise<Prepared> {
  const name = benchDatabaseName();
  const { models } = await connectBenchDatabase(server, name, cleanup);
  await prepareStorage(models, (message) => say(`  [storage] ${message}`));
  const mark = performance.now();
  const participants = benchParticipants(options.participants);
  const idsByPhone = await seedParticipants(models, participants, now);
  say(
    `${label}:${' '.repeat(Math.max(1, 14 - label.length))}database ${name}; ` +
      `seeded ${participants.length} participants with consent in ${seconds(performance.now() - mark)}`,
  );
  if (history === 0) return { label, name, models, participants, idsByPhone, history: undefined };

  const own = participants.map((participant) => ({
    id: idsByPhone.get(participant.phone) as Types.ObjectId,
    salesRupiah: participant.salesRupiah,
  }));
  const filled = await fillHistory(models, { messages: history, now, seed: 20260101, own });
  const { counts } = filled;
  say(
    `  history of ${history} messages (${counts.pastParticipants} past participants, 12 weeks) ` +
      `written in ${seconds(filled.milliseconds)}; collections now: ` +
      filled.sizes.map(([collection, size]) => `${collection} ${size}`).join(', '),
  );
  // Each participant's savings so far, which the flow adds this week's deposit to.
  const withSavings = participants.map((participant) => ({
    ...participant,
    savingsBefore: filled.balances.get(String(idsByPhone.get(participant.phone))) ?? 0,
  }));
  return {
    label: `filled (${history} messages)`,
    name,
    models,
    participants: withSavings,
    idsByPhone,
    history: filled,
  };
}

/**
 * Starts the service on `database` as src/main.ts does (connect, migrations and indexes, sweep), timed;
 * runs the load with every command counted; stops the service; checks the database.
 */
async function measure(
  server: DatabaseServer,
  database: Prepared,
  options: BenchOptions,
  observed: Observed,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<Measured | undefined> {
  const tally = emptyTally();
  const serviceLog = new ServiceLog(process.env.LOG_LEVEL !== undefined);
  Object.assign(observed, { label: `${database.label} database`, tally, serviceLog });
  // The service of this database stops before the next one starts; the run's cleanup still covers it.
  const own = new Cleanup();
  cleanup.add(`stop the service of the ${database.label} database`, () => own.run());

  const started = performance.now();
  const { connection, models } = await connectBenchDatabase(server, database.name, own, {
    monitorCommands: true,
  });
  const startupCommands = countCommands(connection);
  const connected = performance.now();
  await prepareStorage(models, (message) => say(`  [storage] ${message}`));
  const prepared = performance.now();
  const service = await startService(models, connection, own, options.sweep, serviceLog);
  const ready = performance.now();
  const startup = {
    total: ready - started,
    connect: connected - started,
    storage: prepared - connected,
    sweep: service.startupSweepMs,
  };
  const startupCounts = startupCommands.stop();
  say(`${database.label}: ready in ${seconds(startup.total)}, ${service.baseUrl}; running...`);

  const rss = sampleRss();
  const cpu = cpuMeter(server.pid);
  const commands = countCommands(connection);
  const progress = reportProgress(tally, database.participants.length * MESSAGES_PER_REPORT, say);
  const send = simulatorClient(service.baseUrl, signal);
  const since = new Date();
  const loadStarted = performance.now();
  await runConversations(
    database.participants,
    options.concurrency,
    send,
    tally,
    signal,
    randomBytes(3).toString('hex'),
  );
  const wallMs = performance.now() - loadStarted;
  progress.stop();
  const counted = commands.stop();
  const cpuUsed = cpu.stop();
  const peakRss = rss.stop();
  const swept = service.swept();
  await own.run();
  if (signal.aborted) return undefined;
  say(`  done in ${seconds(wallMs)} (load average now ${loadavg()[0]?.toFixed(2)})`);

  const checked = performance.now();
  const { counts } = database.history ?? {};
  const problems = await verifyRun(database.models, database.participants, database.idsByPhone, {
    messages: tally.messagesSent,
    replies: tally.repliesReceived,
    since,
    before: counts
      ? { inbound: counts.inbound, outbox: counts.outbox, weeklyReports: counts.weeklyReports }
      : NOTHING_BEFORE,
  });
  say(`  verified in ${seconds(performance.now() - checked)}`);
  return {
    label: database.label,
    history: database.history,
    startup,
    startupCommands: [...startupCounts.counts.values()].reduce((sum, count) => sum + count, 0),
    tally,
    latency: summarizeLatencies(tally.latencies),
    wallMs,
    cpu: cpuUsed,
    peakRss,
    databasePeakRss: peakRssOfProcess(server.pid),
    swept,
    serviceErrors: serviceLog.summary(),
    commands: counted.counts,
    commandMilliseconds: counted.milliseconds,
    excludedCommands: counted.excluded + startupCounts.excluded,
    problems,
  };
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, count) => sum + count, 0);
const perMessage = (count: number, result: Measured) => count / Math.max(1, result.tally.messagesSent);

/** One row per figure, one column per database. */
function printTable(options: BenchOptions, results: Measured[]): void {
  const rows: [string, (result: Measured) => string][] = [
    [
      'history',
      (r) => (r.history ? `${r.history.counts.inbound + r.history.counts.outbox} messages` : 'none'),
    ],
    ['  filled in', (r) => (r.history ? seconds(r.history.milliseconds) : '-')],
    ['start-up', (r) => seconds(r.startup.total)],
    ['  connect', (r) => seconds(r.startup.connect)],
    ['  migrations, indexes', (r) => seconds(r.startup.storage)],
    ['  sweep', (r) => seconds(r.startup.sweep)],
    ['  round trips', (r) => String(r.startupCommands)],
    ['participants', () => `${options.participants} (concurrency ${options.concurrency})`],
    ['messages sent', (r) => `${r.tally.messagesSent} (${r.tally.repliesReceived} replies)`],
    ['wall time', (r) => seconds(r.wallMs)],
    ['throughput', (r) => `${((r.tally.messagesSent / r.wallMs) * 1000).toFixed(1)} messages/s`],
    ['latency p50', (r) => ms(r.latency.p50)],
    ['latency p95', (r) => ms(r.latency.p95)],
    ['latency p99', (r) => ms(r.latency.p99)],
    ['latency max', (r) => ms(r.latency.max)],
    ['round trips', (r) => `${perMessage(total(r.commands), r).toFixed(1)} per message`],
    ['CPU, this process', (r) => seconds(r.cpu.node)],
    ['CPU, database', (r) => (r.cpu.database === undefined ? '-' : seconds(r.cpu.database))],
    ['peak RSS', (r) => megabytes(r.peakRss)],
    [
      'database RSS',
      (r) => (r.databasePeakRss === undefined ? '-' : `${megabytes(r.databasePeakRss)} (peak so far)`),
    ],
    ['sweeper', (r) => `${r.swept} chats`],
    ['service log', (r) => `${r.serviceErrors.reduce((sum, [, count]) => sum + count, 0)} errors`],
    ['errors', (r) => String(r.tally.errors.length)],
    ['verification', (r) => (r.problems.length === 0 && r.tally.errors.length === 0 ? 'OK' : 'WRONG')],
  ];
  const header = ['', ...results.map((result) => result.label)];
  const cells = [header, ...rows.map(([name, cell]) => [name, ...results.map(cell)])];
  say('');
  printColumns(cells);
  for (const result of results) {
    for (const [error, count] of result.serviceErrors)
      say(`  ${result.label}: service log ${count} x ${error}`);
    for (const error of result.tally.errors.slice(0, 10))
      say(`  ${result.label}: participant #${error.participant}, step ${error.step}: ${error.problem}`);
    if (result.tally.errors.length > 10)
      say(`  ${result.label}: ... and ${result.tally.errors.length - 10} more`);
  }
}

function printColumns(cells: string[][]): void {
  const widths = (cells[0] ?? []).map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  for (const row of cells)
    say(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('   ')
        .trimEnd(),
    );
}

/**
 * Round trips per message by command and collection, the busiest first (by the last database), each
 * with how long one took on average as the driver saw it.
 */
function printCommands(results: Measured[]): void {
  const keys = new Set(results.flatMap((result) => [...result.commands.keys()]));
  const last = results[results.length - 1];
  const sorted = [...keys].sort((a, b) => (last?.commands.get(b) ?? 0) - (last?.commands.get(a) ?? 0));
  say('');
  say(
    'round trips per message, by command and collection (driver command monitoring), and mean time of one:',
  );
  const cell = (result: Measured, key: string) => {
    const count = result.commands.get(key) ?? 0;
    const mean = count === 0 ? 0 : (result.commandMilliseconds.get(key) ?? 0) / count;
    return `${perMessage(count, result).toFixed(2)} (${mean.toFixed(1)} ms)`;
  };
  printColumns([
    ['', ...results.map((result) => result.label)],
    ...sorted.map((key) => [`  ${key}`, ...results.map((result) => cell(result, key))]),
    ['  all', ...results.map((result) => perMessage(total(result.commands), result).toFixed(2))],
  ]);
  const excluded = results.reduce((sum, result) => sum + result.excludedCommands, 0);
  if (excluded > 0) say(`  (${excluded} hello/isMaster of the driver's own left out)`);
}

function printVerification(results: Measured[]): void {
  say('');
  say('verification:');
  for (const result of results) {
    const before = result.history ? ` beside the history left as it was` : '';
    if (result.problems.length === 0)
      say(
        `  ${result.label}: OK: ${result.tally.reportsCompleted} weekly reports, one per participant, sales as sent, ` +
          `savings balance carried on; ${result.tally.messagesSent} inbound messages once each, all processed; ` +
          `every reply sent${before}`,
      );
    for (const problem of result.problems) say(`  ${result.label}: WRONG: ${problem}`);
  }
}

/** The filled database against the empty one; figures only, no verdict (see docs/operations.md, Performance). */
function printComparison(results: Measured[]): void {
  const [empty, filled] = results;
  if (!empty || !filled) return;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
  say('');
  say(
    `filled vs empty: p50 ${ratio(filled.latency.p50, empty.latency.p50)}, ` +
      `p95 ${ratio(filled.latency.p95, empty.latency.p95)}, ` +
      `start-up ${ratio(filled.startup.total, empty.startup.total)}, ` +
      `round trips per message ${perMessage(total(filled.commands), filled).toFixed(1)} vs ` +
      `${perMessage(total(empty.commands), empty).toFixed(1)}`,
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
    label: 'while preparing the databases',
    tally: emptyTally(),
    serviceLog: new ServiceLog(process.env.LOG_LEVEL !== undefined),
  };
  await runBenchmark(
    'bench:engine',
    options.timeoutMinutes,
    (cleanup, signal) => bench(options, observed, cleanup, signal),
    () => {
      const { label, tally, serviceLog } = observed;
      console.error(
        `  by then (${label}): ${tally.messagesSent} messages sent, ${tally.reportsCompleted} of ` +
          `${options.participants} reports completed, ${tally.errors.length} errors; stopping the service and the database`,
      );
      for (const error of tally.errors.slice(0, 5))
        console.error(`  participant #${error.participant}, step ${error.step}: ${error.problem}`);
      const logged = serviceLog.summary();
      console.error(`  service log: ${logged.reduce((sum, [, count]) => sum + count, 0)} errors`);
      for (const [error, count] of logged) console.error(`  ${count} x ${error}`);
    },
  );
}

void main();
