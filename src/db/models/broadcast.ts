import { Schema, type InferSchemaType } from 'mongoose';

/**
 * One message an admin, a koordinator or a mentor sent to a filtered group of their participants,
 * under the id its form carried (so that a second submit finds it rather than sending again). Small
 * on purpose: the dashboard lists these, and FerretDB reads whole documents; whom it went to is kept
 * in `broadcast_recipients` under the same id.
 */
export const broadcastSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** The key an API client sent to make a retry harmless (the id is made from it and `sentBy`). */
    clientId: { type: String },
    /** `staff:<id>` or `mentor:<id>`, as the audit log names the account. */
    sentBy: { type: String, required: true },
    /** Who the recipients were told it is from (src/domain/broadcasts/message.ts). */
    signature: { type: Schema.Types.Mixed, required: true },
    text: { type: String, required: true },
    /** The filter as chosen (src/domain/broadcasts/audience.ts), and as the page described it. */
    filter: { type: Schema.Types.Mixed, required: true },
    filterLabel: { type: String, required: true },
    /** When it was sent, by the service's clock. */
    sentAt: { type: Date, required: true },
    dueAt: { type: Date, required: true },
    recipientCount: { type: Number, required: true },
    /** Matched the filter but left out: said STOP, no consent, or no chat that can be written to. */
    leftOut: {
      stopped: { type: Number, default: 0 },
      withoutConsent: { type: Number, default: 0 },
      noChat: { type: Number, default: 0 },
      noTemplate: { type: Number, default: 0 },
    },
    /** `sending` until every recipient's message is in the outbox; a submit that finds it so finishes it. */
    status: { type: String, enum: ['sending', 'queued'], required: true },
  },
  { collection: 'broadcasts', timestamps: true },
);

/**
 * The participant ids a broadcast went to (each message's dedupe key is `broadcast:<id>:<participant>`),
 * and the outcomes already final (`sent`, `cancelled`), so that its progress reads each finished
 * message by `_id` about once rather than on every look.
 */
export const broadcastRecipientsSchema = new Schema(
  {
    _id: { type: String, required: true },
    recipients: { type: [String], default: [] },
    settled: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'broadcast_recipients', versionKey: false, minimize: false },
);

export type Broadcast = InferSchemaType<typeof broadcastSchema>;
