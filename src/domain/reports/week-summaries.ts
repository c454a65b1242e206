import type { Types } from 'mongoose';
import { KeyedWriteGroups } from '../../db/group-commit';
import { writeUnderLease } from '../../db/leases';
import type { Models } from '../../db/models';
import type { SummarisedFigures } from '../../db/models/week-summary';

/** A participant's figures of one week, as the week's summary holds them. */
export interface SummarisedReport extends SummarisedFigures {
  participant: string;
  week: string;
}

/**
 * Reports of the same week arrive together (after the Saturday reminder) and all change its one
 * summary, which FerretDB updates by reading and writing it back: each write holds the week's lease.
 * A write takes milliseconds; one that waits this long is given up and the message tried again.
 */
const SUMMARY_LEASE = { ttlMs: 10_000, patienceMs: 10_000 };

/** A report's figures as its week's summary keeps them (a summary of an older version lacks some: 0). */
const figuresOf = (report: Partial<Record<keyof SummarisedFigures, number | null>>): SummarisedFigures => ({
  sales: report.sales ?? 0,
  spending: report.spending ?? 0,
  savingsDeposit: report.savingsDeposit ?? 0,
  savingsWithdrawal: report.savingsWithdrawal ?? 0,
  savingsBalance: report.savingsBalance ?? 0,
});

/**
 * Puts the participant's report of `week` in the week's summary, replacing what it held for them: a
 * correction replaces the figures it corrects, and the same report written again (a message handled
 * again after a fault) changes nothing, so nothing counts twice.
 */
export async function recordInWeekSummary(
  models: Models,
  participant: Types.ObjectId | string,
  week: string,
  report: SummarisedFigures,
  now: Date,
): Promise<void> {
  await summaryWrites.add(models, week, {
    participant: String(participant),
    figures: figuresOf(report),
    now,
  });
}

/**
 * The participant's savings balance after `week` in the week's summary, moved by a late or corrected
 * earlier week: the rest of what the summary holds for them stays.
 */
export async function recordBalanceInWeekSummary(
  models: Models,
  participant: Types.ObjectId | string,
  week: string,
  savingsBalance: number,
  now: Date,
): Promise<void> {
  await summaryWrites.add(models, week, { participant: String(participant), balance: savingsBalance, now });
}

/** A change of one participant's figures in a week's summary: all of them, or the balance alone. */
type SummaryWrite = { participant: string; now: Date } & (
  { figures: SummarisedFigures } | { balance: number }
);

/**
 * The `$set` of the writes that go together, in their order: a participant's figures replace what
 * was held, a balance changes only that (of the figures written before it in the same update, if any).
 */
function summaryChanges(writes: readonly SummaryWrite[]): Record<string, unknown> {
  const figures = new Map<string, SummarisedFigures>();
  const balances = new Map<string, number>();
  for (const write of writes) {
    if ('figures' in write) {
      figures.set(write.participant, { ...write.figures });
      balances.delete(write.participant);
    } else {
      const written = figures.get(write.participant);
      if (written) written.savingsBalance = write.balance;
      else balances.set(write.participant, write.balance);
    }
  }
  return {
    ...Object.fromEntries([...figures].map(([participant, held]) => [`reporters.${participant}`, held])),
    ...Object.fromEntries(
      [...balances].map(([participant, balance]) => [`reporters.${participant}.savingsBalance`, balance]),
    ),
  };
}

/**
 * The week's summary changes, one update at a time: the reports that arrive while one is written
 * (after the reminder, most of a cohort within minutes) go together in the next, under one lease,
 * rather than each waiting for its own turn.
 */
const summaryWrites = new KeyedWriteGroups<Models, SummaryWrite>((models, week, writes) =>
  holdingWeek(models, week, writes[0]!.now, () =>
    models.weekSummaries.updateOne({ _id: week }, { $set: summaryChanges(writes) }, { upsert: true }),
  ),
);

/** Runs `write` holding the week's lease, taken at `now` (the time of handling, not of the report). */
const holdingWeek = (models: Models, week: string, now: Date, write: () => Promise<unknown>) =>
  writeUnderLease(models, `week-summary:${week}`, now, SUMMARY_LEASE, write);

/** The reports of these weeks from their summaries: one read by `_id` a week, whatever is stored. */
export async function readWeekSummaries(
  models: Models,
  weeks: readonly string[],
): Promise<SummarisedReport[]> {
  const summaries = await Promise.all(weeks.map((week) => models.weekSummaries.findById(week).lean()));
  return summaries.flatMap((summary) =>
    summary
      ? Object.entries(summary.reporters as Record<string, SummarisedFigures>).map(
          ([participant, figures]) => ({
            participant,
            week: summary._id,
            ...figuresOf(figures),
          }),
        )
      : [],
  );
}

/**
 * Builds every week's summary again from the reports, reading `weekly_reports` once, and removes
 * the summaries of weeks that no longer have a report: after reports were written around the
 * service (a seed, old data converted), or to check the summaries. A report written while it runs
 * may be missed; run it again then. Returns how many weeks it wrote.
 */
export async function rebuildWeekSummaries(models: Models): Promise<number> {
  const weeks = new Map<string, Record<string, SummarisedFigures>>();
  const reports = models.weeklyReports
    .find(
      {},
      {
        participant: 1,
        week: 1,
        sales: 1,
        spending: 1,
        savingsDeposit: 1,
        savingsWithdrawal: 1,
        savingsBalance: 1,
        _id: 0,
      },
    )
    .lean()
    .cursor();
  for await (const report of reports) {
    const reporters = weeks.get(report.week) ?? {};
    reporters[String(report.participant)] = figuresOf(report);
    weeks.set(report.week, reporters);
  }
  for (const [week, reporters] of weeks) {
    await holdingWeek(models, week, new Date(), () =>
      models.weekSummaries.replaceOne({ _id: week }, { _id: week, reporters }, { upsert: true }),
    );
  }
  const stored = await models.weekSummaries.find({}, { _id: 1 }).lean();
  const gone = stored.map((summary) => summary._id).filter((week) => !weeks.has(week));
  if (gone.length > 0) await models.weekSummaries.deleteMany({ _id: { $in: gone } });
  return weeks.size;
}
