import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { isDuplicateKey } from '../../db/errors';
import type { LedgerWeek } from '../../db/models/report-ledger';
import { weeklyReportKey } from '../../db/models/weekly-report';
import type { WeekFigures } from './progress';
import { readWeekSummaries, recordBalanceInWeekSummary, recordInWeekSummary } from './week-summaries';

export interface WeeklyFigures {
  sales: number;
  spending: number;
  savingsDeposit: number;
  savingsWithdrawal: number;
}

export interface WeeklySubmission extends WeeklyFigures {
  participant: Types.ObjectId;
  /** ISO week in the program's time zone, `2026-W48`. */
  week: string;
  channel: string;
  submittedAt: Date;
  /** A mentor or staff member correcting the report; absent when the participant sends it. */
  submittedBy?: Types.ObjectId | undefined;
  /** Why they entered or corrected it, kept with these figures (and in the revision once replaced). */
  reason?: string | undefined;
  /** The chat message that sent it, when one did: handling that message again stores nothing twice. */
  inboundKey?: string | undefined;
}

export type SubmissionOutcome = {
  kind: 'created' | 'corrected';
  savingsBalance: number;
  /** The participant's ledger after this report: every week's figures, for the reply. */
  weeks: Ledger;
};

/** A participant's weekly figures by ISO week. */
export type Ledger = Record<string, LedgerWeek>;

/** The participant's weekly figures, read by `_id` (one document, however long the programme runs). */
export async function readLedger(models: Models, participant: Types.ObjectId | string): Promise<Ledger> {
  const ledger = await models.reportLedgers.findById(String(participant)).lean();
  return (ledger?.weeks ?? {}) as Ledger;
}

/**
 * Who reported `week`, as participant ids in the order of their reports' keys, only among `among`
 * when given: from the week's summary, one read by `_id`, however many reports are stored.
 */
export async function reportersOfWeek(
  models: Models,
  week: string,
  among?: ReadonlySet<string>,
): Promise<string[]> {
  return (await readWeekSummaries(models, [week]))
    .map((figures) => figures.participant)
    .filter((participant) => !among || among.has(participant))
    .sort();
}

/** Reports read by key at once. */
const READS_AT_ONCE = 32;

/** These participants' reports of `week`, in the order given, each read by its key (one missing is left out). */
export async function reportsOfWeek(models: Models, week: string, participants: readonly string[]) {
  const reports = [];
  for (let start = 0; start < participants.length; start += READS_AT_ONCE) {
    const read = await Promise.all(
      participants
        .slice(start, start + READS_AT_ONCE)
        .map((participant) => models.weeklyReports.findById(weeklyReportKey(participant, week)).lean()),
    );
    for (const report of read) if (report) reports.push(report);
  }
  return reports;
}

/** The ledger as `WeekFigures` rows, for the pure checks in progress.ts. */
export function ledgerRows(weeks: Ledger): WeekFigures[] {
  return Object.entries(weeks).map(([week, figures]) => ({ week, ...figures }));
}

/**
 * Stores the week's report: one per participant and ISO week (its `_id`), a resubmission for the
 * same week is a correction that keeps the earlier figures as a revision, so nothing counts twice.
 * The running savings balance is recomputed from that week on, since a late entry changes every
 * later balance; the participant's ledger and the week's summary get the new figures.
 */
export async function submitWeeklyReport(
  models: Models,
  submission: WeeklySubmission,
): Promise<SubmissionOutcome> {
  const { participant, week } = submission;
  const key = weeklyReportKey(participant, week);
  const figures = {
    sales: submission.sales,
    spending: submission.spending,
    savingsDeposit: submission.savingsDeposit,
    savingsWithdrawal: submission.savingsWithdrawal,
    channel: submission.channel,
    submittedAt: submission.submittedAt,
    ...(submission.submittedBy ? { submittedBy: submission.submittedBy } : {}),
    ...(submission.reason ? { reason: submission.reason } : {}),
    ...(submission.inboundKey ? { inboundKey: submission.inboundKey } : {}),
  };
  const weeks = await readLedger(models, participant);
  const balances = balancesFrom(weeks, week, submission.savingsDeposit, submission.savingsWithdrawal);
  const savingsBalance = balances.get(week) ?? 0;

  let kind: SubmissionOutcome['kind'] = 'created';
  // Looked up even when the ledger has no such week: a fault may have come between the two writes.
  let previous =
    weeks[week] || submission.inboundKey ? await models.weeklyReports.findById(key).lean() : null;
  if (previous && submission.inboundKey && previous.inboundKey === submission.inboundKey) {
    // This very message, handled again after a fault: its report is stored; what follows it is
    // written again (the same values), and it is told as it was the first time.
    kind = previous.revisions.length > 0 ? 'corrected' : 'created';
    previous = null;
  } else if (!previous) {
    try {
      await models.weeklyReports.create({ _id: key, participant, week, ...figures, savingsBalance });
    } catch (error) {
      // Another message for the same week won the race, or this very submission was stored before
      // a crash: read what is there.
      if (!isDuplicateKey(error)) throw error;
      previous = await models.weeklyReports.findById(key).lean();
      if (previous && sameSubmission(previous, figures)) previous = null;
      else if (!previous) throw error;
    }
  }
  if (previous) {
    kind = 'corrected';
    const cleared = {
      ...(submission.submittedBy ? {} : { submittedBy: 1 }),
      ...(submission.reason ? {} : { reason: 1 }),
      ...(submission.inboundKey ? {} : { inboundKey: 1 }),
    };
    await models.weeklyReports.updateOne(
      { _id: key },
      {
        $set: { ...figures, savingsBalance },
        $push: { revisions: revisionOf(previous) },
        // The participant's own resubmission after a mentor's correction is theirs again: no corrector,
        // no reason; a correction on the dashboard came from no chat message.
        ...(Object.keys(cleared).length > 0 ? { $unset: cleared } : {}),
      },
      { runValidators: true },
    );
  }
  // Also when this very message is handled again: a fault may have come before the summary's write.
  // `submittedAt` is when it is handled (the chat's or the dashboard's clock), which the lease needs.
  await recordInWeekSummary(
    models,
    participant,
    week,
    { ...submission, savingsBalance },
    submission.submittedAt,
  );

  const updated: Ledger = { ...weeks };
  updated[week] = {
    sales: submission.sales,
    savingsDeposit: submission.savingsDeposit,
    savingsWithdrawal: submission.savingsWithdrawal,
    savingsBalance,
  };
  const ledgerChanges: Record<string, unknown> = { [`weeks.${week}`]: updated[week] };
  for (const [later, balance] of balances) {
    const entry = updated[later];
    if (later === week || !entry || entry.savingsBalance === balance) continue;
    updated[later] = { ...entry, savingsBalance: balance };
    ledgerChanges[`weeks.${later}.savingsBalance`] = balance;
    // A late entry moves every later week's balance: rare, so each is written by its key.
    await models.weeklyReports.updateOne(
      { _id: weeklyReportKey(participant, later) },
      { $set: { savingsBalance: balance } },
    );
    await recordBalanceInWeekSummary(models, participant, later, balance, submission.submittedAt);
  }
  await models.reportLedgers.updateOne(
    { _id: String(participant) },
    { $set: ledgerChanges },
    { upsert: true },
  );
  return { kind, savingsBalance, weeks: updated };
}

