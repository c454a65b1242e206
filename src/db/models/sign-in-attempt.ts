import { Schema, type InferSchemaType } from 'mongoose';

/**
 * One sign-in attempt, inserted before the password is checked and kept while it counts as a failure.
 * Counting inserted documents, not `$inc` on a counter, is what keeps several instances (and FerretDB,
 * whose concurrent updates lose increments) agreeing on how many failures an account or address has.
 */
export const signInAttemptSchema = new Schema(
  {
    /** The phone (E.164) or e-mail typed, normalised, whether or not an account has it. */
    login: { type: String, required: true },
    ip: { type: String, required: true },
    at: { type: Date, required: true },
    succeeded: { type: Boolean, default: false },
  },
  { collection: 'sign_in_attempts', versionKey: false },
);

signInAttemptSchema.index({ login: 1, at: 1 });
signInAttemptSchema.index({ ip: 1, at: 1 });
signInAttemptSchema.index({ at: 1 });

export type SignInAttempt = InferSchemaType<typeof signInAttemptSchema>;
