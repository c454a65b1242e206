import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A one-time sign-in code sent to a staff member's or mentor's chat. Only a salted HMAC of the code
 * is stored. Nothing about it is ever updated in place: its tries and its use are separate inserts
 * (`signInCodeTrySchema`), because FerretDB 1.24 does not isolate concurrent updates and a counter
 * or a "used" flag set by update could let two requests through.
 */
export const signInCodeSchema = new Schema(
  {
    account: {
      type: new Schema(
        {
          kind: { type: String, enum: ['staff', 'mentor'], required: true },
          id: { type: Schema.Types.ObjectId, required: true },
        },
        { _id: false },
      ),
      required: true,
    },
    /** Random bytes, base64, keying the HMAC: a copy of the database holds no table of codes. */
    salt: { type: String, required: true },
    hash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'sign_in_codes', versionKey: false },
);

signInCodeSchema.index({ 'account.kind': 1, 'account.id': 1, createdAt: -1 });
signInCodeSchema.index({ expiresAt: 1 });

/**
 * One try of a code (`_id` `<code>:<random>`), or its use (`_id` `<code>:used`): the unique `_id`
 * lets exactly one request use a code, however many arrive at once.
 */
export const signInCodeTrySchema = new Schema(
  {
    _id: { type: String, required: true },
    code: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'sign_in_code_tries', versionKey: false },
);

signInCodeTrySchema.index({ code: 1 });
signInCodeTrySchema.index({ at: 1 });

export type SignInCode = InferSchemaType<typeof signInCodeSchema>;
