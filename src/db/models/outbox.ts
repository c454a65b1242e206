import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Every outgoing or scheduled message. The dedupe key (for example reminder kind + recipient +
 * occurrence) makes queuing idempotent; a message is marked sent only after the channel confirms.
 * Each channel's sender claims an entry with a lease (`outbox:<id>`, src/db/leases.ts) before sending.
 */
export const outboxSchema = new Schema(
  {
    dedupeKey: { type: String, required: true },
    channel: { type: String, required: true },
    chatId: { type: String, required: true },
    message: { type: Schema.Types.Mixed, required: true },
    dueAt: { type: Date, required: true },
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
  },
  { collection: 'outbox', timestamps: true },
);

outboxSchema.index({ dedupeKey: 1 }, { unique: true });
outboxSchema.index({ status: 1, dueAt: 1 });
outboxSchema.index({ channel: 1, status: 1, dueAt: 1 });
outboxSchema.index({ platformMessageId: 1 }, { sparse: true });

export type OutboxEntry = InferSchemaType<typeof outboxSchema>;
