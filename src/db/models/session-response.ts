import { Schema, type InferSchemaType } from 'mongoose';

/**
 * The key of one participant's fact about one session (their answer, whether they came): written and
 * read by it, so the chat never searches answers or attendance.
 */
export const sessionFactKey = (session: unknown, participant: unknown) =>
  `${String(session)}:${String(participant)}`;

/**
 * A participant's answer to a session invitation, one document per session and participant under
 * their key: kept apart from the session so that many people answering at once never overwrite each
 * other.
 */
export const sessionResponseSchema = new Schema(
  {
    _id: { type: String, required: true },
    session: { type: Schema.Types.ObjectId, ref: 'MentoringSession', required: true },
    participant: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
    answer: { type: String, enum: ['attend', 'decline', 'reschedule'], required: true },
    answeredAt: { type: Date, required: true },
  },
  { collection: 'session_responses', versionKey: false },
);

// An answer made without its key (a test, a seed) gets it from its session and participant.
sessionResponseSchema.pre('validate', function () {
  if (!this._id) this._id = sessionFactKey(this.session, this.participant);
});

export type SessionResponse = InferSchemaType<typeof sessionResponseSchema>;
