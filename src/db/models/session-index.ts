import { Schema } from 'mongoose';

/**
 * One mentor's sessions as the session pages, the API's list and the broadcast form read them,
 * under the mentor's id: each session by its id with its time, place, topic, status, invitees, the
 * kecamatan they live in and the counts of answers and attendance. A page reads one document by
 * `_id` a mentor (an admin's view one a mentor) instead of searching sessions, answers and
 * attendance. Written with every change of a session, an answer or attendance
 * (src/domain/sessions/session-index.ts), built from those by a migration.
 */
export const sessionIndexSchema = new Schema(
  {
    _id: { type: String, required: true },
    entries: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'session_index', versionKey: false, minimize: false },
);

/**
 * One session's answers and attendance by participant id, under the session's id: the attendance
 * page reads it by `_id`, and the counts in the mentor's index are made from it.
 */
export const sessionLedgerSchema = new Schema(
  {
    _id: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, default: {} },
    attendance: { type: Schema.Types.Mixed, default: {} },
    /** The kecamatan of the invitees, kept with the invitees so an answer needs no participant read. */
    kecamatan: { type: [String], default: undefined },
  },
  { collection: 'session_ledgers', versionKey: false, minimize: false },
);
