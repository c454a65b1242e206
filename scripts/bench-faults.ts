/**
 * The fault-injection suite (`npm run bench:faults`): the service as real processes on its embedded
 * FerretDB, Telegram and WhatsApp Cloud stand-ins that deliver webhooks again as the platforms do,
 * participants reporting and complaining, while the service is killed with SIGKILL, its database is
 * frozen for 10 s at a time and writes of the message path are refused. Then it checks from the
 * database and the stand-ins that nothing was lost, done twice or answered out of order, and scans
 * every log the processes wrote. Exits 1 when a floor fails. See README, "bench:faults".
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase } from '../src/db/connect';
import { defaultFerretdbBinary } from '../src/db/embedded';
import { freeLoopbackPort } from '../src/db/embedded/process-server';
import { createModels } from '../src/db/models';
import { printMachine } from './bench/machine';
import { runBenchmark } from './bench/run';
import { OUTAGE_MS, runChaos, type ChaosEvent } from './bench/faults/chaos';
import { driveLoad, SCRIPT, seedParticipants, type SentMessage } from './bench/faults/load';
import { logFilesIn, scanLogs } from './bench/faults/log-scan';
import { parseFaultOptions, USAGE, type FaultOptions } from './bench/faults/options';
import { Platforms } from './bench/faults/platforms';
import { ServiceProcess } from './bench/faults/service-process';
import { verify, waitUntilQuiet } from './bench/faults/verify';

const say = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let options: FaultOptions;
try {
  options = parseFaultOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

void runBenchmark('bench:faults', options.timeoutMinutes, async (cleanup, stopped) => {
  printMachine(say);
  const participantCount = Math.ceil(options.messages / SCRIPT.length);
  say(
    `plan:          ${participantCount} participants x ${SCRIPT.length} messages (Telegram and WhatsApp Cloud), ` +
      `${options.chats} chats at a time; ${options.kills} kills, ${options.outages} database freezes of ` +
      `${seconds(OUTAGE_MS)}, ${options.faultEvery ? `about 1 write in ${options.faultEvery} refused` : 'no write refused'}`,
  );

  const runDir = mkdtempSync(join(tmpdir(), 'pendamping-faults-'));
  const dataDir = join(runDir, 'data');
  const logDir = join(runDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  cleanup.add('remove the run directory', async () => {
    if (options.keep) say(`kept:          ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true });
  });

  const platforms = await Platforms.start();
  cleanup.add('stop the platform stand-ins', () => platforms.close());
  const port = await freeLoopbackPort();
  const service = new ServiceProcess(
    {
      ...platforms.serviceEnvironment(),
      DATA_DIR: dataDir,
      EMBEDDED_DB: 'ferretdb',
      FERRETDB_BINARY: process.env.FERRETDB_BINARY || defaultFerretdbBinary(),
      PORT: String(port),
      SCHEDULER_ENABLED: 'false',
      SIMULATOR_ENABLED: 'false',
      // The most the service ever logs, for the log scan.
      LOG_LEVEL: 'debug',
      ...(options.faultEvery ? { PENDAMPING_TEST_WRITE_FAULTS: String(options.faultEvery) } : {}),
    },
    dataDir,
    logDir,
  );
  cleanup.add('stop the service and its database', async () => {
    const pid = service.databasePid();
    if (pid !== undefined) process.kill(pid, 'SIGCONT');
    await service.kill('SIGTERM');
    for (const server of service.serversOnDataDir()) process.kill(server, 'SIGKILL');
  });
  await service.start();
  const serviceBase = `http://127.0.0.1:${port}`;

  const seeding = await connectDatabase(service.databaseUri());
  const participants = await seedParticipants(createModels(seeding), participantCount);
  await seeding.close();

  const sent: SentMessage[] = [];
  const events: ChaosEvent[] = [];
  const started = Date.now();
  const load = driveLoad(participants, { platforms, serviceBase, chats: options.chats, stopped }, sent);
  const total = participantCount * SCRIPT.length;
  const chaos = runChaos(
    service,
    { ...options, expectedMessages: total },
    () => sent.length,
    stopped,
    events,
  );
  const ticker = setInterval(
    () =>
      say(`  ${seconds(Date.now() - started)}: ${sent.length} of ${total} messages, ${events.length} events`),
    30_000,
  );
  await Promise.all([load, chaos]).finally(() => clearInterval(ticker));
  const loadSeconds = (Date.now() - started) / 1000;
  say(
    `load:          ${sent.length} messages in ${loadSeconds.toFixed(0)} s (${(sent.length / loadSeconds).toFixed(1)} messages/s), ${sent.filter((message) => message.posts > 1).length} posted more than once`,
  );
  for (const event of events)
    say(
      `  ${event.kind === 'kill' ? 'kill -9' : 'freeze '} at ${seconds(event.at - started)} (message ${event.afterMessages}): ` +
        `${event.kind === 'kill' ? 'listening again' : 'database let go'} after ${seconds(event.until - event.at)}, ${event.servers} database server(s)`,
    );

  const checking = await connectDatabase(service.databaseUri());
  cleanup.add('close the checking connection', () => checking.close());
  const models = createModels(checking);
  const quiet = await waitUntilQuiet(models, 120_000);
  if (!quiet) say('queues:        still not empty after 120 s');
  const figures = await verify(models, platforms, participants, sent, events);
  const servers = service.serversOnDataDir().length;
  const kills = events.filter((event) => event.kind === 'kill').length;
  const outages = events.filter((event) => event.kind === 'outage').length;
  const { lines, leaks } = scanLogs(
    [...logFilesIn(logDir), join(dataDir, 'ferretdb.log')],
    platforms.secrets(),
  );

  say(
    `messages:      ${figures.sent} sent, ${figures.stored} stored, ${figures.processed} handled, ${figures.answered} answered`,
  );
  say(
    `duplicates:    ${figures.duplicates} stored twice, ${figures.duplicatedEffects} effects applied twice`,
  );
  say(
    `effects:       ${figures.reportsOnce} of ${participants.length} reports and ${figures.complaintsOnce} of ${participants.length} complaints applied once`,
  );
  say(
    `repeated:      ${figures.repeatedReplies} replies delivered again, over ${kills} kills (${kills ? (figures.repeatedReplies / kills).toFixed(2) : '-'} per crash)`,
  );
  say(`order:         ${figures.orderViolations} per-chat order violations`);
  say(
    `delays:        worst after a crash ${seconds(figures.worstDelayAfterCrashMs)}, after a freeze ${seconds(figures.worstDelayAfterOutageMs)}; answer p50 ${seconds(figures.latencyMs.p50)}, p95 ${seconds(figures.latencyMs.p95)}, max ${seconds(figures.latencyMs.max)}`,
  );
  if (figures.worstCase) say(`  longest wait: ${figures.worstCase}`);
  say(
    `processes:     ${service.ownExits.length} exits not caused by the suite; database servers on the data directory: ${servers} now, at most ${Math.max(servers, ...events.map((event) => event.servers))} after an event`,
  );
  say(`log scan:      ${lines} lines, ${leaks.length} phone numbers, NIKs or secrets`);
  for (const problem of [...figures.problems, ...service.ownExits, ...leaks].slice(0, 20))
    say(`  ${problem}`);

  const floors: [string, boolean][] = [
    [`at least ${options.messages} messages sent`, figures.sent >= options.messages],
    [
      `${options.kills} kills and ${options.outages} freezes done`,
      kills === options.kills && outages === options.outages,
    ],
    ['0 lost', figures.processed === figures.sent && figures.answered === figures.sent],
    ['0 duplicated', figures.duplicates === 0 && figures.duplicatedEffects === 0],
    [
      'every report and complaint applied once',
      figures.reportsOnce === participants.length && figures.complaintsOnce === participants.length,
    ],
    ['at most 1 repeated reply per crash', figures.repeatedReplies <= kills],
    ['0 order violations', figures.orderViolations === 0],
    ['worst delay after a crash 30 s or less', figures.worstDelayAfterCrashMs <= 30_000],
    ['0 process exits', service.ownExits.length === 0],
    [
      'one database server on the data directory',
      servers === 1 && events.every((event) => event.servers === 1),
    ],
    ['0 leaks in the logs', leaks.length === 0],
  ];
  for (const [floor, held] of floors) say(`${held ? 'ok  ' : 'FAIL'}  ${floor}`);
  return floors.every(([, held]) => held);
});
