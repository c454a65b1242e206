import { Schema, type InferSchemaType } from 'mongoose';

/** `whatsapp-web:6281234567890@c.us`: one chat's conversation, found by its key alone. */
export const conversationKey = (channel: string, chatId: string) => `${channel}:${chatId}`;

const flowStateSchema = new Schema(
  {
    flowId: { type: String, required: true },
    flowVersion: { type: Number, required: true },
    stepId: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, default: {} },
    attempts: { type: Number, default: 0 },
    trail: { type: [String], default: undefined },
    /** Where a correction goes back to (the summary) once its question is answered. */
    returnTo: { type: String },
  },
  { _id: false, minimize: false },
);

/**
 * One chat's place in a flow. It is written, together with the key of the message that moved it, in
 * one single-document write before any reply is sent: a crash loses no answer and a message is
 * never applied twice.
 */
export const conversationSchema = new Schema(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    chatId: { type: String, required: true },
    flow: { type: flowStateSchema },
    /** A flow left unfinished (idle, or interrupted by the menu), offered again at its next start. */
    draft: { type: flowStateSchema },
    /** What a participant wrote before giving consent, handled once they agree (then forgotten). */
    firstMessage: { type: new Schema({ text: String, choice: String }, { _id: false }) },
    /** An answered complaint whose rating waits for the flow in hand to end (its number). */
    pendingRating: { type: String },
    /** Waiting for a person: the bot stays quiet on that flow until staff release it. */
    handoff: { type: Boolean, default: false },
    /** The key of the last inbound message applied to this state. */
    lastInboundId: { type: String },
    lastActivityAt: { type: Date, required: true },
    /** When the person last wrote here (not news sent into the chat): WhatsApp's service window. */
    lastWrittenAt: { type: Date },
    /**
     * Who writes in this chat, by their platform id (one person in a private chat, members in a
     * group): `{kind, id}` of their record, checked against that record on each message
     * (src/conversations/identify.ts), so that a chat is recognised without searching every record.
     */
    people: { type: Schema.Types.Mixed },
    /**
     * The chat's latest lines said in its turns, the person's and the replies (`ChatLine`s of
     * src/domain/transcripts/lines.ts, oldest first): written with the state, so a transcript is read by
     * key and costs the message path nothing more.
     */
    recent: { type: [Schema.Types.Mixed], default: undefined },
    /**
     * How many lines `recent` holds: the message path reads its conversation without them and pushes
     * a turn's, trimming to the latest when they grow past twice what a transcript shows.
     */
    recentCount: { type: Number },
  },
  { collection: 'conversations', timestamps: true, minimize: false },
);

// For pages on MongoDB; the message path reads a conversation by its key only.
conversationSchema.index({ lastActivityAt: 1 });

export type Conversation = InferSchemaType<typeof conversationSchema>;
