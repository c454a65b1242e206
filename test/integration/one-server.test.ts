import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultFerretdbBinary } from '../../src/db/embedded';
import { isExecutable } from '../../src/db/embedded/find-binary';
import { freeLoopbackPort } from '../../src/db/embedded/process-server';
import { spawn } from 'node:child_process';
import { finished, ROOT, waitForLine } from '../support/spawn';

/**
 * A service killed with SIGKILL cannot stop the embedded FerretDB it started. Its next start must not
 * run a second server on the same SQLite files. Needs the FerretDB binary (built by the test
 * database's set-up on this machine); Linux, as servers are found through /proc.
 */
const binary = process.env.FERRETDB_BINARY || defaultFerretdbBinary();
const describeOnLinux = isExecutable(binary) && process.platform === 'linux' ? describe : describe.skip;

/** The processes whose command line names `directory`: the database servers running on it. */
function serversOn(directory: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(`--state-dir=${directory}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describeOnLinux('the embedded database after the service was killed', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pendamping-killed-'));

  afterAll(() => {
    for (const pid of serversOn(join(dataDir, 'ferretdb'))) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs one server on its data directory, however often the service is killed', async () => {
    const started: number[][] = [];
    for (let kill = 1; kill <= 5; kill++) {
      const port = await freeLoopbackPort();
      // Node itself, not the tsx command (which runs the service as a child of its own): the kill must
      // reach the service.
      const service = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATA_DIR: dataDir,
          EMBEDDED_DB: 'ferretdb',
          FERRETDB_BINARY: binary,
          PORT: String(port),
          SCHEDULER_ENABLED: 'false',
        },
      });
      const done = finished(service);
      await waitForLine(service, /listening on/);
      const health = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(health.status).toBe(200);
      started.push(serversOn(join(dataDir, 'ferretdb')));
      service.kill('SIGKILL');
      await done;
    }
    // Each start found the one its killed predecessor left and stopped it before starting its own.
    expect(started.map((servers) => servers.length)).toEqual([1, 1, 1, 1, 1]);
    expect(serversOn(join(dataDir, 'ferretdb'))).toHaveLength(1);
  }, 120_000);
});
