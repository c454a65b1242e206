import type { Models } from './models';
import { conversationKey } from './models/conversation';
import { chatsOf } from '../domain/privacy/subject';

/** A person on record whose phone number is their chat identity on the apps that use numbers. */
export interface PersonByPhone {
  kind: 'participant' | 'mentor' | 'staff';
  id: string;
  phone: string;
}

/**
 * The identity keys a phone number is on the apps whose chat id is the number (a private chat's key
 * is its writer's identity key). Telegram's is an account id of its own, keyed when the person is
 * first found there.
 */
export function phoneIdentityKeys(phone: string): string[] {
  return chatsOf(phone).map((chat) => conversationKey(chat.channel, chat.chatId));
}

/**
 * The collection a kind of person's records are in. Typed as the participants' for the fields the
 * three share (phone, channels, language), which is all the callers touch.
 */
export function registryOf(models: Models, kind: PersonByPhone['kind']): Models['participants'] {
  const registry =
    kind === 'participant' ? models.participants : kind === 'mentor' ? models.mentors : models.staff;
  return registry as Models['participants'];
}

/** How many people's keys go in one bulk write. */
const PEOPLE_PER_WRITE = 500;

/**
 * Points the phone identities of people just stored (imported, entered on the dashboard, seeded, a
 * phone changed) at their records, so that their first message is recognised with one read by `_id`
 * instead of a search of every record. A participant's key replaces whatever was there; a mentor's
 * or staff member's only fills an empty one, as a search would find the participant first. Keys that
 * no longer hold are harmless: the record they name is checked, and searched for again.
 */
export async function keyPhoneIdentities(models: Models, people: PersonByPhone[]): Promise<void> {
  for (let start = 0; start < people.length; start += PEOPLE_PER_WRITE) {
    const writes = people.slice(start, start + PEOPLE_PER_WRITE).flatMap(({ kind, id, phone }) =>
      phoneIdentityKeys(phone).map((key) => ({
        updateOne: {
          filter: { _id: key },
          update:
            kind === 'participant' ? { $set: { kind, person: id } } : { $setOnInsert: { kind, person: id } },
          upsert: true,
        },
      })),
    );
    if (writes.length > 0) await models.identities.bulkWrite(writes, { ordered: false });
  }
}
