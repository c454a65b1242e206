import type { Connection } from 'mongoose';
import type { Config } from '../config';
import { connectDatabase } from './connect';
import { injectWriteFaults } from './injected-faults';
import { resolveDatabaseServer, type DatabaseServer, type Report } from './embedded';
import { migrate } from './migrations';
import { buildIndexes, createModels, type Models } from './models';

export interface OpenDatabase {
  server: DatabaseServer;
  connection: Connection;
  models: Models;
  close(): Promise<void>;
}

/** Resolves the server, connects, registers the models, converts older data and builds the indexes. */
export async function openDatabase(
  config: Pick<Config, 'MONGODB_URI' | 'EMBEDDED_DB' | 'DATA_DIR' | 'MONGOD_BINARY' | 'FERRETDB_BINARY'>,
  report: Report,
): Promise<OpenDatabase> {
  const server = await resolveDatabaseServer({
    uri: config.MONGODB_URI,
    embedded: config.EMBEDDED_DB,
    dataDir: config.DATA_DIR,
    mongodBinary: config.MONGOD_BINARY,
    ferretdbBinary: config.FERRETDB_BINARY,
    report,
  });
  try {
    const connection = await connectDatabase(server.uri);
    const models = createModels(connection);
    await prepareStorage(models, report);
    // Off unless a fault-injection run asks for it; after start-up, so that only the work it tests fails.
    injectWriteFaults(models, process.env.PENDAMPING_TEST_WRITE_FAULTS);
    return {
      server,
      connection,
      models,
      close: async () => {
        await connection.close();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Brings a database to this version's layout: older data converted first (a migration may drop an
 * index its copies would break), then every index built.
 */
export async function prepareStorage(models: Models, report: Report): Promise<void> {
  await migrate(models, report);
  await buildIndexes(models);
}
