import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { sleep } from '../../retry';

/** Asks the kernel for a free loopback port. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export function portAccepts(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface RunningProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a database server process, its output appended to `logFile`, and resolves once it accepts
 * connections on `port`. Fails with the end of its log when it exits or does not listen in time.
 */
export async function startServerProcess(
  binary: string,
  args: string[],
  port: number,
  logFile: string,
  startTimeoutMs = 30_000,
): Promise<RunningProcess> {
  const log = createWriteStream(logFile, { flags: 'a' });
  await new Promise((resolve) => log.once('open', resolve));
  const child = spawn(binary, args, { stdio: ['ignore', log, log] });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    const failure = await Promise.race([spawnError, sleep(150).then(() => undefined)]);
    if (failure) throw new Error(`could not start ${binary}: ${failure.message}`);
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${binary} ${exited ? 'exited' : 'did not listen in time'}; end of ${logFile}:\n${tail(logFile)}`,
      );
    }
    if (await portAccepts(port)) break;
  }

  return {
    child,
    stop: async () => {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
      log.end();
    },
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}
