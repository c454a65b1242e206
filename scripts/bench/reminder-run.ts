import type { Models } from '../../src/db/models';
import { queueWeeklyReportReminders } from '../../src/domain/reminders';
import {
  isCandidate,
  isDue,
  reminderCaseOf,
  reminderKeyOf,
  type ReminderPopulation,
} from './reminder-population';

export interface SchedulingRun {
  queued: number;
  skipped: number;
  ms: number;
}

/**
 * The first weekly reminder as the scheduler's job runs it (src/scheduler/jobs.ts): due at once (no
 * quiet hours in the way), participants past their mentoring window left out, no simulator fallback.
 */
export async function scheduleReminders(models: Models, week: string, now: Date): Promise<SchedulingRun> {
  const start = performance.now();
  const { queued, skipped } = await queueWeeklyReportReminders(models, {
    week,
    round: 'first',
    now,
    dueAt: now,
    includeOutsideWindow: false,
  });
  return { queued, skipped, ms: performance.now() - start };
}

/** What the seed says the job must do: the dedupe keys it queues, and how many it looks at and skips. */
export function expectedReminders(population: ReminderPopulation, week: string) {
  const keys = new Set<string>();
  let skipped = 0;
  population.ids.forEach((id, index) => {
    const reminderCase = reminderCaseOf(index);
    if (isDue(reminderCase)) keys.add(reminderKeyOf(id, week));
    else if (isCandidate(reminderCase)) skipped++;
  });
  return { keys, skipped };
}

/**
 * The first run queued exactly one reminder for each participant due one and nothing else; the
 * second queued nothing. Returns what is wrong.
 */
export async function verifyScheduling(
  models: Models,
  expected: { keys: Set<string>; skipped: number },
  first: SchedulingRun,
  second: SchedulingRun,
): Promise<string[]> {
  const problems: string[] = [];
  const due = expected.keys.size;
  if (first.queued !== due) problems.push(`first run queued ${first.queued}, expected ${due}`);
  if (first.skipped !== expected.skipped)
    problems.push(
      `first run skipped ${first.skipped}, expected ${expected.skipped} (reported or no chat app)`,
    );
  if (second.queued !== 0) problems.push(`second run queued ${second.queued} more, expected none`);
  if (second.skipped !== due + expected.skipped)
    problems.push(`second run skipped ${second.skipped}, expected ${due + expected.skipped}`);

  const stored = await models.outbox.find({}, { dedupeKey: 1, _id: 0 }).lean();
  const storedKeys = new Set(stored.map((entry) => entry.dedupeKey));
  if (storedKeys.size !== stored.length)
    problems.push(`outbox: ${stored.length - storedKeys.size} entries share a dedupe key`);
  if (stored.length !== due) problems.push(`outbox: ${stored.length} entries, expected ${due}`);
  const unexpected = [...storedKeys].filter((key) => !expected.keys.has(key));
  const missing = [...expected.keys].filter((key) => !storedKeys.has(key));
  if (unexpected.length > 0)
    problems.push(`outbox: ${unexpected.length} reminders for people not due one, e.g. ${unexpected[0]}`);
  if (missing.length > 0)
    problems.push(`outbox: ${missing.length} due reminders missing, e.g. ${missing[0]}`);
  // Each reminder waits in the queue, under the same key, until it is sent.
  const queued = new Set((await models.outboxQueue.find({}, { _id: 1 }).lean()).map((entry) => entry._id));
  const notQueued = [...storedKeys].filter((key) => !queued.has(key));
  if (queued.size !== stored.length || notQueued.length > 0)
    problems.push(
      `outbox_queue: ${queued.size} entries for ${stored.length} reminders, ${notQueued.length} not queued`,
    );
  return problems;
}
