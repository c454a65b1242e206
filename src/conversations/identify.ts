import type { Models } from '../db/models';
import type { Channel } from '../engine/messages';

export type Person =
  | { kind: 'participant'; id: string; language: 'id' | 'en' | 'su'; consented: boolean; phone: string }
  | { kind: 'mentor'; id: string; phone: string }
  | { kind: 'unknown' };

/**
 * Who is writing: a participant (or else a mentor) is recognised by the chat identity stored on their record, or, on
 * apps whose chat id is the phone number (WhatsApp, the simulator), by their phone.
 */
export async function identifyPerson(models: Models, channel: Channel, chatId: string): Promise<Person> {
  const filter =
    channel === 'telegram'
      ? { 'channels.telegramUserId': chatId }
      : { $or: [{ 'channels.whatsappId': chatId }, { phone: phoneOfChat(chatId) }] };
  const participant = await models.participants.findOne(filter, { language: 1, consent: 1, phone: 1 }).lean();
  if (!participant) {
    const mentor = await models.mentors.findOne(filter, { phone: 1 }).lean();
    return mentor ? { kind: 'mentor', id: String(mentor._id), phone: mentor.phone } : { kind: 'unknown' };
  }
  return {
    kind: 'participant',
    id: String(participant._id),
    language: participant.language,
    consented: Boolean(participant.consent?.givenAt && !participant.consent.withdrawnAt),
    phone: participant.phone,
  };
}

/** `6281234567890@c.us` (WhatsApp Web) or `6281234567890` (Cloud API) → `+6281234567890`. */
export function phoneOfChat(chatId: string): string {
  const digits = chatId.replace(/@.*$/, '').replace(/\D/g, '');
  return `+${digits}`;
}
