import type { Models } from '../db/models';
import { conversationKey } from '../db/models/conversation';
import { isDuplicateKey } from '../db/errors';
import { registryOf } from '../db/identities';
import type { Channel, InboundMessage } from '../engine/messages';

/** How a known person is reached, as their record says: where replies and reminders go. */
interface Reach {
  lastUsed?: string | undefined;
  whatsappId?: string | undefined;
  whatsappCloudId?: string | undefined;
}

export type Person =
  | ({
      kind: 'participant';
      id: string;
      language: 'id' | 'en' | 'su';
      consented: boolean;
      phone: string;
    } & Reach)
  | ({ kind: 'mentor'; id: string; phone: string; language: 'id' | 'en' | 'su' } & Reach)
  | ({ kind: 'staff'; id: string } & Reach)
  | { kind: 'unknown' };

/**
 * Who a chat's writer turned out to be, kept on the conversation: the record to read by `_id` next
 * time, or when we last found nobody.
 */
export type RememberedWriter =
  | { userId: string; kind: 'participant' | 'mentor' | 'staff'; id: string }
  | { userId: string; kind: 'unknown'; checkedAt: Date };

/**
 * Someone we did not know is looked for again after this long, in case they were registered
 * meanwhile; sharing their contact (Telegram) looks at once.
 */
export const UNKNOWN_RECHECK_MS = 10 * 60_000;

/** The chat apps a person can be reached on again (the simulator is for trying things out). */
const APPS: readonly string[] = ['telegram', 'whatsapp-web', 'whatsapp-cloud'];

/**
 * Notes on a known person's record where they just wrote: the app, so that reminders and replies
 * go there first (src/domain/reminders/reach.ts), and for participants and mentors their WhatsApp
 * chat, so that reminders and digests can reach them there (on the Cloud API, writing first is
 * also their agreement to hear from us). Written by `_id`, only when something changes.
 */
export async function rememberChat(models: Models, person: Person, inbound: InboundMessage): Promise<void> {
  if (person.kind === 'unknown') return;
  const { channel, chatId } = inbound;
  const changes: Record<string, string> = {};
  if (APPS.includes(channel) && person.lastUsed !== channel) changes['channels.lastUsed'] = channel;
  if (person.kind !== 'staff' && !inbound.group) {
    if (channel === 'whatsapp-web' && person.whatsappId !== chatId) changes['channels.whatsappId'] = chatId;
    if (channel === 'whatsapp-cloud' && person.whatsappCloudId !== chatId)
      changes['channels.whatsappCloudId'] = chatId;
  }
  if (Object.keys(changes).length === 0) return;
  const registry = registryOf(models, person.kind);
  try {
    await registry.updateOne({ _id: person.id }, { $set: changes });
  } catch (error) {
    // Another record holds that chat already (a unique index): staff settle that, not a chat message.
    if (!isDuplicateKey(error) || !changes['channels.lastUsed']) throw error;
    await registry.updateOne({ _id: person.id }, { $set: { 'channels.lastUsed': channel } });
  }
}

interface PersonRecord {
  _id: unknown;
  phone?: string | null;
  language?: 'id' | 'en' | 'su' | null;
  consent?: { givenAt?: Date | null; withdrawnAt?: Date | null } | null;
  channels?: {
    telegramUserId?: string | null;
    whatsappId?: string | null;
    whatsappCloudId?: string | null;
    lastUsed?: string | null;
  } | null;
}

const PROJECTION = { language: 1, consent: 1, phone: 1, channels: 1 };

/**
 * Who is writing: a participant, a mentor or Puskesos staff, recognised by the chat identity stored on
 * their record or, on apps whose chat id is the phone number (WhatsApp, the simulator), by their phone.
 * `userId` is the writer's own id: the chat's in a private chat, the member's in a group.
 *
 * The writer remembered by the conversation is read by `_id` and kept while their record still
 * names this chat; only a chat's first message, or one after the record changed, searches.
 */
