import { Schema, type InferSchemaType } from 'mongoose';

/**
 * One sign-in attempt, inserted before the password is checked and kept while it counts as a failure.
 * Counting inserted documents, not `$inc` on a counter, is what keeps several instances (and FerretDB,
 * whose concurrent updates lose increments) agreeing on how many failures an account or address has.
 */
export const signInAttemptSchema = new Schema(
  {
    /**
     * Who was guessed: the account (`staff:<id>`, `mentor:<id>`) when the login typed is one of its
     * own, else that login, normalised (a phone in E.164, an e-mail).
     */
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
