import { Schema } from 'mongoose';

/**
 * How a person is reached on each chat app. Each identity is unique across the collection; the
 * indexes are sparse so that people without that app do not collide.
 */
export const channelIdentitiesSchema = new Schema(
  {
    telegramUserId: { type: String },
    whatsappId: { type: String },
    /** The wa_id (the number in digits) of someone who wrote to the WhatsApp Cloud API number. */
    whatsappCloudId: { type: String },
    /** The app the person last wrote from: messages for them go there first. */
    lastUsed: { type: String },
  },
  { _id: false },
);

export const channelIdentityIndexes = [
  [{ 'channels.telegramUserId': 1 }, { unique: true, sparse: true }],
  [{ 'channels.whatsappId': 1 }, { unique: true, sparse: true }],
  [{ 'channels.whatsappCloudId': 1 }, { unique: true, sparse: true }],
] as const;
