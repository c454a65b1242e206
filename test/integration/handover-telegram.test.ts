import type { Message } from 'grammy/types';
import { setPassword } from '../../src/auth';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram';
import type { ConversationService } from '../../src/conversations';
import { databaseReachable } from '../../src/db/connect';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import {
  BotApiStandIn,
  eventually,
  messageUpdate,
  STAND_IN_BOT,
  type SentMessage,
} from '../support/bot-api-stand-in';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { siti } from '../support/participants';

/**
 * A request for a person over Telegram, end to end: a participant asks in her private chat (the real
 * grammY bot against the local Bot API stand-in), the one it is for is told in theirs, answers from the
 * dashboard over HTTP or by replying to the bot's message, and closes it; the bot then takes over.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
// Telegram's per-chat pacing waits on the clock, so it runs at the pace of real time.
const clock = () => new Date();
const PASSWORD = 'rahasia-pendamping-2026';

const SITI = 5_300_001;
const RIZKY = 5_300_101; // her mentor
const YANTI = 5_300_102; // another mentor
const RINA = 5_300_201; // front office of Puskesos Lumpaat, which serves her desa
const RIZKY_PHONE = '+6281300000201';

let standIn: BotApiStandIn;
let channel: TelegramChannel;
let conversations: ConversationService;
let base = '';
let closeDashboard: () => Promise<void> = async () => {};

beforeAll(async () => {
  const [rizky] = await db.models.mentors.create([
    { name: 'Rizky', phone: RIZKY_PHONE, type: 'MiBi', channels: { telegramUserId: String(RIZKY) } },
    { name: 'Yanti', phone: '+6281300000202', type: 'MiBi', channels: { telegramUserId: String(YANTI) } },
  ]);
  const lumpaat = await db.models.puskesos.create({
    name: 'Puskesos Lumpaat',
    desa: 'Batulayang',
    kecamatan: 'Cililin',
  });
  await db.models.staff.create({
    name: 'Rina',
    phone: '+6281300000001',
    role: 'front_office',
    puskesos: lumpaat._id,
    channels: { telegramUserId: String(RINA) },
  });
  await db.models.participants.create({
    ...siti('+6281200007777', { consentedOn: 'telegram', telegramUserId: SITI }),
    mentors: { mibi: rizky!._id },
  });
  await setPassword(db.models, RIZKY_PHONE, PASSWORD);

  standIn = await BotApiStandIn.start();
  conversations = testConversationService(db.models, clock, logger);
  channel = createTelegramChannel({
    token: standIn.token,
    apiRoot: standIn.apiRoot,
    models: db.models,
    conversations,
    logger,
    clock,
    botInfo: STAND_IN_BOT,
  });
  await channel.start();
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [dashboardRouter(testApiDependencies({ models: db.models, conversations, clock, logger }))],
    logger,
    trustProxy: ['loopback'],
  });
  ({ base, close: closeDashboard } = await listenOnLoopback(app));
});

afterAll(async () => {
  await channel?.stop();
  await standIn?.close();
  await closeDashboard();
});

/** Everything received is handled and everything due is sent. */
const settled = () =>
  eventually(
    async () =>
      !(await db.models.inboundMessages.exists({ status: 'received' })) &&
      !(await db.models.outbox.exists({ status: 'pending', dueAt: { $lte: clock() } })),
    { what: 'everything handled and sent' },
  );

/** The bot's messages to a chat after the first `seen`, once everything is handled and sent. */
async function newTo(chatId: number, seen: number): Promise<string[]> {
  await settled();
  return standIn
    .sentTo(chatId)
    .slice(seen)
    .map((message) => message.text);
}

/** A private message to the bot, as a reply to one of its messages when `replyTo` is given. */
async function say(from: number, text: string, replyTo?: SentMessage): Promise<string[]> {
  const seen = standIn.sentTo(from).length;
  const reply = replyTo && {
    reply_to_message: {
      message_id: replyTo.messageId,
      from: STAND_IN_BOT,
      chat: { id: from, type: 'private', first_name: 'Staf' },
      date: Math.floor(Date.now() / 1000),
      text: replyTo.text,
      reply_to_message: undefined,
    } satisfies Message['reply_to_message'],
  };
  standIn.queueUpdate(messageUpdate(from, { text, ...reply }));
  await eventually(() => standIn.sentTo(from).length > seen || undefined, {
    what: `an answer to ${from}`,
  });
  return newTo(from, seen);
}

const numberIn = (text: string) => /BTN-[0-9A-Z]{6}/.exec(text)?.[0] ?? '';
const formTokenOf = (page: string) => /name="token" value="([^"]+)"/.exec(page)?.[1] ?? '';
/** The bot's latest message to a chat that names the request. */
const noticeTo = (chatId: number, number: string) =>
  standIn
    .sentTo(chatId)
    .filter((message) => message.text.includes(number))
    .at(-1);

