import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Every outgoing or scheduled message, kept for good under its dedupe key (for example reminder kind
 * + recipient + occurrence), which is its `_id`: queuing is idempotent, and the message path reads and
 * writes it by `_id` only. A message is marked sent only after the channel confirms. What is still to
 * be sent is listed in `outbox_queue` too (./outbox-queue.ts); src/db/outbox.ts keeps the two in step.
 * Each channel's sender claims an entry with a lease (`outbox:<key>`, src/db/leases.ts) before sending.
 */
export const outboxSchema = new Schema(
  {
    _id: {
      type: String,
      required: true,
      default(this: { dedupeKey?: string }) {
        return this.dedupeKey;
      },
    },
    /** The same as `_id`, for readers that name it. */
    dedupeKey: { type: String, required: true },
    channel: { type: String, required: true },
    chatId: { type: String, required: true },
    message: { type: Schema.Types.Mixed, required: true },
    dueAt: { type: Date, required: true },
    /** When it was queued, in order within the millisecond (`Date.now() * 1000` and a counter). */
    order: { type: Number },
    status: {
      type: String,
      enum: ['pending', 'sent', 'failed', 'cancelled'],
      default: 'pending',
      required: true,
    },
    attempts: { type: Number, default: 0 },
    /** After a failure the channel's sender waits until then (Telegram's retry_after, backoff). */
    retryNotBefore: { type: Date },
    lastError: { type: String },
    /** For a message the platform takes in several calls (a photo, then a long text in parts): how many went out. */
    partsSent: { type: Number },
    /** The person's other chats, most likely read first: where the message goes if this one fails for good. */
    fallbacks: {
      type: [
        new Schema(
          { channel: { type: String, required: true }, chatId: { type: String, required: true } },
          { _id: false },
        ),
      ],
      default: undefined,
    },
    sentAt: { type: Date },
    /** The platform's id of the sent message (WhatsApp's `wamid...`), which its status updates name. */
    platformMessageId: { type: String },
    /** How far the platform says the message got after it was sent: sent, delivered, read or failed. */
    deliveryStatus: { type: String, enum: ['sent', 'delivered', 'read', 'failed'] },
    deliveryStatusAt: { type: Date },
    /** `complaint`: said in a complaint's conversation, which a mentor's view of the chat leaves out. */
    topic: { type: String, enum: ['complaint'] },
  },
  { collection: 'outbox', timestamps: true },
);

// For the dashboard's pages (counts, the failed list); the message path uses `_id` only.
outboxSchema.index({ status: 1, dueAt: 1 });

export type OutboxEntry = InferSchemaType<typeof outboxSchema>;
