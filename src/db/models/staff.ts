import { Schema, type InferSchemaType } from 'mongoose';
import { STAFF_LANGUAGES, STAFF_ROLES } from '../../domain/program';
import { channelIdentitiesSchema, channelIdentityIndexes } from './channel-identities';

export const staffSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    phone: { type: String, required: true, match: /^\+628\d{8,11}$/ },
    email: { type: String, trim: true, lowercase: true },
    role: { type: String, enum: STAFF_ROLES, required: true },
    /** Absent only for Dinsos admins, who oversee every Puskesos. */
    puskesos: { type: Schema.Types.ObjectId, ref: 'Puskesos' },
    channels: { type: channelIdentitiesSchema, default: () => ({}) },
    /** What the bot says to them in a private chat (`/bahasa en`); posts to a staff group stay Indonesian. */
    language: { type: String, enum: STAFF_LANGUAGES, default: 'id', required: true },
    /** Set by an admin: no sign-in, no digests or complaint posts; the record stays for history. */
    disabledAt: { type: Date },
    /** For the dashboard and the API (src/auth/passwords.ts); never read unless asked for by name. */
    passwordHash: { type: String, select: false },
  },
  { collection: 'staff', timestamps: true },
);

staffSchema.index({ phone: 1 }, { unique: true });
staffSchema.index({ email: 1 }, { unique: true, sparse: true });
staffSchema.index({ puskesos: 1, role: 1 });
for (const [fields, options] of channelIdentityIndexes) staffSchema.index(fields, options);

export type Staff = InferSchemaType<typeof staffSchema>;
