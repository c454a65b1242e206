import { Schema } from 'mongoose';

/**
 * Who holds what until when: a chat being handled, an outbox entry being sent, a scheduled job.
 * A lease exists only as one document under a unique `_id`, because an insert refused by a unique
 * index is atomic on every server we support, while a conditional update is not on FerretDB 1.24
 * (its SQLite backend reads and writes back without isolation: 20 concurrent `$inc` lose updates).
 */
export const leaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    token: { type: String, required: true },
    until: { type: Date, required: true },
  },
  { collection: 'leases', versionKey: false },
);
