import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Whether a participant came to a session, as their mentor recorded it: one document per session and
 * participant, so that a correction replaces one answer and never the whole list.
 */
export const sessionAttendanceSchema = new Schema(
  {
    session: { type: Schema.Types.ObjectId, ref: 'MentoringSession', required: true },
    participant: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
    present: { type: Boolean, required: true },
    recordedAt: { type: Date, required: true },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'Mentor' },
  },
  { collection: 'session_attendance', versionKey: false },
);

sessionAttendanceSchema.index({ session: 1, participant: 1 }, { unique: true });
sessionAttendanceSchema.index({ participant: 1 });

export type SessionAttendance = InferSchemaType<typeof sessionAttendanceSchema>;
