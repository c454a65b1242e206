import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cleanup } from './cleanup';

/**
 * The service as it is deployed, `src/main.ts` in a process of its own, on the run's database: its
 * memory is its own, not mixed with the seed's and the client's. Scheduler and simulator off, so that
 * what the run measures is the pages.
 */
export interface ServiceProcess {
  baseUrl: string;
  pid: number;
  /** Milliseconds from spawn until /readyz answered 200 (migrations and the start-up sweep included). */
  startedInMs: number;
  /** The service's resident memory now, from /proc. */
  rss: () => number | undefined;
  /** Errors the service logged, by message. */
  errors: () => Map<string, number>;
}

export async function startServiceProcess(
  databaseUri: string,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<ServiceProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'pendamping-bench-service-'));
  cleanup.add('remove the service data directory', async () =>
    rmSync(dataDir, { recursive: true, force: true }),
  );
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'src', 'main.ts')], {
    cwd: join(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      MONGODB_URI: databaseUri,
      DATA_DIR: dataDir,
      SCHEDULER_ENABLED: 'false',
      SIMULATOR_ENABLED: 'false',
      WHATSAPP_WEB_ENABLED: 'false',
      SIGN_IN_MAX_PER_ADDRESS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanup.add('stop the service', () => stop(child));
  const errors = new Map<string, number>();
  let output = '';
  const listen = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
    for (const line of chunk.toString('utf8').split('\n')) {
      const message = /"msg":"([^"]*)"/.exec(line)?.[1];
      if (message && /"level":(50|60)/.test(line)) errors.set(message, (errors.get(message) ?? 0) + 1);
    }
  };
  child.stdout?.on('data', listen);
  child.stderr?.on('data', listen);

  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    if (signal.aborted) throw new Error('aborted while the service started');
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${output}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pid = child.pid ?? 0;
  return {
    baseUrl,
    pid,
    startedInMs: performance.now() - started,
    rss: () => statusField(pid, 'VmRSS'),
    errors: () => errors,
  };
}

/** A field of /proc/<pid>/status in bytes (VmRSS now, VmHWM the peak), when it can be read. */
export function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's resident memory every 50 ms while `work` runs: the highest, and where it began. */
export async function rssDuring<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; before: number; peak: number }> {
  const before = statusField(pid, 'VmRSS') ?? 0;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, statusField(pid, 'VmRSS') ?? 0);
  }, 50);
  try {
    const result = await work();
    return { result, before, peak: Math.max(peak, statusField(pid, 'VmRSS') ?? 0) };
  } finally {
    clearInterval(timer);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** SIGTERM (the service finishes its requests and stops), then SIGKILL after 10 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