export async function identifyPerson(
  models: Models,
  channel: Channel,
  userId: string,
  remembered?: RememberedWriter | undefined,
  now: Date = new Date(),
): Promise<{ person: Person; writer: RememberedWriter }> {
  if (remembered && remembered.kind !== 'unknown') {
    const record = await recordOf(models, remembered.kind, remembered.id);
    if (record && recognises(record, channel, userId)) {
      return { person: personOf(remembered.kind, record), writer: remembered };
    }
  } else if (remembered && now.getTime() - new Date(remembered.checkedAt).getTime() < UNKNOWN_RECHECK_MS) {
    return { person: { kind: 'unknown' }, writer: remembered };
  }
  return searchPerson(models, channel, userId, now);
}

async function recordOf(
  models: Models,
  kind: 'participant' | 'mentor' | 'staff',
  id: string,
): Promise<PersonRecord | null> {
  return registryOf(models, kind).findById(id, PROJECTION).lean<PersonRecord>();
}

function recognises(record: PersonRecord, channel: Channel, userId: string): boolean {
  if (channel === 'telegram') return record.channels?.telegramUserId === userId;
  return record.channels?.whatsappId === userId || record.phone === phoneOfChat(userId);
}

async function searchPerson(
  models: Models,
  channel: Channel,
  userId: string,
  now: Date,
): Promise<{ person: Person; writer: RememberedWriter }> {
  const key = conversationKey(channel, userId);
  const known = await models.identities.findById(key).lean();
  if (known) {
    const record = await recordOf(models, known.kind, known.person);
    if (record && recognises(record, channel, userId)) {
      return { person: personOf(known.kind, record), writer: { userId, kind: known.kind, id: known.person } };
    }
  }
  // Searched only when the key names nobody who still has this identity: the key is then written anew.
  const found = await searchRecords(models, channel, userId);
  if (found) {
    await models.identities.updateOne(
      { _id: key },
      { $set: { kind: found.kind, person: String(found.record._id) } },
      { upsert: true },
    );
    return {
      person: personOf(found.kind, found.record),
      writer: { userId, kind: found.kind, id: String(found.record._id) },
    };
  }
  if (known) await models.identities.deleteOne({ _id: key });
  return { person: { kind: 'unknown' }, writer: { userId, kind: 'unknown', checkedAt: now } };
}

/** Every participant, mentor and staff record searched for the identity, in that order. */
async function searchRecords(
  models: Models,
  channel: Channel,
  userId: string,
): Promise<{ kind: 'participant' | 'mentor' | 'staff'; record: PersonRecord } | undefined> {
  const filter =
    channel === 'telegram'
      ? { 'channels.telegramUserId': userId }
      : { $or: [{ 'channels.whatsappId': userId }, { phone: phoneOfChat(userId) }] };
  for (const kind of ['participant', 'mentor', 'staff'] as const) {
    const record = await registryOf(models, kind).findOne(filter, PROJECTION).lean<PersonRecord>();
    if (record) return { kind, record };
  }
  return undefined;
}

function personOf(kind: 'participant' | 'mentor' | 'staff', record: PersonRecord): Person {
  const id = String(record._id);
  const reach: Reach = {
    lastUsed: record.channels?.lastUsed ?? undefined,
    whatsappId: record.channels?.whatsappId ?? undefined,
    whatsappCloudId: record.channels?.whatsappCloudId ?? undefined,
  };
  if (kind === 'participant') {
    return {
      kind,
      id,
      language: record.language ?? 'id',
      consented: Boolean(record.consent?.givenAt && !record.consent.withdrawnAt),
      phone: record.phone ?? '',
      ...reach,
    };
  }
  if (kind === 'mentor')
    return { kind, id, phone: record.phone ?? '', language: record.language ?? 'id', ...reach };
  return { kind, id, ...reach };
}

/** `6281234567890@c.us` (WhatsApp Web) or `6281234567890` (Cloud API) → `+6281234567890`. */
export function phoneOfChat(chatId: string): string {
  const digits = chatId.replace(/@.*$/, '').replace(/\D/g, '');
  return `+${digits}`;
}
