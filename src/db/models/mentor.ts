import { Schema, type InferSchemaType } from 'mongoose';
import { LANGUAGES, MENTOR_TYPES } from '../../domain/program';
import { channelIdentitiesSchema, channelIdentityIndexes } from './channel-identities';

export const mentorSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    phone: { type: String, required: true, match: /^\+628\d{8,11}$/ },
    type: { type: String, enum: MENTOR_TYPES, required: true },
    kecamatan: { type: [String], default: [] },
    channels: { type: channelIdentitiesSchema, default: () => ({}) },
    /** What the bot writes to the mentor in (digest, replies, flows); `BAHASA EN` in chat changes it. */
    language: { type: String, enum: LANGUAGES, default: 'id', required: true },
    /** Set by an admin: no sign-in, no digests or complaint posts; the record stays for history. */
    disabledAt: { type: Date },
    /** For the dashboard and the API (src/auth/passwords.ts); never read unless asked for by name. */
    passwordHash: { type: String, select: false },
  },
  { collection: 'mentors', timestamps: true },
);

mentorSchema.index({ phone: 1 }, { unique: true });
mentorSchema.index({ kecamatan: 1 });
for (const [fields, options] of channelIdentityIndexes) mentorSchema.index(fields, options);

export type Mentor = InferSchemaType<typeof mentorSchema>;
