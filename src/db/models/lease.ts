import { Schema } from 'mongoose';

/** A process as src/db/lease-holder.ts tells it: what a lease's holder and a message's receiver are. */
export const processSchema = new Schema({ machine: String, pid: Number, startedAt: Number }, { _id: false });

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
    /** The process holding it, where that can be told (src/db/lease-holder.ts): one that died lets go. */
    holder: { type: processSchema, required: false },
  },
  { collection: 'leases', versionKey: false },
);
