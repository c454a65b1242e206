import { Schema, type InferSchemaType } from 'mongoose';
import { processSchema } from './lease';

/** `telegram:123456`: what a platform message is known by, whichever instance receives it. */
export const inboundKey = (channel: string, platformMessageId: string) => `${channel}:${platformMessageId}`;

/**
 * The record of every platform message, kept for audit and a person's export (pages read a chat's
 * transcript from the lines kept with it, src/domain/transcripts). It is inserted under its
 * key (channel and platform id) before any effect, so a message that the platform delivers twice,
 * however much later, has exactly one effect. The message path writes it by key and never queries
 * it: what is still to be handled is in `inbound_queue`.
 */
export const inboundMessageSchema = new Schema(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    platformMessageId: { type: String, required: true },
    chatId: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    status: { type: String, enum: ['received', 'processed', 'failed'], default: 'received', required: true },
    payload: { type: Schema.Types.Mixed },
    processedAt: { type: Date },
    /** Failed attempts; a failed message is tried again until it reaches three. */
    attempts: { type: Number, default: 0 },
    error: { type: String },
    /** `complaint`: said in a complaint's conversation, which a mentor's view of the chat leaves out. */
    topic: { type: String, enum: ['complaint'] },
  },
  { collection: 'inbound_messages', timestamps: true },
);

// A record made without its key (a test, an import of old data) gets it from what names the message.
inboundMessageSchema.pre('validate', function () {
  if (!this._id) this._id = inboundKey(this.channel, this.platformMessageId);
});

// For transcripts on MongoDB; the message path never uses it.
inboundMessageSchema.index({ chatId: 1, receivedAt: -1 });

export type InboundMessageRecord = InferSchemaType<typeof inboundMessageSchema>;

/**
 * The messages still to be handled, and only those: a chat's drain and the sweep scan this small
 * collection, whatever the history holds. An entry leaves once its message is handled, or has
 * failed for good.
 */
export const inboundQueueSchema = new Schema(
  {
    /** The record's key. */
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    chatId: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    /** Keeps two messages received in the same millisecond in the order they were stored. */
    order: { type: Number, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
    attempts: { type: Number, default: 0 },
    /** A failed message waits until then before it is tried again. */
    retryNotBefore: { type: Date },
    /**
     * The process that stored it, where that can be told (src/db/lease-holder.ts): once it has died,
     * the sweep takes its messages at once instead of waiting for them to be a lease old.
     */
    acceptedBy: { type: processSchema, required: false },
  },
  { collection: 'inbound_queue', versionKey: false, minimize: false },
);
