import { readFileSync, readlinkSync } from 'node:fs';

/**
 * The process that holds a lease, told precisely enough that another process of the same machine can
 * see it has died: its pid where pids mean the same (one boot of the kernel, one pid namespace: two
 * containers of a host each count their own) and when it started, so that a pid given again to a new
 * process is not taken for the holder.
 */
export interface LeaseHolder {
  /** The kernel's boot id and the pid namespace. */
  machine: string;
  pid: number;
  /** When the process started, in clock ticks since boot (`/proc/<pid>/stat`). */
  startedAt: number;
}

/** A holder as a lease document gives it back (older leases name none). */
export type RecordedHolder = { [Field in keyof LeaseHolder]?: LeaseHolder[Field] | null };

/**
 * This process as a lease holder; undefined where Linux's /proc does not tell (another system, a
 * sandbox): its leases then only expire.
 */
export const thisProcess: LeaseHolder | undefined = (() => {
  const startedAt = processStat(process.pid)?.startedAt;
  const machine = machineOfThisProcess();
  return startedAt !== undefined && machine ? { machine, pid: process.pid, startedAt } : undefined;
})();

/**
 * Whether `holder` is known to have ended: a process of this machine that is gone, a zombie, or whose
 * pid now belongs to a process started later. Anything it cannot be sure of (another machine, a process
 * of another user that it may not look at, no holder recorded) counts as running.
 */
export function holderEnded(holder: RecordedHolder | null | undefined): boolean {
  if (!thisProcess || !holder || holder.machine !== thisProcess.machine) return false;
  const { pid, startedAt } = holder;
  // Never 0 or below: a signal to those reaches whole process groups.
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || typeof startedAt !== 'number')
    return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const stat = processStat(pid);
  if (!stat) return false;
  return stat.state === 'Z' || stat.state === 'X' || stat.startedAt !== startedAt;
}

function machineOfThisProcess(): string | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return `${boot}/${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return undefined;
  }
}

/** A process's state letter and start time, from `/proc/<pid>/stat`; undefined when unreadable. */
function processStat(pid: number): { state: string; startedAt: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2, in parentheses) may hold spaces and parentheses: count from the last `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startedAt = Number(fields[19]);
  return state && Number.isSafeInteger(startedAt) ? { state, startedAt } : undefined;
}
