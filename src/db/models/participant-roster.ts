import { Schema } from 'mongoose';

/**
 * The participants as lists and the overview read them, kept by key (src/domain/participants/roster.ts):
 * one document a kecamatan (`kecamatan:Cililin`) and one a mentor (`mentor:<id>`), each holding a
 * compact entry per participant under their id (name, phone, place, klaster, tahap, status, mentors;
 * never the NIK), and one document (`kecamatan`) naming the kecamatan. An admin's list reads the
 * kecamatan documents, a mentor's their own, each by `_id`: FerretDB reads the whole `participants`
 * collection for any other filter. About 150 bytes an entry: a kecamatan of 1,000 makes 150 KB.
 * Written with every change of a participant's record, rebuilt by `npm run summaries:rebuild`.
 */
export const participantRosterSchema = new Schema(
  {
    _id: { type: String, required: true },
    entries: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'participant_roster', versionKey: false, minimize: false },
);
