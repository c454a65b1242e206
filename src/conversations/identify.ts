import type { Models } from '../db/models';
import type { Channel } from '../engine/messages';

export type Person =
  | {
      kind: 'participant';
      id: string;
      language: 'id' | 'en' | 'su';
      consented: boolean;
      phone: string;
      lastUsed?: string | undefined;
    }
  | { kind: 'mentor'; id: string; phone: string; lastUsed?: string | undefined }
  | { kind: 'staff'; id: string; lastUsed?: string | undefined }
  | { kind: 'unknown' };

/** The chat apps a person can be reached on again (the simulator is for trying things out). */
const APPS: readonly string[] = ['telegram', 'whatsapp-web', 'whatsapp-cloud'];

/**
 * Notes the app a known person just wrote from, so that reminders and replies to them go there
 * first (src/domain/reminders/reach.ts). Written only when it changes.
 */
export async function rememberApp(models: Models, person: Person, channel: Channel): Promise<void> {
  if (person.kind === 'unknown' || person.lastUsed === channel || !APPS.includes(channel)) return;
  const update = { $set: { 'channels.lastUsed': channel } };
  if (person.kind === 'participant') await models.participants.updateOne({ _id: person.id }, update);
  else if (person.kind === 'mentor') await models.mentors.updateOne({ _id: person.id }, update);
  else await models.staff.updateOne({ _id: person.id }, update);
}

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
  const participant = await models.participants
    .findOne(filter, { language: 1, consent: 1, phone: 1, channels: 1 })
    .lean();
  if (participant) {
    return {
      kind: 'participant',
      id: String(participant._id),
      language: participant.language,
      consented: Boolean(participant.consent?.givenAt && !participant.consent.withdrawnAt),
      phone: participant.phone,
      lastUsed: participant.channels?.lastUsed ?? undefined,
    };
  }
  const mentor = await models.mentors.findOne(filter, { phone: 1, channels: 1 }).lean();
  if (mentor) {
    return {
      kind: 'mentor',
      id: String(mentor._id),
      phone: mentor.phone,
      lastUsed: mentor.channels?.lastUsed ?? undefined,
    };
  }
  const staff = await models.staff.findOne(filter, { channels: 1 }).lean();
  return staff
    ? { kind: 'staff', id: String(staff._id), lastUsed: staff.channels?.lastUsed ?? undefined }
    : { kind: 'unknown' };
}

/** `6281234567890@c.us` (WhatsApp Web) or `6281234567890` (Cloud API) → `+6281234567890`. */
export function phoneOfChat(chatId: string): string {
  const digits = chatId.replace(/@.*$/, '').replace(/\D/g, '');
  return `+${digits}`;
}
