import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../../retry';
import type { Report } from './types';

/**
 * One embedded server per data directory. Two servers on the same SQLite files (or mongod files)
 * would each believe it owns them. A service killed with SIGKILL cannot stop its server, which then
 * runs on as an orphan; the next start finds it through the announcement and stops it.
 */

/** What the owner of a data directory's server wrote about it. */
export interface Announcement {
  uri: string;
  description: string;
  /** The server's process. */
  pid?: number | undefined;
  /** The process that started it and stops it. */
  owner: number;
}

export function readAnnouncement(file: string): Announcement | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const announced = JSON.parse(readFileSync(file, 'utf8')) as Announcement;
    // Its port is what the next start checks: an address that does not parse is no announcement.
    new URL(announced.uri);
    return announced;
  } catch {
    // Unreadable: written half-way by a process that died; the server started next replaces it.
    return undefined;
  }
}

/**
 * Whether the process runs. A process that ended but was not reaped (an orphan whose new parent does
 * not reap, as in some containers) still answers signals: Linux says it is a zombie (`Z`).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/**
 * Whether `pid` is still the server started on `dataDir`, and not another process that got its number
 * since: its command line names the directory. Where the command line cannot be read (not Linux), a
 * live process is taken for it.
 */
function servesDirectory(pid: number, dataDir: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
  } catch {
    return existsSync('/proc/self') ? false : true;
  }
}

/** Stops the server an owner left behind: asked first, then made to. */
export async function stopOrphan(pid: number, dataDir: string, report: Report): Promise<void> {
  if (!servesDirectory(pid, dataDir)) return;
  report(
    `stopping the database server (process ${pid}) left running on ${dataDir} by a process that stopped`,
  );
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await sleep(100);
  }
}

/** Held while a process finds or starts the data directory's server. */
const STARTING = 'embedded-db.starting';

/**
 * Whether the turn was left by a process that died: the one it names is gone, or it names none (a
 * process dies between creating the file and writing its id in it) and is more than a few seconds old.
 */
function abandoned(turn: string): boolean {
  try {
    const holder = Number(readFileSync(turn, 'utf8').trim());
    if (holder > 0) return !isAlive(holder);
    return Date.now() - statSync(turn).mtimeMs > 5000;
  } catch {
    // Gone meanwhile: the next attempt takes it.
    return false;
  }
}

/**
 * Runs `start` while no other process does the same for this data directory: a file created only if
 * absent holds the turn, with the holder's process id, so that one left by a process that died is
 * taken over. A first start may build FerretDB, which takes minutes; the others wait for it.
 */
export async function whileStarting<T>(dataDir: string, start: () => Promise<T>): Promise<T> {
  const turn = join(dataDir, STARTING);
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      const file = openSync(turn, 'wx');
      writeSync(file, String(process.pid));
      closeSync(file);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (abandoned(turn)) rmSync(turn, { force: true });
    else if (Date.now() > deadline)
      throw new Error(`${turn}: another process has been starting the database for 15 minutes`);
    else await sleep(200);
  }
  try {
    return await start();
  } finally {
    rmSync(turn, { force: true });
  }
}
