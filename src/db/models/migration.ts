import { Schema } from 'mongoose';

/** A layout change that has been applied to this database (src/db/migrations): it never runs again. */
export const migrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    finishedAt: { type: Date, required: true },
    /** How many documents it converted, for the log and for whoever looks later. */
    converted: { type: Number, required: true },
  },
  { collection: 'migrations', versionKey: false },
);
