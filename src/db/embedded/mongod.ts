import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freeLoopbackPort, startServerProcess } from './process-server';
import type { DatabaseServer } from './types';

export async function startMongod(dataDir: string, binary: string): Promise<DatabaseServer> {
  const directory = join(dataDir, 'mongod');
  mkdirSync(directory, { recursive: true });
  const port = await freeLoopbackPort();
  const server = await startServerProcess(
    binary,
    ['--dbpath', directory, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'],
    port,
    join(dataDir, 'mongod.log'),
  );
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    description: `MongoDB (${binary}) in ${directory}, on 127.0.0.1:${port}`,
    pid: server.child.pid,
    stop: server.stop,
  };
}
