import { Schema, type InferSchemaType } from 'mongoose';

const flowStateSchema = new Schema(
  {
    flowId: { type: String, required: true },
    flowVersion: { type: Number, required: true },
    stepId: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, default: {} },
    attempts: { type: Number, default: 0 },
    trail: { type: [String], default: undefined },
  },
  { _id: false, minimize: false },
);

/**
 * One chat's place in a flow. It is written, together with the id of the message that moved it, in
 * one single-document update before any reply is sent: a crash loses no answer and a message is
 * never applied twice.
 */
export const conversationSchema = new Schema(
  {
    channel: { type: String, required: true },
    chatId: { type: String, required: true },
    flow: { type: flowStateSchema },
    /** A flow left unfinished (idle, or interrupted by the menu), offered again at its next start. */
    draft: { type: flowStateSchema },
    /** Waiting for a person: the bot stays quiet on that flow until staff release it. */
    handoff: { type: Boolean, default: false },
    /** The last inbound message applied to this state. */
    lastInboundId: { type: Schema.Types.ObjectId },
    lastActivityAt: { type: Date, required: true },
  },
  { collection: 'conversations', timestamps: true, minimize: false },
);

conversationSchema.index({ channel: 1, chatId: 1 }, { unique: true });
conversationSchema.index({ lastActivityAt: 1 });

export type Conversation = InferSchemaType<typeof conversationSchema>;
