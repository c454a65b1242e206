import { Schema } from 'mongoose';

/**
 * One chat's latest messages that the service sent on its own, outside a turn of the conversation
 * (reminders, broadcasts, digests), under the chat's conversation key: with the conversation's own
 * recent lines they make the chat's transcript, read by key. Written only by the channel's sender
 * (one at a time per channel) or the simulator's reading of its chat, so a read and a write of the
 * whole list lose nothing (src/domain/transcripts/store.ts).
 */
export const chatLogSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** `ChatLine`s (src/domain/transcripts/lines.ts), oldest first. */
    lines: { type: [Schema.Types.Mixed], default: [] },
  },
  { collection: 'chat_logs', versionKey: false, timestamps: { createdAt: false, updatedAt: true } },
);
