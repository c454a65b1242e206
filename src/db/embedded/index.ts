import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startFerretdb } from './ferretdb';
import { findOnPath } from './find-binary';
import { downloadHostReachable, startMemoryServer } from './memory-server';
import { startMongod } from './mongod';
import { portAccepts } from './process-server';
import { isAlive, readAnnouncement, stopOrphan, whileStarting } from './one-server';
import type { DatabaseServer, Report } from './types';

export type { DatabaseServer, Report } from './types';
export { defaultFerretdbBinary, FERRETDB_VERSION } from './ferretdb';

export type EmbeddedChoice = 'auto' | 'mongod' | 'memory-server' | 'ferretdb';

export interface DatabaseOptions {
  /** MONGODB_URI: when set, nothing is started. */
  uri?: string | undefined;
  embedded: EmbeddedChoice;
  dataDir: string;
  mongodBinary?: string | undefined;
  ferretdbBinary?: string | undefined;
  report: Report;
}

/** Where a running embedded server announces itself, so a CLI run beside the service shares it. */
const ANNOUNCEMENT = 'embedded-db.json';

/**
 * Finds the database to use: `MONGODB_URI`; else the embedded server that another process of this
 * project already runs on the same data directory; else one it starts itself: mongod, MongoDB through
 * mongodb-memory-server, or FerretDB built with Go, in that order. One data directory never has two
 * servers: processes starting at once take turns, and a server left behind by a process that was
 * killed (its owner is gone) is stopped before a new one starts on the same files.
 */
export async function resolveDatabaseServer(options: DatabaseOptions): Promise<DatabaseServer> {
  if (options.uri)
    return { uri: options.uri, description: `MONGODB_URI (${hostsOf(options.uri)})`, stop: async () => {} };

  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const announcement = join(dataDir, ANNOUNCEMENT);
  return whileStarting(dataDir, async () => {
    const announced = readAnnouncement(announcement);
    if (announced) {
      const { uri, description, owner, pid } = announced;
      if (isAlive(owner) && (await portAccepts(Number(new URL(uri).port)))) {
        return { uri, description: `${description}, shared with process ${owner}`, stop: async () => {} };
      }
      if (pid !== undefined) await stopOrphan(pid, dataDir, options.report);
    }

    const server = await startEmbedded({ ...options, dataDir });
    writeFileSync(
      announcement,
      JSON.stringify({
        uri: server.uri,
        description: server.description,
        pid: server.pid,
        owner: process.pid,
      }),
    );
    return {
      ...server,
      stop: async () => {
        rmSync(announcement, { force: true });
        await server.stop();
      },
    };
  });
}

async function startEmbedded(options: DatabaseOptions): Promise<DatabaseServer> {
  const { embedded, dataDir, report } = options;
  const mongod = options.mongodBinary ?? findOnPath('mongod');
  if (embedded === 'mongod' || (embedded === 'auto' && mongod)) {
    if (!mongod) throw new Error('EMBEDDED_DB=mongod but no mongod on PATH and MONGOD_BINARY is not set');
    return startMongod(dataDir, mongod);
  }
  if (embedded === 'memory-server' || (embedded === 'auto' && (await downloadHostReachable()))) {
    return startMemoryServer(dataDir);
  }
  if (embedded === 'ferretdb' || options.ferretdbBinary || findOnPath('go')) {
    return startFerretdb(dataDir, options.ferretdbBinary, report);
  }
  throw new Error(
    'No database: MONGODB_URI is not set, and no mongod, MongoDB download or Go (to build FerretDB) is available here. ' +
      'Set MONGODB_URI=mongodb://host:27017/pendamping to use an existing MongoDB.',
  );
}

/** `mongodb://user:secret@db1:27017,db2/x` → `db1:27017,db2`: where, never who. */
export function hostsOf(uri: string): string {
  const afterScheme = uri.replace(/^mongodb(\+srv)?:\/\//, '');
  const withoutCredentials = afterScheme.includes('@')
    ? afterScheme.slice(afterScheme.lastIndexOf('@') + 1)
    : afterScheme;
  return withoutCredentials.split(/[/?]/)[0] ?? '';
}
