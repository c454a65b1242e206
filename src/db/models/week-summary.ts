import { Schema } from 'mongoose';

/** What the overview and the weekly reports list need of one participant's report of one week. */
export interface SummarisedFigures {
  sales: number;
  spending: number;
  savingsDeposit: number;
  savingsWithdrawal: number;
  /** After this week; a late or corrected earlier week moves it, and the summary with it. */
  savingsBalance: number;
}

/**
 * One ISO week's reports as the dashboard's overview reads them, under the week (`2026-W48`): each
 * reporting participant's figures by their id, so that a page reads one document by `_id` per week
 * shown instead of searching every report, and any scope (everyone, a mentor's participants) is
 * summed from it with the participants' present attributes, as the reports would give. About 110
 * bytes a reporter: 5,000 reporters make some 550 KB, far below the 16 MB a document may hold.
 * Written with every report (src/domain/reports/week-summaries.ts), rebuilt from the reports by
 * `npm run summaries:rebuild`.
 */
export const weekSummarySchema = new Schema(
  {
    _id: { type: String, required: true },
    reporters: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'week_summaries', versionKey: false, minimize: false },
);
