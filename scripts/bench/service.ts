import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { simulatorRouters } from '../../src/channels/simulator';
import { ConversationService } from '../../src/conversations/conversation-service';
import { databaseReachable } from '../../src/db/connect';
import type { Models } from '../../src/db/models';
import { interpretAnswer } from '../../src/engine/conversation/interpret';
import { loadFlows } from '../../src/engine/flows';
import { createHttpApp } from '../../src/http';
import { createLogger } from '../../src/log';
import type { Cleanup } from './cleanup';
import type { ServiceLog } from './service-log';

export interface RunningService {
  baseUrl: string;
  /** Chats the periodic sweep visited because a message of theirs was still 'received'. */
  swept: () => number;
  /** How long the sweep at start-up took, as src/main.ts runs it before serving. */
  startupSweepMs: number;
}

/** The defaults of src/config.ts, which the service runs with unless the environment says otherwise. */
const TIME_ZONE = 'Asia/Jakarta';
const IDLE_MINUTES = 24 * 60;
const SWEEP_EVERY_MS = 5_000;

/**
 * The service as src/main.ts composes it (flows, ConversationService with the real interpreter, the
 * simulator's routers, the express app, the sweep at start-up and, unless `withSweep` is false, the
 * periodic one), listening on an ephemeral loopback port. Its errors are counted for the report (and
 * written to stderr when LOG_LEVEL is set).
 */
export async function startService(
  models: Models,
  connection: Connection,
  cleanup: Cleanup,
  withSweep: boolean,
  log: ServiceLog,
): Promise<RunningService> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'error', log);
  const flows = loadFlows(join(__dirname, '..', '..', 'flows'));
  const clock = () => new Date();
  const conversations = new ConversationService({
    models,
    flows,
    interpret: interpretAnswer,
    clock,
    timeZone: TIME_ZONE,
    idleTimeoutMs: IDLE_MINUTES * 60_000,
    logger,
    complaints: { calendar: { timeZone: TIME_ZONE, holidays: new Set() } },
  });

  let swept = 0;
  const sweep = () =>
    conversations
      .sweep()
      .then((handled) => {
        swept += handled;
      })
      .catch((error: unknown) => logger.error({ err: error }, 'sweep failed'));
  const sweepStarted = performance.now();
  await sweep();
  const startupSweepMs = performance.now() - sweepStarted;
  swept = 0;
  if (withSweep) {
    const sweeper = setInterval(sweep, SWEEP_EVERY_MS);
    sweeper.unref();
    cleanup.add('stop the sweeper', async () => clearInterval(sweeper));
  }

  const app = createHttpApp({
    databaseReady: () => databaseReachable(connection),
    routers: simulatorRouters({ models, conversations, clock }),
    logger,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  cleanup.add('close the HTTP server', () => closeServer(server));
  cleanup.add('mute the service log', async () => log.mute());
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, swept: () => swept, startupSweepMs };
}

function closeServer(server: Server): Promise<void> {
  // Kept-alive connections would hold close() open until they time out.
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
