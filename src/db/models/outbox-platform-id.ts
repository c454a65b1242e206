import { Schema } from 'mongoose';

/**
 * Which outbox entry a platform's message id belongs to, under `<channel>:<platform id>`, so that a
 * delivery status (which names only the platform's id) finds its entry by `_id`. Written when the
 * entry is marked sent; never changed.
 */
export const outboxPlatformIdSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** The outbox entry's key. */
    outbox: { type: String, required: true },
  },
  { collection: 'outbox_platform_ids', versionKey: false },
);
