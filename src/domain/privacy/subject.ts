import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import type { Mentor, Participant, Staff } from '../../db/models';

/** A chat on one app: what inbound messages, the outbox and conversations are kept by. */
export interface Chat {
  channel: string;
  chatId: string;
}

interface ChannelIdentities {
  telegramUserId?: string | null | undefined;
  whatsappId?: string | null | undefined;
  whatsappCloudId?: string | null | undefined;
}

/**
 * Every chat a person may have written from: the ones their record notes, and the ones that follow
 * from the phone alone (the simulator, WhatsApp Web and the Cloud API key a private chat by the
 * number), so that a resident we know only by their number is found too.
 */
export function chatsOf(phone: string | undefined, channels?: ChannelIdentities | null): Chat[] {
  const digits = phone?.replace(/\D/g, '');
  const chats: Chat[] = [
    ...(phone && digits
      ? [
          { channel: 'simulator', chatId: phone },
          { channel: 'whatsapp-web', chatId: `${digits}@c.us` },
          { channel: 'whatsapp-cloud', chatId: digits },
        ]
      : []),
    ...(channels?.telegramUserId ? [{ channel: 'telegram', chatId: channels.telegramUserId }] : []),
    ...(channels?.whatsappId ? [{ channel: 'whatsapp-web', chatId: channels.whatsappId }] : []),
    ...(channels?.whatsappCloudId ? [{ channel: 'whatsapp-cloud', chatId: channels.whatsappCloudId }] : []),
  ];
  return distinctChats(chats);
}

export function distinctChats(chats: readonly Chat[]): Chat[] {
  const seen = new Set<string>();
  return chats.filter((chat) => {
    const key = `${chat.channel}:${chat.chatId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type Stored<T> = T & { _id: Types.ObjectId };

/**
 * Whose data is asked for: a participant, a mentor or a staff member by the phone on their record,
 * otherwise a resident known only by the number they wrote or complained from.
 */
export type DataSubject =
  | { kind: 'participant'; phone: string; record: Stored<Participant> }
  | { kind: 'mentor'; phone: string; record: Stored<Mentor> }
  | { kind: 'staff'; phone: string; record: Stored<Staff> }
  | { kind: 'resident'; phone: string };

/** The person a phone (E.164) belongs to; a number on no record is a resident's. */
export async function findDataSubject(models: Models, phone: string): Promise<DataSubject> {
  const participant = await models.participants.findOne({ phone }).lean();
  if (participant) return { kind: 'participant', phone, record: participant };
  const mentor = await models.mentors.findOne({ phone }).lean();
  if (mentor) return { kind: 'mentor', phone, record: mentor };
  const staff = await models.staff.findOne({ phone }).lean();
  if (staff) return { kind: 'staff', phone, record: staff };
  return { kind: 'resident', phone };
}

/** A participant by their record's id, for the dashboard's page of that participant. */
export async function participantSubject(models: Models, id: string): Promise<DataSubject | undefined> {
  const record = await models.participants.findById(id).lean();
  return record ? { kind: 'participant', phone: record.phone, record } : undefined;
}
