import { request } from 'node:https';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freeLoopbackPort } from './process-server';
import type { DatabaseServer } from './types';

/** mongodb-memory-server's default download host. */
const DOWNLOAD_HOST = 'fastdl.mongodb.org';

/** Whether MongoDB's download host answers at all; a closed network refuses or times out. */
export function downloadHostReachable(timeoutMs = 2500): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request(
      { host: DOWNLOAD_HOST, method: 'HEAD', path: '/', timeout: timeoutMs },
      (response) => {
        response.resume();
        resolve(true);
      },
    );
    probe.on('timeout', () => probe.destroy(new Error('timeout')));
    probe.on('error', () => resolve(false));
    probe.end();
  });
}

/** MongoDB itself, downloaded once by mongodb-memory-server, with its data kept in `dataDir`. */
export async function startMemoryServer(dataDir: string): Promise<DatabaseServer> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const directory = join(dataDir, 'mongodb');
  mkdirSync(directory, { recursive: true });
  const port = await freeLoopbackPort();
  const server = await MongoMemoryServer.create({
    instance: { dbPath: directory, port, ip: '127.0.0.1', storageEngine: 'wiredTiger' },
  });
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    description: `MongoDB (mongodb-memory-server) in ${directory}, on 127.0.0.1:${port}`,
    pid: server.instanceInfo?.instance.mongodProcess?.pid,
    stop: async () => {
      await server.stop({ doCleanup: false });
    },
  };
}
