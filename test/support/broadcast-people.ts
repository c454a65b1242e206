import type { Types } from 'mongoose';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram';
import type { Models } from '../../src/db/models';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import type { Logger } from '../../src/log';
import { STAND_IN_BOT, type BotApiStandIn } from './bot-api-stand-in';

/** The accounts that send broadcasts in these tests, by phone. */
export const BROADCAST_LOGINS = {
  dewi: '+6281300000004',
  koordinator: '+6281300000005',
  tono: '+6281300000201',
  rina: '+6281300000202',
};
/** The participants' Telegram chats. */
export const BROADCAST_TELEGRAM = { siti: 9001, dede: 9002, euis: 9003, neng: 9004 };

/**
 * A group to broadcast to, as of `now` (a Monday: last week is 2026-W47 for 23 November 2026).
 * Mentor Tono follows Siti and Dede (Cililin, on Telegram), Euis (Cihampelas, said STOP), Asep
 * (graduated) and Ujang (only on WhatsApp's Cloud API, silent for more than 24 hours); Rina follows
 * Neng. Siti alone reported last week; Tono's session invited Siti and Euis. Dewi is the Dinsos
 * admin, Yayah the koordinator of Puskesos Lumpaat (Batulayang, Cililin).
 */
export async function createBroadcastPeople(models: Models, now: Date) {
  const [lumpaat] = await models.puskesos.create([
    { name: 'Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
  ]);
  await models.staff.create([
    { name: 'Dewi', phone: BROADCAST_LOGINS.dewi, role: 'admin' },
    { name: 'Yayah', phone: BROADCAST_LOGINS.koordinator, role: 'koordinator', puskesos: lumpaat?._id },
  ]);
  const [tono, rina] = await models.mentors.create([
    { name: 'Tono', phone: BROADCAST_LOGINS.tono, type: 'MiBi', kecamatan: ['Cililin'] },
    { name: 'Rina', phone: BROADCAST_LOGINS.rina, type: 'MiBi', kecamatan: ['Cililin'] },
  ]);
  const consent = { purpose: 'test', givenAt: now, channel: 'telegram' };
  const person = (
    name: string,
    phone: string,
    place: { kecamatan: string; desa: string },
    kind: { cluster: 'kuliner' | 'ritel' | 'agribisnis'; stage: 'start_up' | 'scale_up' | 'inkubasi' },
    mibi: Types.ObjectId | undefined,
    channels: Record<string, string>,
  ) => ({ name, phone, ...place, ...kind, consent, mentors: { mibi }, channels });
  const cililin = (desa: string) => ({ kecamatan: 'Cililin', desa });
  const telegram = BROADCAST_TELEGRAM;
  const [siti, , euis] = await models.participants.create([
    person(
      'Siti Aminah',
      '+6281200001001',
      cililin('Batulayang'),
      { cluster: 'kuliner', stage: 'start_up' },
      tono?._id,
      { telegramUserId: String(telegram.siti) },
    ),
    person(
      'Dede Rohaeni',
      '+6281200001002',
      cililin('Karanganyar'),
      { cluster: 'ritel', stage: 'scale_up' },
      tono?._id,
      { telegramUserId: String(telegram.dede) },
    ),
    {
      ...person(
        'Euis Kurniasih',
        '+6281200001003',
        { kecamatan: 'Cihampelas', desa: 'Pataruman' },
        { cluster: 'kuliner', stage: 'inkubasi' },
        tono?._id,
        { telegramUserId: String(telegram.euis) },
      ),
      remindersStoppedAt: now,
    },
    {
      ...person(
        'Asep Hidayat',
        '+6281200001004',
        cililin('Batulayang'),
        { cluster: 'kuliner', stage: 'start_up' },
        tono?._id,
        {},
      ),
      status: 'graduated',
    },
    // Only on WhatsApp's Cloud API, and silent for longer than its 24-hour window.
    person(
      'Ujang Suhendar',
      '+6281200001005',
      cililin('Batulayang'),
      { cluster: 'agribisnis', stage: 'start_up' },
      tono?._id,
      { whatsappCloudId: '6281200001005', lastUsed: 'whatsapp-cloud' },
    ),
    person(
      'Neng Sumiati',
      '+6281200001006',
      cililin('Batulayang'),
      { cluster: 'kuliner', stage: 'start_up' },
      rina?._id,
      { telegramUserId: String(telegram.neng) },
    ),
  ]);
  if (!siti || !euis || !tono || !lumpaat) throw new Error('the test people were not created');
  await submitWeeklyReport(models, {
    participant: siti._id,
    week: '2026-W47',
    sales: 900_000,
    spending: 0,
    savingsDeposit: 20_000,
    savingsWithdrawal: 0,
    channel: 'telegram',
    submittedAt: now,
  });
  const session = await models.mentoringSessions.create({
    mentor: tono._id,
    startsAt: new Date('2026-11-25T02:00:00Z'),
    place: 'Balai Desa Batulayang',
    topic: 'Pembukuan warung',
    participants: [siti._id, euis._id],
  });
  return { sessionId: String(session._id), puskesos: lumpaat._id };
}

/** The real Telegram sender against the Bot API stand-in: it sends what the outbox holds, and only that. */
export async function startTelegramSender(
  standIn: BotApiStandIn,
  models: Models,
  logger: Logger,
): Promise<TelegramChannel> {
  const telegram = createTelegramChannel({
    token: standIn.token,
    apiRoot: standIn.apiRoot,
    webhook: { url: 'https://pendamping.example.id/telegram/webhook', secret: 'rahasia-0123456789' },
    models,
    conversations: {
      accept: () => Promise.reject(new Error('no inbound in these tests')),
      drain: () => Promise.resolve(),
    },
    logger,
    clock: () => new Date(),
    botInfo: STAND_IN_BOT,
    limits: { perSecond: 30, perChatIntervalMs: 100 },
  });
  await telegram.start();
  return telegram;
}
