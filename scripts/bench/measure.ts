import { readFileSync } from 'node:fs';
import type { Connection, mongo } from 'mongoose';

type CommandStartedEvent = mongo.CommandStartedEvent;
type CommandFinishedEvent = mongo.CommandSucceededEvent | mongo.CommandFailedEvent;

/** Nearest-rank percentile of values sorted ascending (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarizeLatencies(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/**
 * Peak resident memory of this process (client, HTTP server and engine together), sampled every
 * 100 ms: process.memoryUsage.rss() reads one number and does not walk the heap.
 */
export function sampleRss(everyMs = 100): { stop: () => number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

/** The kernel's high-water mark of another process's resident memory (Linux), when it can be read. */
export function peakRssOfProcess(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, ms) another process has used so far (Linux), when it can be read. */
export function cpuMsOfProcess(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name, which is in parentheses and may contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // The kernel counts in clock ticks, 100 per second on Linux (USER_HZ).
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time used by this process and by the database server during a span of the run. */
export function cpuMeter(databasePid: number | undefined): {
  stop: () => { node: number; database?: number };
} {
  const node = process.cpuUsage();
  const database = cpuMsOfProcess(databasePid);
  return {
    stop: () => {
      const used = process.cpuUsage(node);
      const databaseNow = cpuMsOfProcess(databasePid);
      return {
        node: (used.user + used.system) / 1000,
        ...(database !== undefined && databaseNow !== undefined ? { database: databaseNow - database } : {}),
      };
    },
  };
}

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The driver's own handshake and monitoring, should it ever report them as commands: not the service's. */
const DRIVER_MONITORING = new Set(['hello', 'ismaster', 'isMaster']);

/** `find inbound_messages`, `getMore outbox`, `endSessions`: a command and the collection it names. */
export function commandKey(event: Pick<CommandStartedEvent, 'commandName' | 'command'>): string {
  const { commandName, command } = event;
  const named: unknown = commandName === 'getMore' ? command.collection : command[commandName];
  return typeof named === 'string' && named !== '' ? `${commandName} ${named}` : commandName;
}

/**
 * Counts every command the connection's driver sends (its `commandStarted` events; the connection
 * must be opened with `monitorCommands`), by command and collection: the cost of a message is
 * mostly its round trips. `milliseconds` adds up, by the same key, how long each took from the
 * driver's side (queueing in the server included), to show which round trips cost the most.
 * `excluded` is what was left out as the driver's own monitoring.
 */
export function countCommands(connection: Connection): {
  stop: () => { counts: Map<string, number>; milliseconds: Map<string, number>; excluded: number };
} {
  const counts = new Map<string, number>();
  const milliseconds = new Map<string, number>();
  const keysInFlight = new Map<number, string>();
  let excluded = 0;
  const started = (event: CommandStartedEvent) => {
    if (DRIVER_MONITORING.has(event.commandName)) {
      excluded++;
      return;
    }
    const key = commandKey(event);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    keysInFlight.set(event.requestId, key);
  };
  const finished = (event: CommandFinishedEvent) => {
    const key = keysInFlight.get(event.requestId);
    if (key === undefined) return;
    keysInFlight.delete(event.requestId);
    milliseconds.set(key, (milliseconds.get(key) ?? 0) + event.duration);
  };
  const client = connection.getClient();
  client.on('commandStarted', started);
  client.on('commandSucceeded', finished);
  client.on('commandFailed', finished);
  return {
    stop: () => {
      client.off('commandStarted', started);
      client.off('commandSucceeded', finished);
      client.off('commandFailed', finished);
      return { counts, milliseconds, excluded };
    },
  };
}
