import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
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
