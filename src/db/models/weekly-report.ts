import { Schema, type InferSchemaType } from 'mongoose';
import { ISO_WEEK_PATTERN } from '../../domain/calendar';

const rupiah = { type: Number, min: 0, validate: Number.isInteger, default: 0 };

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
};

export const weeklyReportSchema = new Schema(
  {
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

weeklyReportSchema.index({ participant: 1, week: 1 }, { unique: true });
weeklyReportSchema.index({ week: 1 });

export type WeeklyReport = InferSchemaType<typeof weeklyReportSchema>;
