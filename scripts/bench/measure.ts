import { readFileSync } from 'node:fs';
import type { Connection } from 'mongoose';

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

/**
 * Counts what the service asks of the database, by collection and method, through mongoose's debug
 * hook (called once per operation, before it is sent): the cost of a message is mostly its round trips.
 */
export function countDatabaseOperations(connection: Connection): { stop: () => Map<string, number> } {
  const counts = new Map<string, number>();
  connection.set('debug', (collection: string, method: string) => {
    const key = `${collection}.${method}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return {
    stop: () => {
      connection.set('debug', false);
      return counts;
    },
  };
}
