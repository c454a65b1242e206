import { Schema } from 'mongoose';

/**
 * Who a chat identity belongs to, under the identity's key (`conversationKey(channel, userId)`): what
 * the first message of a chat finds its writer by, in one read by `_id` rather than a search of every
 * participant, mentor and staff member. It only points: the record it names is read and must still
 * name that identity, so a phone that changed hands or a record since changed is searched again
 * (src/conversations/identify.ts), and the key written anew.
 */
export const identitySchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['participant', 'mentor', 'staff'], required: true },
    person: { type: String, required: true },
  },
  { collection: 'identities', versionKey: false },
);
