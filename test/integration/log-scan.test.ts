import type { Update } from 'grammy/types';
import { setPassword } from '../../src/auth';
import { simulatorRouters } from '../../src/channels/simulator';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram';
import { databaseReachable } from '../../src/db/connect';
import { queueOnce } from '../../src/db/outbox';
import { createHttpApp } from '../../src/http';
import { apiV1Router } from '../../src/http/api/v1';
import { dashboardRouter } from '../../src/http/dashboard';
import { hideSecrets } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { BotApiStandIn, eventually, messageUpdate, STAND_IN_BOT } from '../support/bot-api-stand-in';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { listenOnLoopback } from '../support/http';
import { capturedLog } from '../support/log';
import { leaksIn, literal, PERSONAL_DATA } from '../support/log-leaks';
import { siti } from '../support/participants';

/**
 * Everything the service logs at `debug` while people do what they do (chat with a NIK and a phone
 * number in it, file a complaint, sign in, send broken requests, a Telegram send that fails) holds no
 * phone number, NIK, bot token or configured secret: the real logger, its lines read back.
 */
jest.setTimeout(60_000);

const db = useTestDatabase();
const log = capturedLog('debug');
const { logger } = log;
const clock = () => new Date();

/** Shaped like a real token, so only the redactor's pattern can catch it (it is not a configured secret). */
const BOT_TOKEN = '7000000001:AAHfake-token-for-the-log-scan_0123456789';
const WEBHOOK_SECRET = 'rahasia-webhook-log-scan-0123456789';
const PASSWORD = 'rahasia-puskesos-2026';
const NIK = '3217014501900001';
const PARTICIPANT = '+6281200007777';
const TYPED_PHONE = '0857-2233-4455';

let standIn: BotApiStandIn;
let channel: TelegramChannel;
let base = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  // As main.ts does with the configuration's secrets.
  hideSecrets([WEBHOOK_SECRET]);
  standIn = await BotApiStandIn.start(BOT_TOKEN);
  await db.models.puskesos.create({ name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' });
  await db.models.staff.create({ name: 'Dewi (Dinsos)', phone: '+6281300000004', role: 'admin' });
  await setPassword(db.models, '+6281300000004', PASSWORD);
  await db.models.participants.create(
    siti(PARTICIPANT, { consentedOn: 'simulator', at: new Date(), telegramUserId: 88001 }),
  );

  const conversations = testConversationService(db.models, clock, logger);
  channel = createTelegramChannel({
    token: standIn.token,
    apiRoot: standIn.apiRoot,
    webhook: { url: 'https://pendamping.example.id/telegram/webhook', secret: WEBHOOK_SECRET },
    models: db.models,
    conversations,
    logger,
    clock,
    botInfo: STAND_IN_BOT,
    sender: { baseRetryDelayMs: 20, maxAttempts: 2 },
  });
  const webhook = channel.webhook;
  if (!webhook) throw new Error('webhook mode gives a router');
  const dependencies = testApiDependencies({ models: db.models, conversations, clock, logger });
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [
      webhook,
      apiV1Router(dependencies),
      dashboardRouter(dependencies),
      ...simulatorRouters({ models: db.models, conversations, clock }),
    ],
    logger,
  });
  ({ base, close } = await listenOnLoopback(app));
  await channel.start();
});

afterAll(async () => {
  await channel?.stop();
  await close();
  await standIn?.close();
});

let ids = 0;
async function simulator(from: string, text: string): Promise<number> {
  const response = await fetch(`${base}/api/simulator/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, text, id: `log-scan-${++ids}` }),
  });
  return response.status;
}

let updateIds = 900_000;
function telegramUpdate(update: Omit<Update, 'update_id'>, secret = WEBHOOK_SECRET) {
  return fetch(`${base}${channel.webhook?.path ?? ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify({ update_id: updateIds++, ...update }),
  });
}

/** What may never be in a log line, each with why. */
const LEAKS: [string, RegExp][] = [
  ...PERSONAL_DATA,
  ['the bot token', literal(BOT_TOKEN)],
  ['the bot token’s secret part', /AAHfake-token/],
  ['the webhook secret', new RegExp(WEBHOOK_SECRET)],
  ['the password', new RegExp(PASSWORD)],
];

describe('log scan', () => {
  it('logs no phone number, NIK, bot token or secret at debug level', async () => {
    // Chat: a participant types their NIK and another phone number, then a one-message report.
    await simulator(PARTICIPANT, `NIK saya ${NIK}, HP suami ${TYPED_PHONE}`);
    await simulator(PARTICIPANT, 'jual 1,5jt tabung 50rb');
    // A resident's complaint with both in its text.
    const resident = '+6285211112222';
    for (const text of [
      'halo',
      'ADUAN',
      '1',
      'batulayang',
      '6',
      `KTP saya NIK ${NIK} belum jadi, hubungi ${TYPED_PHONE}`,
      '-',
      '1',
    ]) {
      expect(await simulator(resident, text)).toBeLessThan(300);
    }
    expect(await db.models.complaints.countDocuments()).toBe(1);

    // Telegram: an update with the same text, one with a wrong secret, and a send that fails first.
    expect(
      (await telegramUpdate(messageUpdate(88001, { text: `nomor saya ${TYPED_PHONE} NIK ${NIK}` }))).status,
    ).toBe(200);
    expect((await telegramUpdate(messageUpdate(88001, { text: 'halo' }), 'salah')).status).toBe(401);
    // Telegram refuses a message for good (the person blocked the bot): whichever goes next.
    standIn.failSendMessage({ code: 403, description: 'Forbidden: bot was blocked by the user' });
    await queueOnce(db.models, {
      dedupeKey: 'log-scan:reminder',
      channel: 'telegram',
      chatId: '88001',
      message: { text: `Pengingat untuk ${PARTICIPANT}, NIK ${NIK}` },
      dueAt: new Date(),
    });
    await eventually(() => log.lines.some((line) => line.includes('Telegram message failed')), {
      what: 'the refusal logged',
    });

    // Sign-in: wrong then right, by phone; with a NIK as login.
    const signIn = (login: string, password: string) =>
      fetch(`${base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login, password }),
      });
    expect((await signIn('0813-0000-0004', 'bukan-kata-sandinya')).status).toBe(401);
    expect((await signIn(NIK, PASSWORD)).status).toBe(401);
    expect((await signIn('+6281300000004', PASSWORD)).status).toBe(200);

    // Failing requests with personal data in the path, the body and the token.
    for (const [path, init] of [
      [`/api/simulator/conversations/${encodeURIComponent(TYPED_PHONE)}%ZZ`, {}],
      [`/api/v1/participants/${NIK}`, { headers: { authorization: `Bearer pdp_${NIK}${NIK}` } }],
      [
        '/api/v1/session',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"login":"${NIK}",` },
      ],
      [`/tidak-ada/${PARTICIPANT}`, {}],
    ] as [string, RequestInit][]) {
      const response = await fetch(`${base}${path}`, init);
      expect(response.status).toBeGreaterThanOrEqual(400);
    }

    const lines = log.lines;
    // Not an empty log passing for a clean one: the refusal above, with its reason, is there.
    expect(lines.some((line) => line.includes('403 Forbidden'))).toBe(true);
    const leaks = leaksIn(lines, LEAKS);
    expect(leaks).toEqual([]);
  });
});
