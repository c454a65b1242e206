import { Schema, type InferSchemaType } from 'mongoose';
import { sessionFactKey } from './session-response';

/**
 * Whether a participant came to a session, as their mentor recorded it: one document per session and
 * participant under their key (`sessionFactKey`), so that a correction replaces one answer and never
 * the whole list.
 */
export const sessionAttendanceSchema = new Schema(
  {
    _id: { type: String, required: true },
    session: { type: Schema.Types.ObjectId, ref: 'MentoringSession', required: true },
    participant: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
    present: { type: Boolean, required: true },
    recordedAt: { type: Date, required: true },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'Mentor' },
  },
  { collection: 'session_attendance', versionKey: false },
);

// Attendance recorded without its key (a test, a seed) gets it from its session and participant.
sessionAttendanceSchema.pre('validate', function () {
  if (!this._id) this._id = sessionFactKey(this.session, this.participant);
});
sessionAttendanceSchema.index({ participant: 1 });

export type SessionAttendance = InferSchemaType<typeof sessionAttendanceSchema>;
