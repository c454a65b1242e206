import type { Server } from 'node:http';
import type { Update } from 'grammy/types';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram';
import { databaseReachable } from '../../src/db/connect';
import { createHttpApp } from '../../src/http';
import { createLogger } from '../../src/log';
import { BotApiStandIn, eventually, messageUpdate, STAND_IN_BOT } from '../support/bot-api-stand-in';
import { controlledConversations, testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date();
const SECRET = 'rahasia-webhook-0123456789';
const WEBHOOK_URL = 'https://pendamping.example.id/telegram/webhook';

let standIn: BotApiStandIn;
let channel: TelegramChannel;
let server: Server;
let webhookUrl = '';

/** Storing can be made to fail and handling held back (see controlledConversations). */
let control: ReturnType<typeof controlledConversations>['control'];

beforeAll(async () => {
  standIn = await BotApiStandIn.start();
  const controlled = controlledConversations(testConversationService(db.models, clock, logger));
  control = controlled.control;
  const { conversations } = controlled;
  channel = createTelegramChannel({
    token: standIn.token,
    apiRoot: standIn.apiRoot,
    webhook: { url: WEBHOOK_URL, secret: SECRET },
    models: db.models,
    conversations,
    logger,
    clock,
    botInfo: STAND_IN_BOT,
  });
  const webhook = channel.webhook;
  if (!webhook) throw new Error('webhook mode gives a router');
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [webhook],
    logger,
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  webhookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${webhook.path}`;
  await channel.start();
});

afterAll(async () => {
  await channel?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await standIn?.close();
});

async function registerParticipant(phone: string, telegramUserId: number) {
  return db.models.participants.create(siti(phone, { consentedOn: 'telegram', telegramUserId }));
}

let updateIds = 700_000;
const withId = (update: Omit<Update, 'update_id'>): Update => ({ update_id: updateIds++, ...update });

/** Posts an update as Telegram does; `{ secret: undefined }` leaves the secret header out. */
function post(update: Update, { secret }: { secret: string | undefined } = { secret: SECRET }) {
  return fetch(webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }),
    },
    body: JSON.stringify(update),
  });
}

const storedCount = (chatId: number) => db.models.inboundMessages.countDocuments({ chatId: String(chatId) });

describe('the Telegram channel with a webhook, against a Bot API stand-in', () => {
  it('sets the webhook with its secret and does not poll', () => {
    expect(standIn.callsOf('setWebhook')[0]?.params).toMatchObject({
      url: WEBHOOK_URL,
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
    expect(standIn.callsOf('setWebhook')[0]?.params.drop_pending_updates).toBeUndefined();
    expect(standIn.callsOf('getUpdates')).toHaveLength(0);
    expect(standIn.callsOf('setMyCommands')).toHaveLength(3);
  });

  it('answers 200 once the update is stored, before handling it, and the reply follows', async () => {
    await registerParticipant('+6281200000201', 5001);
    let release = () => {};
    control.handling = new Promise<void>((resolve) => (release = resolve));
    const update = withId(messageUpdate(5001, { text: 'halo' }));

    const response = await post(update);
    expect(response.status).toBe(200);
    // Answered while the handling is still held back: stored, not yet handled, nothing sent.
    const stored = await db.models.inboundMessages.findOne({ chatId: '5001' }).lean();
    expect(stored?.status).toBe('received');
    expect(standIn.sentTo(5001)).toHaveLength(0);

    release();
    const [menu] = await eventually(() => standIn.sentTo(5001).length > 0 && standIn.sentTo(5001));
    expect(menu?.text).toContain('Ada yang bisa kami bantu');
    expect(menu?.replyMarkup?.inline_keyboard?.length).toBeGreaterThan(0);
  });

  it('stores a week reported in one message with exactly the amounts typed', async () => {
    const participant = await registerParticipant('+6281200000220', 5020);
    expect((await post(withId(messageUpdate(5020, { text: 'omzet 2jt nabung 100rb' })))).status).toBe(200);
    const [summary] = await eventually(() => standIn.sentTo(5020).length > 0 && standIn.sentTo(5020));
    expect(summary?.text).toContain('Ketik UBAH');
    expect(await db.models.weeklyReports.find({ participant: participant._id }).lean()).toMatchObject([
      { sales: 2_000_000, spending: 0, savingsDeposit: 100_000, savingsWithdrawal: 0, channel: 'telegram' },
    ]);
  });

  it('refuses a wrong or missing secret with 401 and stores nothing', async () => {
    await registerParticipant('+6281200000202', 5002);
    for (const secret of ['rahasia-webhook-0123456788', SECRET.slice(0, -1), `${SECRET}x`, '', undefined]) {
      const response = await post(withId(messageUpdate(5002, { text: 'halo' })), { secret });
      expect(response.status).toBe(401);
    }
    expect(await storedCount(5002)).toBe(0);
  });

  it('stores an update posted 10 times at once once, and replies once', async () => {
    await registerParticipant('+6281200000203', 5003);
    const update = withId(messageUpdate(5003, { text: 'halo' }));
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(update)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(await storedCount(5003)).toBe(1);

    // Once the message is handled and every reply it queued is sent, exactly one reply went out.
    await eventually(async () => {
      const inbound = await db.models.inboundMessages.findOne({ chatId: '5003' }).lean();
      const unsent = await db.models.outbox.countDocuments({ chatId: '5003', status: { $ne: 'sent' } });
      return inbound?.status === 'processed' && unsent === 0;
    });
    expect(await db.models.outbox.countDocuments({ chatId: '5003' })).toBe(1);
    expect(standIn.sentTo(5003)).toHaveLength(1);
  });

  it('answers 5xx when the update cannot be stored, so that Telegram sends it again', async () => {
    await registerParticipant('+6281200000204', 5004);
    const update = withId(messageUpdate(5004, { text: 'halo' }));
    control.storeFails = true;
    try {
      expect((await post(update)).status).toBeGreaterThanOrEqual(500);
    } finally {
      control.storeFails = false;
    }
    expect(await storedCount(5004)).toBe(0);

    expect((await post(update)).status).toBe(200);
    await eventually(() => standIn.sentTo(5004).length > 0);
    expect(await storedCount(5004)).toBe(1);
  });
});