describe('a request for a person over Telegram', () => {
  it('reaches the participant with the mentor’s dashboard answer, once, and the bot takes over after closing', async () => {
    await say(SITI, 'halo');
    const rizkySeen = standIn.sentTo(RIZKY).length;
    const asked = (await say(SITI, '7')).join('\n');
    expect(asked).toContain('sudah kami teruskan ke Pendamping Rizky');
    const number = numberIn(asked);
    expect(await newTo(RIZKY, rizkySeen)).toEqual([
      expect.stringContaining(`Permintaan bantuan ${number} dari Siti Aminah (peserta dampingan Anda).`),
    ]);
    await say(SITI, 'Kapan modal tahap 2 cair?');

    const rizky = formBrowser(base, { address: '10.3.0.1', password: PASSWORD });
    expect((await rizky.signIn(RIZKY_PHONE)).status).toBe(303);
    const page = await rizky.get(`/dashboard/bantuan/${number}`);
    expect(page.text).toContain('Kapan modal tahap 2 cair?');
    const sitiSeen = standIn.sentTo(SITI).length;
    const form = { text: 'Minggu depan, setelah laporan Bapak/Ibu lengkap.', token: formTokenOf(page.text) };
    expect((await rizky.post(`/dashboard/bantuan/${number}/jawab`, form)).status).toBe(303);
    // The form sent twice (a double click, a retry after a timeout) sends the answer once.
    expect((await rizky.post(`/dashboard/bantuan/${number}/jawab`, form)).status).toBe(303);
    expect(await newTo(SITI, sitiSeen)).toEqual([
      'Pendamping Rizky: Minggu depan, setelah laporan Bapak/Ibu lengkap.',
    ]);
    expect((await rizky.get(`/dashboard/bantuan/${number}`)).text).toContain(
      'sudah dikirim; tidak dikirim lagi',
    );

    const beforeClose = standIn.sentTo(SITI).length;
    expect((await rizky.post(`/dashboard/bantuan/${number}/tutup`, {})).status).toBe(303);
    expect(await newTo(SITI, beforeClose)).toEqual([
      'Percakapan dengan petugas selesai. Ketik MENU untuk menu.',
    ]);
    expect((await say(SITI, 'halo')).join('\n')).toContain('Ada yang bisa kami bantu');
  });

  it('takes the mentor’s reply to the bot’s message as the answer, refuses another mentor, and closes with /tutup', async () => {
    await say(SITI, 'menu');
    const number = numberIn((await say(SITI, '7')).join('\n'));
    await say(SITI, 'Boleh pindah jadwal sesi?');
    const passedOn = noticeTo(RIZKY, number);
    expect(passedOn?.text).toContain('Boleh pindah jadwal sesi?');

    // Yanti replies to a copy of the message: it is not her request, and Siti hears nothing.
    const sitiSeen = standIn.sentTo(SITI).length;
    expect(await say(YANTI, 'Saya bantu jawab', passedOn)).toEqual([
      `Permintaan ${number} tidak ditemukan di antara permintaan untuk Anda.`,
    ]);
    expect(await say(RIZKY, 'Boleh, hari Jumat pukul 9.', passedOn)).toEqual([
      `Jawaban untuk ${number} sudah dikirim ke Siti Aminah.`,
    ]);
    expect(await newTo(SITI, sitiSeen)).toEqual(['Pendamping Rizky: Boleh, hari Jumat pukul 9.']);
    expect(
      await db.models.auditEvents.findOne({ action: 'handover.answer', target: number }).lean(),
    ).toMatchObject({ details: { via: 'chat', channel: 'telegram' } });

    expect(await say(RIZKY, '/tutup', passedOn)).toEqual([
      `${number} ditutup; bot melayani Siti Aminah lagi.`,
    ]);
    expect(await newTo(SITI, sitiSeen)).toContain(
      'Percakapan dengan petugas selesai. Ketik MENU untuk menu.',
    );
    expect((await db.models.handovers.findById(number).lean())?.status).toBe('closed');
  });

  it('gives a request from within a complaint to the Puskesos, whose staff answer by replying, signed with its name', async () => {
    await say(SITI, 'menu');
    await say(SITI, '3');
    const rinaSeen = standIn.sentTo(RINA).length;
    const asked = (await say(SITI, 'bantuan')).join('\n');
    expect(asked).toContain('sudah kami teruskan ke Puskesos Lumpaat');
    const number = numberIn(asked);
    expect(await db.models.handovers.findById(number).lean()).toMatchObject({
      assignee: { kind: 'puskesos', name: 'Puskesos Lumpaat' },
    });
    expect(await newTo(RINA, rinaSeen)).toEqual([expect.stringContaining(`Permintaan bantuan ${number}`)]);

    const sitiSeen = standIn.sentTo(SITI).length;
    await say(RINA, 'Silakan datang ke Puskesos hari Senin membawa KK.', noticeTo(RINA, number));
    expect(await newTo(SITI, sitiSeen)).toEqual([
      'Puskesos Lumpaat: Silakan datang ke Puskesos hari Senin membawa KK.',
    ]);
    // Her mentor is not the one for it: his reply naming it is refused, and Siti hears nothing more.
    const namingIt = { messageId: 1, chatId: String(RIZKY), text: `Permintaan bantuan ${number}` };
    expect(await say(RIZKY, 'Saya juga bisa bantu', namingIt)).toEqual([
      `Permintaan ${number} tidak ditemukan di antara permintaan untuk Anda.`,
    ]);
    expect(await newTo(SITI, sitiSeen)).toHaveLength(1);
  });
});
