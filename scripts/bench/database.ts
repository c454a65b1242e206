import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../src/db/connect';
import { resolveDatabaseServer, type DatabaseServer } from '../../src/db/embedded';
import type { EmbeddedChoice } from '../../src/db/embedded';
import { buildIndexes, createModels, type Models } from '../../src/db/models';
import type { Cleanup } from './cleanup';

export interface BenchDatabase {
  server: DatabaseServer;
  connection: Connection;
  models: Models;
  name: string;
}

const EMBEDDED_CHOICES: readonly EmbeddedChoice[] = ['auto', 'mongod', 'memory-server', 'ferretdb'];

/**
 * The service's own resolver, in a temporary data directory so that nothing the developer keeps in
 * ./data is touched, and a database of its own name. Everything it creates is registered in
 * `cleanup`, step by step, so a failure half-way still stops the server and removes the directory.
 */
export async function openBenchDatabase(
  cleanup: Cleanup,
  say: (line: string) => void,
): Promise<BenchDatabase> {
  const server = await startBenchServer(cleanup, say);
  const name = benchDatabaseName();
  const { connection, models } = await connectBenchDatabase(server, name, cleanup);
  await buildIndexes(models);
  return { server, connection, models, name };
}

/** The database server of a run, in a temporary data directory removed at the end. */
export async function startBenchServer(
  cleanup: Cleanup,
  say: (line: string) => void,
): Promise<DatabaseServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pendamping-bench-'));
  cleanup.add('remove the temporary data directory', async () =>
    rmSync(dataDir, { recursive: true, force: true }),
  );
  const server = await resolveDatabaseServer({
    uri: process.env.MONGODB_URI || undefined,
    embedded: embeddedChoice(process.env.EMBEDDED_DB),
    dataDir,
    mongodBinary: process.env.MONGOD_BINARY || undefined,
    ferretdbBinary: process.env.FERRETDB_BINARY || undefined,
    report: (message) => say(`[database] ${message}`),
  });
  cleanup.add('stop the database server', () => server.stop());
  return server;
}

export const benchDatabaseName = () => `bench_${randomBytes(5).toString('hex')}`;

/**
 * A connection to database `name` on the run's server, with the models registered (no index built),
 * closed by `cleanup`; on a server that outlives the run (MONGODB_URI) the database is dropped too.
 */
export async function connectBenchDatabase(
  server: DatabaseServer,
  name: string,
  cleanup: Cleanup,
  options: { monitorCommands?: boolean } = {},
): Promise<{ connection: Connection; models: Models }> {
  const connection = await connectDatabase(server.uri, name, options);
  cleanup.add('close the database connection', () => connection.close());
  // On a server that outlives the run (MONGODB_URI), the benchmark's data must not stay behind.
  if (process.env.MONGODB_URI)
    cleanup.add(`drop the database ${name}`, async () => {
      await connection.dropDatabase();
    });
  return { connection, models: createModels(connection) };
}

function embeddedChoice(text: string | undefined): EmbeddedChoice {
  if (!text) return 'auto';
  const choice = EMBEDDED_CHOICES.find((candidate) => candidate === text);
  if (!choice) throw new Error(`EMBEDDED_DB: expected one of ${EMBEDDED_CHOICES.join(', ')}, got "${text}"`);
  return choice;
}
