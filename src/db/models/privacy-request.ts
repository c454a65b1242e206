import { Schema, type InferSchemaType } from 'mongoose';

/** What a privacy request asks: the counts of what is held about a participant, or their erasure. */
export const PRIVACY_REQUEST_KINDS = ['count', 'erase'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

/** A request's key, `erase:<participant id>`: asking again while it waits is the same request. */
export const privacyRequestKey = (kind: PrivacyRequestKind, participant: string) => `${kind}:${participant}`;

/**
 * A privacy request not yet carried out, as a small queue: the page adds one and answers at once,
 * the privacy job reads them all, does them together and removes each one it has finished.
 */
export const privacyRequestSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: PRIVACY_REQUEST_KINDS, required: true },
    requestedAt: { type: Date, required: true },
    /** The audit actor who asked (`staff:<id>`), and from where: the completion is audited as theirs. */
    requestedBy: { type: String, required: true },
    from: { type: String },
    /**
     * An erasure's counts, written before anything is erased: a run that dies half-way leaves them,
     * and the run that finishes reports what the erasure changed, not the nothing left to change.
     */
    planned: { type: Schema.Types.Mixed },
  },
  { collection: 'privacy_requests', versionKey: false },
);

/** One finished request, as the page shows it. */
const privacyOutcomeSchema = new Schema(
  {
    requestedAt: { type: Date, required: true },
    requestedBy: { type: String, required: true },
    doneAt: { type: Date, required: true },
    /** Records per collection (a count), or changed per kind of record (an erasure). */
    counts: { type: Schema.Types.Mixed, required: true },
  },
  { _id: false },
);

/** The latest finished requests about one participant, by the participant's id: what their privacy page reads. */
export const privacyResultSchema = new Schema(
  {
    _id: { type: String, required: true },
    count: { type: privacyOutcomeSchema },
    erase: { type: privacyOutcomeSchema },
  },
  { collection: 'privacy_results', versionKey: false },
);

export type PrivacyRequest = InferSchemaType<typeof privacyRequestSchema>;
export type PrivacyOutcome = InferSchemaType<typeof privacyOutcomeSchema>;
