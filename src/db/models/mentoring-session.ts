import { Schema, type InferSchemaType } from 'mongoose';

export const mentoringSessionSchema = new Schema(
  {
    mentor: { type: Schema.Types.ObjectId, ref: 'Mentor', required: true },
    startsAt: { type: Date, required: true },
    place: { type: String, required: true, trim: true },
    topic: { type: String, required: true, trim: true },
    participants: { type: [Schema.Types.ObjectId], ref: 'Participant', default: [] },
    status: { type: String, enum: ['planned', 'cancelled', 'done'], default: 'planned', required: true },
    /** Why it was cancelled, as the mentor wrote it: the participants are told. */
    cancelReason: { type: String, trim: true, maxlength: 300 },
  },
  { collection: 'mentoring_sessions', timestamps: true },
);

mentoringSessionSchema.index({ mentor: 1, startsAt: 1 });
mentoringSessionSchema.index({ participants: 1, startsAt: 1 });

export type MentoringSession = InferSchemaType<typeof mentoringSessionSchema>;
