import { Schema } from 'mongoose';

/**
 * The outbox entries still to be sent, one small document each under the entry's key (its `_id` in
 * `outbox`): what a channel's sender reads each pass, so a pass costs what is waiting, not the whole
 * history. An entry leaves when it is sent, has failed for good or is cancelled. Written only through
 * src/db/outbox.ts, which keeps it in step with the entry.
 */
export const outboxQueueSchema = new Schema(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    chatId: { type: String, required: true },
    dueAt: { type: Date, required: true },
    /** Not tried again before then (a copy of the entry's own, which the pass needs). */
    retryNotBefore: { type: Date },
    /** Keeps entries due at the same time in the order they were queued (replies `:0`, `:1`...). */
    order: { type: Number, required: true },
  },
  { collection: 'outbox_queue', versionKey: false },
);

outboxQueueSchema.index({ channel: 1, dueAt: 1, order: 1 });

/**
 * The queued entries that go ahead of bulk sends: those queued one at a time (a reply in a
 * conversation, an answer from staff, a sign-in code), each also in `outbox_queue`, which stays the
 * whole of what is to be sent. Small, so a sender reads it every second while it works through a
 * Saturday's 100,000 reminders, which it reads once.
 */
export const outboxAheadSchema = outboxQueueSchema.clone().set('collection', 'outbox_ahead');
