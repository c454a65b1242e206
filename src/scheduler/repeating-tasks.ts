import type { Logger } from '../log';

/**
 * Work every instance does every so often, not once per occurrence like a `ScheduledJob`: it needs no
 * lease nor record, as running it twice or on two instances at once is harmless.
 */
export interface RepeatingTask {
  name: string;
  everyMs: number;
  /** Run once, and awaited, when the tasks start, before the first interval has passed. */
  atStart?: boolean;
  run(): Promise<unknown>;
}

/** Starts the tasks' timers (a failure is logged, and the task runs again at its next time); returns what stops them. */
export async function startRepeatingTasks(
  tasks: readonly RepeatingTask[],
  logger: Logger,
): Promise<() => void> {
  const runLogged = (task: RepeatingTask) => () =>
    task
      .run()
      .catch((error: unknown) => logger.error({ err: error, task: task.name }, `${task.name} failed`));
  for (const task of tasks) if (task.atStart) await runLogged(task)();
  const timers = tasks.map((task) => setInterval(runLogged(task), task.everyMs).unref());
  return () => timers.forEach((timer) => clearInterval(timer));
}
