import type { ServiceProcess } from './service-process';

export interface ChaosEvent {
  kind: 'kill' | 'outage';
  at: number;
  /** When the service listened again after a kill, or the database was let go after an outage. */
  until: number;
  /** Database servers running on the data directory once the event was over. */
  servers: number;
}

/** How long the database is frozen at a time. */
export const OUTAGE_MS = 10_000;

/**
 * Kills the service with SIGKILL and starts it again, and freezes its database with SIGSTOP for 10 s,
 * in a random order at random moments a few seconds apart, until all are done or the run stops.
 */
export async function runChaos(
  service: ServiceProcess,
  plan: { kills: number; outages: number },
  stopped: AbortSignal,
  events: ChaosEvent[],
): Promise<void> {
  const kinds: ChaosEvent['kind'][] = [
    ...Array<ChaosEvent['kind']>(plan.kills).fill('kill'),
    ...Array<ChaosEvent['kind']>(plan.outages).fill('outage'),
  ].sort(() => Math.random() - 0.5);
  for (const kind of kinds) {
    await new Promise((resolve) => setTimeout(resolve, 3000 + Math.random() * 7000));
    if (stopped.aborted) return;
    const at = Date.now();
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
    events.push({ kind, at, until: Date.now(), servers: service.serversOnDataDir().length });
  }
}
