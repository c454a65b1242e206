import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A signed-in browser. The cookie holds a random 256-bit id; only its SHA-256 is stored, so a copy
 * of the database cannot be turned into sessions. FerretDB has no TTL index: expiry is checked on
 * every read and expired sessions are removed periodically (src/auth/web-sessions.ts).
 */
export const webSessionSchema = new Schema(
  {
    _id: { type: String, required: true },
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
    /** The synchronizer token every form post and unsafe API call of this session must carry. */
    csrfToken: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    from: { type: String },
  },
  { collection: 'web_sessions', versionKey: false },
);

webSessionSchema.index({ expiresAt: 1 });
webSessionSchema.index({ 'account.kind': 1, 'account.id': 1 });

export type WebSession = InferSchemaType<typeof webSessionSchema>;
