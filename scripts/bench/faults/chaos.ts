import type { ServiceProcess } from './service-process';

export interface ChaosEvent {
  kind: 'kill' | 'outage';
  at: number;
  /** When the service listened again after a kill, or the database was let go after an outage. */
  until: number;
  /** Messages sent before it: where in the load it came. */
  afterMessages: number;
  /** Database servers running on the data directory once the event was over. */
  servers: number;
}

/** How long the database is frozen at a time. */
export const OUTAGE_MS = 10_000;
/** The least time between the end of one event and the next, so that each is seen recovered from. */
const LEAST_GAP_MS = 3000;

/**
 * Kills the service with SIGKILL and starts it again, and freezes its database with SIGSTOP for 10 s,
 * in a random order at random moments of the load: each when the messages sent reach a point drawn
 * between 5 % and 95 % of `expectedMessages`, a few seconds after the one before at the least.
 */
export async function runChaos(
  service: ServiceProcess,
  plan: { kills: number; outages: number; expectedMessages: number },
  progress: () => number,
  stopped: AbortSignal,
  events: ChaosEvent[],
): Promise<void> {
  const kinds: ChaosEvent['kind'][] = [
    ...Array<ChaosEvent['kind']>(plan.kills).fill('kill'),
    ...Array<ChaosEvent['kind']>(plan.outages).fill('outage'),
  ].sort(() => Math.random() - 0.5);
  const points = kinds
    .map(() => Math.floor(plan.expectedMessages * (0.05 + 0.9 * Math.random())))
    .sort((a, b) => a - b);
  for (const [index, kind] of kinds.entries()) {
    await new Promise((resolve) => setTimeout(resolve, LEAST_GAP_MS + Math.random() * 2000));
    while (progress() < (points[index] ?? 0) && !stopped.aborted)
      await new Promise((resolve) => setTimeout(resolve, 100));
    if (stopped.aborted) return;
    const at = Date.now();
    const afterMessages = progress();
    if (kind === 'kill') {
      await service.kill();
      await service.start();
    } else {
      const pid = service.databasePid();
      if (pid === undefined) throw new Error('no database server announced on the data directory');
      process.kill(pid, 'SIGSTOP');
      try {
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      } finally {
        process.kill(pid, 'SIGCONT');
      }
    }
    events.push({ kind, at, until: Date.now(), afterMessages, servers: service.serversOnDataDir().length });
  }
}
