import { Schema } from 'mongoose';

/** What the chat needs of one week's report: enough for history checks, streaks and savings. */
export interface LedgerWeek {
  sales: number;
  savingsDeposit: number;
  savingsWithdrawal: number;
  savingsBalance: number;
}

/**
 * One participant's weekly figures, by ISO week, in one document under the participant's id: what
 * a report's checks and its reply read (usual sales, last week, streak, balance) with one read by
 * `_id`, however many reports the programme holds. Written with every report
 * (src/domain/reports/weekly-report-service.ts) and rebuilt from the reports by `rebuildReportLedgers`.
 */
export const reportLedgerSchema = new Schema(
  {
    _id: { type: String, required: true },
    weeks: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'report_ledgers', versionKey: false, minimize: false },
);
