import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { readAnnouncement } from '../../../src/db/embedded/one-server';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The service as `npm start` runs it, as a real process on its embedded database, started again after
 * each kill. Node runs the service itself (not the tsx command, which would run it as a child of its
 * own), so that SIGKILL reaches it. Every process writes its output to a file of its own in
 * `logDir`, which the log scan reads at the end. An exit the suite did not cause is counted.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private log: WriteStream | undefined;
  private starts = 0;
  private killing = false;
  /** Exits the suite did not cause, with their code or signal. */
  readonly ownExits: string[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly dataDir: string,
    private readonly logDir: string,
  ) {}

  /** Starts a process and waits until it listens (FerretDB started or taken over, the sweep run). */
  async start(timeoutMs = 120_000): Promise<void> {
    const file = join(this.logDir, `service-${++this.starts}.log`);
    const log = createWriteStream(file);
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.log = log;
    this.killing = false;
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.once('exit', (code, signal) => {
      if (!this.killing) this.ownExits.push(`process ${child.pid} exited by itself (${signal ?? code})`);
    });
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(
        () => reject(new Error(`the service did not listen within ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.stdout?.on('data', function listen(chunk: Buffer) {
        seen = (seen + chunk.toString()).slice(-4096);
        if (!seen.includes('Pendamping is listening on')) return;
        child.stdout?.off('data', listen);
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`the service exited while starting; see ${file}`));
      });
    });
  }

  /** Kills the process as `kill -9` does and waits until it is gone; its FerretDB runs on. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.killing = true;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await gone;
    this.log?.end();
  }

  /** The process id of the database server the data directory's lock file names. */
  databasePid(): number | undefined {
    return readAnnouncement(join(this.dataDir, 'embedded-db.json'))?.pid;
  }

  /** The database's address, as the lock file gives it to a CLI sharing the server. */
  databaseUri(): string {
    const announced = readAnnouncement(join(this.dataDir, 'embedded-db.json'));
    if (!announced) throw new Error('no database server announced on the data directory');
    return announced.uri;
  }

  /** The running processes whose command line names the data directory's FerretDB state: its servers. */
  serversOnDataDir(): number[] {
    const state = `--state-dir=${join(this.dataDir, 'ferretdb')}`;
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(state);
        } catch {
          return false;
        }
      })
      .map(Number);
  }
}
