import { Schema, type InferSchemaType } from 'mongoose';

export const COMPLAINT_STATUSES = [
  'new',
  'acknowledged',
  'in_progress',
  'referred',
  'answered',
  'closed',
  'reopened',
] as const;

const complaintEventSchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId },
    from: { type: String, enum: COMPLAINT_STATUSES },
    to: { type: String, enum: COMPLAINT_STATUSES },
    note: { type: String },
  },
  { _id: false },
);

export const complaintSchema = new Schema(
  {
    /** `PGD-2026-000123`: what everyone quotes. */
    number: { type: String, required: true, match: /^PGD-\d{4}-\d{6}$/ },
    puskesos: { type: Schema.Types.ObjectId, ref: 'Puskesos', required: true },
    participant: { type: Schema.Types.ObjectId, ref: 'Participant' },
    /** A resident who is not a participant may complain too. */
    complainantPhone: { type: String },
    desa: { type: String, required: true },
    category: { type: String, required: true },
    text: { type: String, required: true },
    status: { type: String, enum: COMPLAINT_STATUSES, default: 'new', required: true },
    assignee: { type: Schema.Types.ObjectId, ref: 'Staff' },
    /** The next deadline of its SLA (acknowledge, then answer); absent once answered or closed. */
    dueAt: { type: Date },
    events: { type: [complaintEventSchema], default: [] },
  },
  { collection: 'complaints', timestamps: true },
);

complaintSchema.index({ number: 1 }, { unique: true });
complaintSchema.index({ puskesos: 1, status: 1, createdAt: 1 });
complaintSchema.index({ participant: 1, createdAt: -1 });

export type Complaint = InferSchemaType<typeof complaintSchema>;
