import type { Types } from 'mongoose';
import { WHATSAPP_CLOUD } from '../../../src/channels/whatsapp-cloud/notifications';
import type { Models } from '../../../src/db/models';
import { reportLastWeek } from '../../../test/support/participants';
import type { Chat, Platforms } from './platforms';

/**
 * What each participant types: a guided weekly report (last week is reported, so this week is the
 * obvious one and not asked), then a complaint to their Puskesos. Each message has an answer.
 */
export const SCRIPT = [
  'halo',
  '1',
  '1,5jt',
  '200rb',
  '50rb',
  '0',
  '1',
  'ADUAN',
  '2',
  'Modal usaha belum cair sejak bulan lalu, mohon dibantu',
  '-',
  '1',
];
/** What the script stores: one report of this week with these figures, and one complaint. */
export const EXPECTED_REPORT = {
  sales: 1_500_000,
  spending: 200_000,
  savingsDeposit: 50_000,
  savingsWithdrawal: 0,
};

export interface Participant {
  id: Types.ObjectId;
  /** How the suite names them in what it prints: never by their number. */
  name: string;
  chat: Chat;
}

/** One message as the suite sent it. */
export interface SentMessage {
  participant: Participant;
  /** 1, 2, ... within its chat: the order it was sent in. */
  number: number;
  key: string;
  firstPostAt: number;
  /** How many posts the platform needed before the service took it. */
  posts: number;
}

/** Half on Telegram, half on WhatsApp (Cloud API), consenting, with last week reported. */
export async function seedParticipants(models: Models, count: number): Promise<Participant[]> {
  await models.puskesos.create({ name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' });
  const participants: Participant[] = [];
  for (let index = 0; index < count; index++) {
    const onTelegram = index % 2 === 0;
    const phone = `+62${onTelegram ? '813' : '852'}${String(70_000_000 + index)}`;
    const telegramUserId = String(710_000 + index);
    const created = await models.participants.create({
      name: `Peserta ${index + 1}`,
      phone,
      kecamatan: 'Cililin',
      desa: 'Batulayang',
      cluster: 'kuliner',
      stage: 'start_up',
      consent: {
        purpose: 'bench:faults',
        givenAt: new Date(),
        channel: onTelegram ? 'telegram' : WHATSAPP_CLOUD,
      },
      channels: onTelegram ? { telegramUserId } : {},
    });
    await reportLastWeek(models, created._id);
    participants.push({
      id: created._id,
      name: `participant ${index + 1} (${onTelegram ? 'Telegram' : 'WhatsApp'})`,
      chat: onTelegram
        ? { channel: 'telegram', chatId: telegramUserId }
        : { channel: WHATSAPP_CLOUD, chatId: phone.slice(1) },
    });
  }
  return participants;
}

/** How long a person waits for an answer before typing the next message anyway. */
const PATIENCE_MS = 90_000;

/**
 * `chats` participants at a time go through the script, each message posted (and posted again)
 * until the service takes it, the next one once the bot answered (or the person lost patience).
 */
export async function driveLoad(
  participants: Participant[],
  options: { platforms: Platforms; serviceBase: string; chats: number; stopped: AbortSignal },
  sent: SentMessage[],
): Promise<void> {
  const { platforms, serviceBase, stopped } = options;
  let next = 0;
  const worker = async () => {
    while (next < participants.length && !stopped.aborted) {
      const participant = participants[next++];
      if (!participant) break;
      for (const [index, text] of SCRIPT.entries()) {
        const before = platforms.deliveryCount(participant.chat);
        const firstPostAt = Date.now();
        const { key, posts } = await platforms.deliver(
          serviceBase,
          participant.chat,
          index + 1,
          text,
          stopped,
        );
        sent.push({ participant, number: index + 1, key, firstPostAt, posts });
        const deadline = Date.now() + PATIENCE_MS;
        while (
          platforms.deliveryCount(participant.chat) === before &&
          Date.now() < deadline &&
          !stopped.aborted
        )
          await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: options.chats }, worker));
}
