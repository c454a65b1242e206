import { Schema } from 'mongoose';

/**
 * What an inbound message did that must not be done twice should it be handled again (a crash after
 * the effect, before the conversation moved on): opening a complaint takes a number, and a second one
 * would be a second complaint. Kept under `<message key>:<effect>`, with what the effect gave, so that
 * handling the message again gives the same answer. Written only through src/db/effects.ts.
 */
export const messageEffectSchema = new Schema(
  {
    _id: { type: String, required: true },
    startedAt: { type: Date, required: true },
    /** What the effect gave; absent while it is under way, or when the process stopped during it. */
    result: { type: Schema.Types.Mixed },
  },
  { collection: 'message_effects', versionKey: false },
);
