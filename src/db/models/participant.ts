import { Schema, type InferSchemaType } from 'mongoose';
import {
  CLUSTERS,
  LANGUAGES,
  PARTICIPANT_STATUSES,
  STAGES,
  INDONESIAN_TIME_ZONES,
} from '../../domain/program';
import { channelIdentitiesSchema, channelIdentityIndexes } from './channel-identities';

const storedNikSchema = new Schema(
  {
    encrypted: { type: String, required: true },
    hash: { type: String, required: true },
    masked: { type: String, required: true },
  },
  { _id: false },
);

/** Consent under UU PDP: for what, when, through which channel; withdrawal stops processing. */
const consentSchema = new Schema(
  {
    purpose: { type: String, required: true },
    givenAt: { type: Date, required: true },
    channel: { type: String, required: true },
    withdrawnAt: { type: Date },
  },
  { _id: false },
);

export const participantSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    phone: { type: String, required: true, match: /^\+628\d{8,11}$/ },
    nik: { type: storedNikSchema },
    kecamatan: { type: String, required: true, trim: true },
    desa: { type: String, required: true, trim: true },
    cluster: { type: String, enum: CLUSTERS, required: true },
    stage: { type: String, enum: STAGES, required: true },
    business: {
      name: { type: String, trim: true },
      description: { type: String, trim: true },
    },
    capitalGrant: {
      amount: { type: Number, min: 0, validate: Number.isInteger },
      date: { type: Date },
    },
    mentoringWindow: {
      start: { type: Date },
      end: { type: Date },
    },
    mentors: {
      mibi: { type: Schema.Types.ObjectId, ref: 'Mentor' },
      tksk: { type: Schema.Types.ObjectId, ref: 'Mentor' },
    },
    language: { type: String, enum: LANGUAGES, default: 'id', required: true },
    consent: { type: consentSchema },
    status: { type: String, enum: PARTICIPANT_STATUSES, default: 'active', required: true },
    /** The latest change of status made on the dashboard (graduation, drop-out, undone); the audit log keeps every one. */
    statusChange: {
      type: new Schema(
        {
          on: { type: Date, required: true },
          /** Removed when their personal data is erased: it may tell of illness or a move. */
          reason: { type: String, trim: true },
          by: { type: String, required: true },
        },
        { _id: false },
      ),
    },
    /** Where they live, when not in the program's time zone (WITA, WIT): reminders come at their local time. */
    timeZone: { type: String, enum: INDONESIAN_TIME_ZONES },
    /** Set when the participant sent STOP: no reminders until MULAI, but answers and replies still come. */
    remindersStoppedAt: { type: Date },
    channels: { type: channelIdentitiesSchema, default: () => ({}) },
    /** When their personal data was erased at their request (src/domain/privacy): the record is a pseudonym. */
    erasedAt: { type: Date },
  },
  { collection: 'participants', timestamps: true },
);

participantSchema.index({ phone: 1 }, { unique: true });
participantSchema.index({ 'nik.hash': 1 }, { unique: true, sparse: true });
participantSchema.index({ kecamatan: 1, desa: 1 });
participantSchema.index({ 'mentors.mibi': 1 });
participantSchema.index({ 'mentors.tksk': 1 });
for (const [fields, options] of channelIdentityIndexes) participantSchema.index(fields, options);

export type Participant = InferSchemaType<typeof participantSchema>;
