import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Every platform message is inserted here before any effect; the unique index makes a message that
 * the platform delivers twice have exactly one effect.
 */
export const inboundMessageSchema = new Schema(
  {
    channel: { type: String, required: true },
    platformMessageId: { type: String, required: true },
    chatId: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    status: { type: String, enum: ['received', 'processed', 'failed'], default: 'received', required: true },
    payload: { type: Schema.Types.Mixed },
    processedAt: { type: Date },
    /** Failed attempts; the sweep retries a failed message until it reaches three. */
    attempts: { type: Number, default: 0 },
    error: { type: String },
  },
  { collection: 'inbound_messages', timestamps: true },
);

inboundMessageSchema.index({ channel: 1, platformMessageId: 1 }, { unique: true });
inboundMessageSchema.index({ channel: 1, chatId: 1, status: 1, receivedAt: 1 });
inboundMessageSchema.index({ status: 1, receivedAt: 1 });

export type InboundMessage = InferSchemaType<typeof inboundMessageSchema>;
