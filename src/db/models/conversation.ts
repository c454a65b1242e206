import { Schema, type InferSchemaType } from 'mongoose';

/** One chat's place in a flow; written before any reply is sent so a crash loses no answer. */
export const conversationSchema = new Schema(
  {
    channel: { type: String, required: true },
    chatId: { type: String, required: true },
    flowId: { type: String },
    flowVersion: { type: Number },
    stepId: { type: String },
    answers: { type: Schema.Types.Mixed, default: {} },
    /** Until when one instance holds this chat, so that messages of one chat are handled in order. */
    lockedUntil: { type: Date },
    lastActivityAt: { type: Date, required: true },
  },
  { collection: 'conversations', timestamps: true, minimize: false },
);

conversationSchema.index({ channel: 1, chatId: 1 }, { unique: true });
conversationSchema.index({ lastActivityAt: 1 });

export type Conversation = InferSchemaType<typeof conversationSchema>;
