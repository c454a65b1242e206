import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A token with which an integration calls the API as one account, with that account's permissions.
 * Created by a Dinsos admin; shown once, stored only as its SHA-256.
 */
export const apiTokenSchema = new Schema(
  {
    /** The SHA-256 of the token, hex. */
    hash: { type: String, required: true },
    name: { type: String, required: true, trim: true },
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
    createdBy: { type: Schema.Types.ObjectId, ref: 'Staff', required: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date },
  },
  { collection: 'api_tokens', versionKey: false },
);

apiTokenSchema.index({ hash: 1 }, { unique: true });

export type ApiToken = InferSchemaType<typeof apiTokenSchema>;
