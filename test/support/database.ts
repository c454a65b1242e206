import { randomBytes } from 'node:crypto';
import type { CommandStartedEvent } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import { connectDatabase } from '../../src/db/connect';
import { buildIndexes, createModels, type Models } from '../../src/db/models';

export interface TestDatabase {
  readonly connection: Connection;
  readonly models: Models;
  readonly uri: string;
  readonly name: string;
}

export function testServerUri(): string {
  const uri = process.env.PENDAMPING_TEST_MONGODB_URI;
  if (!uri) throw new Error('the test database server was not started (jest globalSetup)');
  return uri;
}

/**
 * Gives the calling test file a database of its own on the shared server, with every index built,
 * dropped after the file's tests.
 */
export function useTestDatabase(): TestDatabase {
  const name = `test_${randomBytes(5).toString('hex')}`;
  let connection: Connection | undefined;
  let models: Models | undefined;

  beforeAll(async () => {
    connection = await connectDatabase(testServerUri(), name);
    models = createModels(connection);
    await buildIndexes(models);
  });

  afterAll(async () => {
    if (!connection) return;
    await connection.dropDatabase();
    await connection.close();
  });

  return {
    get connection() {
      if (!connection) throw new Error('database not open yet: use it inside a test');
      return connection;
    },
    get models() {
      if (!models) throw new Error('database not open yet: use it inside a test');
      return models;
    },
    get uri() {
      return testServerUri();
    },
    name,
  };
}

/**
 * Models on a second connection to the test database that records every command it sends (the
 * driver's command monitoring): what a test checks reaches the database, and how.
 */
export function useMonitoredModels(db: TestDatabase): {
  readonly models: Models;
  commands: CommandStartedEvent[];
} {
  const commands: CommandStartedEvent[] = [];
  let connection: Connection | undefined;
  let models: Models | undefined;

  beforeAll(async () => {
    connection = mongoose.createConnection(testServerUri(), {
      dbName: db.name,
      autoIndex: false,
      autoCreate: false,
      monitorCommands: true,
    });
    await connection.asPromise();
    models = createModels(connection);
    connection.getClient().on('commandStarted', (event) => commands.push(event));
  });

  afterAll(async () => {
    await connection?.close();
  });

  return {
    get models() {
      if (!models) throw new Error('database not open yet: use it inside a test');
      return models;
    },
    commands,
  };
}
