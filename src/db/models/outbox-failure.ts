import { Schema } from 'mongoose';

/**
 * The outbox entries that failed for good, one small document each under the entry's key: what the
 * channels page lists and counts, so it reads the failures, not every message ever sent. An entry
 * leaves when it is put back in the queue; failures older than the page's window are not shown and
 * are removed by the message-retention job with the entry. Written only through src/db/outbox.ts.
 */
export const outboxFailureSchema = new Schema(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    chatId: { type: String, required: true },
    lastError: { type: String },
    attempts: { type: Number, required: true },
    failedAt: { type: Date, required: true },
  },
  { collection: 'outbox_failures', versionKey: false },
);
