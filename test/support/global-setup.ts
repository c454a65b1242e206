import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveDatabaseServer, type DatabaseServer } from '../../src/db/embedded';

declare global {
  var pendampingTestServer: { server: DatabaseServer; dataDir: string } | undefined;
}

/**
 * Starts one real MongoDB-compatible server for the whole run, with the same resolver as the
 * service: MONGODB_URI when set, else mongod, MongoDB or FerretDB in a fresh temporary directory.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pendamping-test-'));
  const embedded = (process.env.EMBEDDED_DB ?? 'auto') as 'auto' | 'mongod' | 'memory-server' | 'ferretdb';
  const server = await resolveDatabaseServer({
    uri: process.env.MONGODB_URI || undefined,
    embedded,
    dataDir,
    mongodBinary: process.env.MONGOD_BINARY || undefined,
    ferretdbBinary: process.env.FERRETDB_BINARY || undefined,
    report: (message) => console.log(`[test database] ${message}`),
  });
  console.log(`\n[test database] ${server.description}`);
  process.env.PENDAMPING_TEST_MONGODB_URI = server.uri;
  globalThis.pendampingTestServer = { server, dataDir };
}
