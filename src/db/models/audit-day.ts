import { Schema } from 'mongoose';

/**
 * One day (UTC) of the audit log, as the audit page and its export read it: every entry of the day in
 * the order written, kept beside `audit_events` so that a page reads days by `_id` rather than filter
 * and sort the whole log. The document `first` names the earliest day, where reading older stops.
 */
export const auditDaySchema = new Schema(
  {
    _id: { type: String, required: true },
    /** Each entry as `audit_events` holds it, with its `_id` there as `event`. */
    entries: { type: [Schema.Types.Mixed], default: undefined },
    /** In the document `first` only. */
    day: { type: String },
  },
  { collection: 'audit_days', versionKey: false },
);

/** The key of the document naming the earliest day. */
export const FIRST_AUDIT_DAY = 'first';
