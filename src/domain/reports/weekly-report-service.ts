import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { isDuplicateKey } from '../../db/errors';

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
}

export type SubmissionOutcome = { kind: 'created' | 'corrected'; savingsBalance: number };

/**
 * Stores the week's report: one per participant and ISO week (a unique index), a resubmission for the
 * same week is a correction that keeps the earlier figures as a revision, so nothing counts twice.
 * The running savings balance is recomputed from that week on, since a late entry changes every
 * later balance.
 */
export async function submitWeeklyReport(
  models: Models,
  submission: WeeklySubmission,
): Promise<SubmissionOutcome> {
  const { participant, week } = submission;
  const figures = {
    sales: submission.sales,
    spending: submission.spending,
    savingsDeposit: submission.savingsDeposit,
    savingsWithdrawal: submission.savingsWithdrawal,
    channel: submission.channel,
    submittedAt: submission.submittedAt,
    ...(submission.submittedBy ? { submittedBy: submission.submittedBy } : {}),
    ...(submission.reason ? { reason: submission.reason } : {}),
  };
  // The participant's own resubmission after a mentor's correction is theirs again: no corrector, no reason.
  const cleared = {
    ...(submission.submittedBy ? {} : { submittedBy: 1 }),
    ...(submission.reason ? {} : { reason: 1 }),
  };
  let kind: SubmissionOutcome['kind'] = 'corrected';
  const previous = await models.weeklyReports.findOne({ participant, week }).lean();
  if (previous) {
    const earlier = {
      sales: previous.sales,
      spending: previous.spending,
      savingsDeposit: previous.savingsDeposit,
      savingsWithdrawal: previous.savingsWithdrawal,
      channel: previous.channel,
      submittedAt: previous.submittedAt,
      ...(previous.submittedBy ? { submittedBy: previous.submittedBy } : {}),
      ...(previous.reason ? { reason: previous.reason } : {}),
    };
    await models.weeklyReports.updateOne(
      { _id: previous._id },
      {
        $set: figures,
        $push: { revisions: earlier },
        ...(Object.keys(cleared).length > 0 ? { $unset: cleared } : {}),
      },
      { runValidators: true },
    );
  } else {
    try {
      await models.weeklyReports.create({ participant, week, ...figures });
      kind = 'created';
    } catch (error) {
      // Another message for the same week won the race: this one becomes its correction.
      if (!isDuplicateKey(error)) throw error;
      return submitWeeklyReport(models, submission);
    }
  }
  const savingsBalance = await recomputeSavingsBalances(models, participant, week);
  return { kind, savingsBalance };
}

/** Rewrites the running balance of `fromWeek` and every later week; returns the balance of `fromWeek`. */
export async function recomputeSavingsBalances(
  models: Models,
  participant: Types.ObjectId,
  fromWeek: string,
): Promise<number> {
  // ISO week strings sort in calendar order, so string comparison is week order.
  const before = await models.weeklyReports
    .findOne({ participant, week: { $lt: fromWeek } }, { savingsBalance: 1 })
    .sort({ week: -1 })
    .lean();
  let balance = before?.savingsBalance ?? 0;
  let balanceOfWeek = balance;
  const reports = await models.weeklyReports
    .find(
      { participant, week: { $gte: fromWeek } },
      { week: 1, savingsDeposit: 1, savingsWithdrawal: 1, savingsBalance: 1 },
    )
    .sort({ week: 1 })
    .lean();
  for (const report of reports) {
    balance += report.savingsDeposit - report.savingsWithdrawal;
    if (report.week === fromWeek) balanceOfWeek = balance;
    if (report.savingsBalance !== balance) {
      await models.weeklyReports.updateOne({ _id: report._id }, { $set: { savingsBalance: balance } });
    }
  }
  return balanceOfWeek;
}
