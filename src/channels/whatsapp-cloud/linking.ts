import { isDuplicateKey, retryTransient } from '../../db/errors';
import type { Models } from '../../db/models';
import { phoneOfChat } from '../../conversations/identify';

/**
 * Notes on a participant's or mentor's record that they write from this WhatsApp number to the
 * Cloud API, so that reminders and digests go there too. WhatsApp allows a business to start a
 * conversation only with people who agreed to hear from it: writing first is that agreement.
 * The chat id (the wa_id) is the number itself, so it is matched by phone; a record already noted
 * is not written again.
 */
export async function noteWhatsAppCloudNumber(models: Models, waId: string): Promise<void> {
  const phone = phoneOfChat(waId);
  const filter = { phone, 'channels.whatsappCloudId': { $ne: waId } };
  const update = { $set: { 'channels.whatsappCloudId': waId } };
  await ignoringHeldNumber(() => retryTransient(() => models.participants.updateOne(filter, update)));
  await ignoringHeldNumber(() => retryTransient(() => models.mentors.updateOne(filter, update)));
}

/** Another record holds the number already (the unique index): staff settle that, not a chat message. */
async function ignoringHeldNumber(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}
