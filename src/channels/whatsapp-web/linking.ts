import { phoneOfChat } from '../../conversations/identify';
import { isDuplicateKey, retryTransient } from '../../db/errors';
import type { Models } from '../../db/models';

/**
 * Notes on a participant's or mentor's record the WhatsApp Web chat they write from, so that
 * reminders and digests reach them there (after Telegram and the Cloud API). The chat id
 * (`6281234567890@c.us`) is the number, so it is matched by phone; a record already noted is not
 * written again.
 */
export async function noteWhatsAppWebChat(models: Models, chatId: string): Promise<void> {
  const phone = phoneOfChat(chatId);
  const filter = { phone, 'channels.whatsappId': { $ne: chatId } };
  const update = { $set: { 'channels.whatsappId': chatId } };
  await ignoringHeldChat(() => retryTransient(() => models.participants.updateOne(filter, update)));
  await ignoringHeldChat(() => retryTransient(() => models.mentors.updateOne(filter, update)));
}

/** Another record holds the chat already (the unique index): staff settle that, not a chat message. */
async function ignoringHeldChat(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}
