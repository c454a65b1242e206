import type { Models } from '../db/models';
import type { Channel } from '../engine/messages';

export type Person =
  | { kind: 'participant'; id: string; language: 'id' | 'en' | 'su'; consented: boolean; phone: string }
  | { kind: 'mentor'; id: string; phone: string }
  | { kind: 'staff'; id: string }
  | { kind: 'unknown' };

/**
 * Who is writing: a participant, a mentor or Puskesos staff, recognised by the chat identity stored on
 * their record or, on apps whose chat id is the phone number (WhatsApp, the simulator), by their phone.
 * `userId` is the writer's own id: the chat's in a private chat, the member's in a group.
 */
export async function identifyPerson(models: Models, channel: Channel, userId: string): Promise<Person> {
  const filter =
    channel === 'telegram'
      ? { 'channels.telegramUserId': userId }
      : { $or: [{ 'channels.whatsappId': userId }, { phone: phoneOfChat(userId) }] };
  const participant = await models.participants.findOne(filter, { language: 1, consent: 1, phone: 1 }).lean();
  if (participant) {
    return {
      kind: 'participant',
      id: String(participant._id),
      language: participant.language,
      consented: Boolean(participant.consent?.givenAt && !participant.consent.withdrawnAt),
      phone: participant.phone,
    };
  }
  const mentor = await models.mentors.findOne(filter, { phone: 1 }).lean();
  if (mentor) return { kind: 'mentor', id: String(mentor._id), phone: mentor.phone };
  const staff = await models.staff.findOne(filter, { _id: 1 }).lean();
  return staff ? { kind: 'staff', id: String(staff._id) } : { kind: 'unknown' };
}

/** `6281234567890@c.us` (WhatsApp Web) or `6281234567890` (Cloud API) → `+6281234567890`. */
export function phoneOfChat(chatId: string): string {
  const digits = chatId.replace(/@.*$/, '').replace(/\D/g, '');
  return `+${digits}`;
}
