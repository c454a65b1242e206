import { Schema, type InferSchemaType } from 'mongoose';
import { LANGUAGES } from '../../domain/program';

export const HANDOVER_STATUSES = ['open', 'answered', 'closed'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

export const HANDOVER_ASSIGNEES = ['mentor', 'puskesos', 'dinsos'] as const;
export type HandoverAssigneeKind = (typeof HANDOVER_ASSIGNEES)[number];

const chatSchema = new Schema(
  { channel: { type: String, required: true }, chatId: { type: String, required: true } },
  { _id: false },
);

/** A participant, by record and name, or a resident we know only by their chat. */
const requesterSchema = new Schema(
  {
    kind: { type: String, enum: ['participant', 'resident'], required: true },
    participant: { type: Schema.Types.ObjectId, ref: 'Participant' },
    name: { type: String },
  },
  { _id: false },
);

/** A mentor by name, a Puskesos (whoever of its staff takes it), or the Dinsos admins' queue. */
const assigneeSchema = new Schema(
  {
    kind: { type: String, enum: HANDOVER_ASSIGNEES, required: true },
    mentor: { type: Schema.Types.ObjectId, ref: 'Mentor' },
    puskesos: { type: Schema.Types.ObjectId, ref: 'Puskesos' },
    /** The mentor's or the Puskesos's name. */
    name: { type: String },
  },
  { _id: false },
);

const handoverMessageSchema = new Schema(
  {
    from: { type: String, enum: ['requester', 'assignee'], required: true },
    at: { type: Date, required: true },
    text: { type: String, required: true },
    /** The inbound message's key, or the answer's own: a message handled again is not kept twice. */
    key: { type: String, required: true },
    /** Who answered, kept with the message: the thread still reads right after they have left. */
    byName: { type: String },
  },
  { _id: false },
);

/**
 * A request for a person (menu 7, BANTUAN, or the bot giving up after unreadable answers), under its
 * number `BTN-…`, which follows from the message that opened it: handled again, that message opens
 * nothing more. Its thread holds what the requester wrote and what the person answered. All history
 * lives here; what is still open is also listed in `open_handovers`.
 */
export const handoverSchema = new Schema(
  {
    _id: { type: String, required: true },
    openedBy: { type: String, required: true },
    chat: { type: chatSchema, required: true },
    requester: { type: requesterSchema, required: true },
    language: { type: String, enum: LANGUAGES, default: 'id', required: true },
    reason: { type: String, enum: ['asked', 'gave_up'], required: true },
    /** What they asked, as far as the bot knows it (the menu choice, the answer it could not read). */
    asked: { type: String, required: true },
    assignee: { type: assigneeSchema, required: true },
    status: { type: String, enum: HANDOVER_STATUSES, required: true },
    openedAt: { type: Date, required: true },
    /** By when the requester waiting now must have an answer; absent while they are not waiting. */
    dueAt: { type: Date },
    closedAt: { type: Date },
    closedBy: { type: String },
    messages: { type: [handoverMessageSchema], default: [] },
  },
  { collection: 'handovers', versionKey: false },
);

export type Handover = InferSchemaType<typeof handoverSchema>;

/**
 * The handovers still open, one small document per chat under the conversation's key
 * (`simulator:+62…`): what the message path reads to know where a message goes, and what the
 * inbox lists, so neither reads the history. Removed when the handover is closed.
 */
export const openHandoverSchema = new Schema(
  {
    _id: { type: String, required: true },
    handover: { type: String, required: true },
    assignee: { type: assigneeSchema, required: true },
    requesterName: { type: String },
    status: { type: String, enum: ['open', 'answered'], required: true },
    openedAt: { type: Date, required: true },
    /** Since when the requester waits for an answer; absent once they have one. */
    waitingSince: { type: Date },
    /** The deadline of that wait, as a complaint's (src/domain/handovers/deadlines.ts). */
    dueAt: { type: Date },
    /** When the requester was last told their messages were passed on (at most once in a while). */
    acknowledgedAt: { type: Date },
  },
  { collection: 'open_handovers', versionKey: false },
);

/**
 * The answers a Puskesos (or the Dinsos admins, or a mentor) keeps ready to pick on a request's page,
 * one document per owner under its key (`puskesos:<id>`, `dinsos`, `mentor:<id>`), read by `_id`.
 */
export const savedRepliesSchema = new Schema(
  {
    _id: { type: String, required: true },
    texts: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'saved_replies', versionKey: false },
);
