import { isDuplicateKey } from '../db/errors';
import { acquireLease, releaseLease } from '../db/leases';
import type { Models } from '../db/models';
import type { Logger } from '../log';

/** A job the scheduler runs once per occurrence (a week, a day), on whichever instance gets to it. */
export interface ScheduledJob {
  name: string;
  /** The occurrence due at `now` (for example `2026-W48`), or undefined when nothing is due. */
  due(now: Date): string | undefined;
  /**
   * Does the occurrence's work. It must be idempotent (outbox dedupe keys): when an instance dies
   * half-way, another runs the same occurrence again once the lease expires.
   */
  run(occurrence: string, now: Date): Promise<Record<string, unknown>>;
  /** Whether an earlier job must have finished first (and how long ago), for a gentle second reminder. */
  after?: { job: string; atLeastMs: number };
  /**
   * Work found in a queue rather than owed once per occurrence (the privacy requests): it runs at every
   * tick, under its lease, and keeps no record of the run.
   */
  repeats?: true;
}

/** Long enough for a big batch; a crashed instance's run is taken over after it. */
const RUN_LEASE_MS = 10 * 60_000;

/**
 * Runs due jobs: each occurrence is claimed with a lease, done once, and recorded as finished, so two
 * scheduler instances never both do it and a killed one's work is finished by the other.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly models: Models,
    private readonly jobs: ScheduledJob[],
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  start(intervalMs = 30_000): void {
    const loop = () => {
      this.running = this.tick().then(
        () => undefined,
        (error: unknown) => this.logger.error({ err: error }, 'scheduler tick failed'),
      );
    };
    loop();
    this.timer = setInterval(loop, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs every job that is due now and not yet done; returns the occurrences this instance ran. */
  async tick(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of this.jobs) {
      const now = this.clock();
      const occurrence = job.due(now);
      if (!occurrence) continue;
      const id = job.repeats ? job.name : `${job.name}:${occurrence}`;
      if (!job.repeats && (await this.models.jobRuns.exists({ _id: id }))) continue;
      if (
        job.after &&
        !(await this.finishedBefore(`${job.after.job}:${occurrence}`, now.getTime() - job.after.atLeastMs))
      )
        continue;
      const token = await acquireLease(this.models, `job:${id}`, now, RUN_LEASE_MS);
      if (!token) continue;
      try {
        const outcome = await job.run(occurrence, now);
        if (job.repeats) {
          // Said, and counted as run, only when it found work: it runs every tick.
          if (Object.values(outcome).some((value) => typeof value === 'number' && value > 0)) {
            this.logger.info({ job: job.name, ...outcome }, `job ${id} done`);
            ran.push(id);
          }
          continue;
        }
        await this.models.jobRuns
          .create({ _id: id, job: job.name, occurrence, finishedAt: this.clock(), outcome })
          .catch((error: unknown) => {
            if (!isDuplicateKey(error)) throw error;
          });
        this.logger.info({ job: job.name, occurrence, ...outcome }, `job ${id} done`);
        ran.push(id);
      } finally {
        await releaseLease(this.models, `job:${id}`, token);
      }
    }
    return ran;
  }

  private async finishedBefore(id: string, latest: number): Promise<boolean> {
    const run = await this.models.jobRuns.findById(id, { finishedAt: 1 }).lean();
    return run !== null && run.finishedAt.getTime() <= latest;
  }
}
