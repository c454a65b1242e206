import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A participant's answer to a session invitation, one document per session and participant: kept
 * apart from the session so that many people answering at once never overwrite each other.
 */
export const sessionResponseSchema = new Schema(
  {
    session: { type: Schema.Types.ObjectId, ref: 'MentoringSession', required: true },
    participant: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
    answer: { type: String, enum: ['attend', 'decline', 'reschedule'], required: true },
    answeredAt: { type: Date, required: true },
  },
  { collection: 'session_responses', versionKey: false },
);

sessionResponseSchema.index({ session: 1, participant: 1 }, { unique: true });

export type SessionResponse = InferSchemaType<typeof sessionResponseSchema>;