/** The savings balance of `week` and of every later week once `week` has this deposit and withdrawal. */
function balancesFrom(weeks: Ledger, week: string, deposit: number, withdrawal: number): Map<string, number> {
  // ISO week strings sort in calendar order, so string comparison is week order.
  const earlier = Object.keys(weeks)
    .filter((other) => other < week)
    .sort()
    .at(-1);
  let balance = (earlier ? weeks[earlier]?.savingsBalance : 0) ?? 0;
  balance += deposit - withdrawal;
  const balances = new Map([[week, balance]]);
  for (const later of Object.keys(weeks)
    .filter((other) => other > week)
    .sort()) {
    const entry = weeks[later];
    if (!entry) continue;
    balance += entry.savingsDeposit - entry.savingsWithdrawal;
    balances.set(later, balance);
  }
  return balances;
}

interface StoredFigures extends WeeklyFigures {
  channel: string;
  submittedAt: Date;
  submittedBy?: Types.ObjectId | null | undefined;
  reason?: string | null | undefined;
}

function revisionOf(previous: StoredFigures) {
  return {
    sales: previous.sales,
    spending: previous.spending,
    savingsDeposit: previous.savingsDeposit,
    savingsWithdrawal: previous.savingsWithdrawal,
    channel: previous.channel,
    submittedAt: previous.submittedAt,
    ...(previous.submittedBy ? { submittedBy: previous.submittedBy } : {}),
    ...(previous.reason ? { reason: previous.reason } : {}),
  };
}

/** The stored report is this very submission (written before a crash): not a correction of itself. */
function sameSubmission(stored: StoredFigures, figures: StoredFigures): boolean {
  return (
    stored.submittedAt.getTime() === figures.submittedAt.getTime() &&
    stored.channel === figures.channel &&
    stored.sales === figures.sales &&
    stored.spending === figures.spending &&
    stored.savingsDeposit === figures.savingsDeposit &&
    stored.savingsWithdrawal === figures.savingsWithdrawal
  );
}

/**
 * Builds the ledgers again from the reports, reading `weekly_reports` once: after reports were
 * written around the service (a seed, an import of old data), and when older data is converted.
 * Returns how many ledgers it wrote.
 */
export async function rebuildReportLedgers(models: Models): Promise<number> {
  const ledgers = new Map<string, Ledger>();
  const reports = models.weeklyReports
    .find({}, { participant: 1, week: 1, sales: 1, savingsDeposit: 1, savingsWithdrawal: 1, _id: 0 })
    .lean()
    .cursor();
  for await (const report of reports) {
    const participant = String(report.participant);
    const weeks = ledgers.get(participant) ?? {};
    weeks[report.week] = {
      sales: report.sales,
      savingsDeposit: report.savingsDeposit,
      savingsWithdrawal: report.savingsWithdrawal,
      savingsBalance: 0,
    };
    ledgers.set(participant, weeks);
  }
  let writes: Parameters<typeof models.reportLedgers.bulkWrite>[0] = [];
  for (const [participant, weeks] of ledgers) {
    let balance = 0;
    for (const week of Object.keys(weeks).sort()) {
      const entry = weeks[week];
      if (!entry) continue;
      balance += entry.savingsDeposit - entry.savingsWithdrawal;
      entry.savingsBalance = balance;
    }
    writes.push({
      replaceOne: { filter: { _id: participant }, replacement: { _id: participant, weeks }, upsert: true },
    });
    if (writes.length === 500) {
      await models.reportLedgers.bulkWrite(writes, { ordered: false });
      writes = [];
    }
  }
  if (writes.length > 0) await models.reportLedgers.bulkWrite(writes, { ordered: false });
  return ledgers.size;
}
