import { Schema, type InferSchemaType } from 'mongoose';
import { ISO_WEEK_PATTERN } from '../../domain/calendar';

const rupiah = { type: Number, min: 0, validate: Number.isInteger, default: 0 };

/**
 * One participant's figures for one ISO week. Its `_id` is the participant and the week, so there is
 * one report per week, found without a search; the weeks the chat needs around it are kept in the
 * participant's ledger (report-ledger.ts).
 */

/** The figures of one submission; a correction pushes the previous figures into `revisions`. */
const figures = {
  sales: rupiah,
  spending: rupiah,
  savingsDeposit: rupiah,
  savingsWithdrawal: rupiah,
  channel: { type: String, required: true },
  submittedAt: { type: Date, required: true },
  /** Who submitted it when not the participant (a mentor or staff correcting it). */
  submittedBy: { type: Schema.Types.ObjectId },
  /** Why a mentor or staff member entered or corrected it; the participant's own reports have none. */
  reason: { type: String, trim: true, maxlength: 500 },
  /** The chat message that submitted it: handled again after a fault, it is not a correction of itself. */
  inboundKey: { type: String },
};

/** `6650c0ffee…:2026-W48`: a participant's report of one ISO week, found by its key alone. */
export const weeklyReportKey = (participant: unknown, week: string) => `${String(participant)}:${week}`;

export const weeklyReportSchema = new Schema(
  {
    _id: { type: String, required: true },
    participant: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
    /** ISO week in Asia/Jakarta, `2026-W48`. */
    week: { type: String, required: true, match: ISO_WEEK_PATTERN },
    ...figures,
    /** Savings balance after this week: the previous week's balance plus deposits minus withdrawals. */
    savingsBalance: { type: Number, validate: Number.isInteger, default: 0 },
    revisions: { type: [new Schema(figures, { _id: false })], default: [] },
  },
  { collection: 'weekly_reports', timestamps: true },
);

// A report made without its key (a test, a seed) gets it from its participant and week.
weeklyReportSchema.pre('validate', function () {
  if (!this._id) this._id = weeklyReportKey(this.participant, this.week);
});

// For pages and jobs on MongoDB; the chat reads a report by its key and history from its ledger.
weeklyReportSchema.index({ participant: 1, week: 1 });
weeklyReportSchema.index({ week: 1 });

export type WeeklyReport = InferSchemaType<typeof weeklyReportSchema>;
