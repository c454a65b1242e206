import { Schema, type InferSchemaType } from 'mongoose';
import { COMPLAINT_STATUSES } from '../../domain/complaints/lifecycle';
import { LANGUAGES } from '../../domain/program';

const complaintEventSchema = new Schema(
  {
    kind: { type: String, enum: ['status', 'reply', 'message', 'note', 'rating'], default: 'status' },
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'Staff' },
    /** Kept with the event: the history still reads right after the staff member has left. */
    byName: { type: String },
    from: { type: String, enum: COMPLAINT_STATUSES },
    to: { type: String, enum: COMPLAINT_STATUSES },
    text: { type: String },
  },
  { _id: false },
);

export const complaintSchema = new Schema(
  {
    /** `PGD-2026-000123`: what everyone quotes. */
    number: { type: String, required: true, match: /^PGD-\d{4}-\d{6}$/ },
    /** Absent while the complaint is `unrouted`: no Puskesos serves its desa yet. */
    puskesos: { type: Schema.Types.ObjectId, ref: 'Puskesos' },
    participant: { type: Schema.Types.ObjectId, ref: 'Participant' },
    /** The key of the chat message that opened it: handled again, that message opens nothing more. */
    openedBy: { type: String },
    /** A resident who is not a participant may complain too. */
    complainantPhone: { type: String },
    /** The chat the complaint came from: replies and status changes go back there. */
    complainantChat: {
      type: new Schema(
        { channel: { type: String, required: true }, chatId: { type: String, required: true } },
        { _id: false },
      ),
    },
    language: { type: String, enum: LANGUAGES, default: 'id' },
    desa: { type: String, required: true },
    category: { type: String, required: true },
    text: { type: String, required: true },
    /** Stored media ids (GridFS) of the photos sent with the complaint. */
    photos: { type: [String], default: [] },
    status: { type: String, enum: COMPLAINT_STATUSES, default: 'new', required: true },
    assignee: { type: Schema.Types.ObjectId, ref: 'Staff' },
    assigneeName: { type: String },
    referredTo: { type: String },
    acknowledgeBy: { type: Date },
    answerBy: { type: Date },
    /** The next deadline of its SLA (acknowledge, then answer); absent once answered or closed. */
    dueAt: { type: Date },
    rating: {
      type: new Schema({ score: Number, solved: Boolean, comment: String, at: Date }, { _id: false }),
    },
    events: { type: [complaintEventSchema], default: [] },
  },
  { collection: 'complaints', timestamps: true },
);

complaintSchema.index({ number: 1 }, { unique: true });
complaintSchema.index({ puskesos: 1, status: 1, createdAt: 1 });
complaintSchema.index({ participant: 1, createdAt: -1 });
complaintSchema.index({ status: 1, dueAt: 1 });

export type Complaint = InferSchemaType<typeof complaintSchema>;
