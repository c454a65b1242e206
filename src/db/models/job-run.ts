import { Schema } from 'mongoose';

/** One finished occurrence of a scheduled job (`weekly-report-reminder:2026-W48`): it never runs again. */
export const jobRunSchema = new Schema(
  {
    _id: { type: String, required: true },
    job: { type: String, required: true },
    occurrence: { type: String, required: true },
    finishedAt: { type: Date, required: true },
    /** What the run did, for staff to see (how many reminders were queued, ...). */
    outcome: { type: Schema.Types.Mixed },
  },
  { collection: 'job_runs', versionKey: false },
);
