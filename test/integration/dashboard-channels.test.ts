import { Bot } from 'grammy';
import { Types } from 'mongoose';
import { setPassword } from '../../src/auth';
import { telegramStatus, type ChannelStatusSource } from '../../src/channels/status-source';
import { createWhatsAppWebChannel, type WhatsAppWebChannel } from '../../src/channels/whatsapp-web';
import { qrPng } from '../../src/channels/whatsapp-web/qr';
import { databaseReachable } from '../../src/db/connect';
import { queueOnce } from '../../src/db/outbox';
import { createHttpApp } from '../../src/http';
import type { ApiDependencies } from '../../src/http/api/v1';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { BotApiStandIn, eventually, messageUpdate, STAND_IN_BOT } from '../support/bot-api-stand-in';
import { testConversationService } from '../support/conversations';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { useTestDatabase } from '../support/database';
import { WhatsAppWebStandIn } from '../support/whatsapp-web-stand-in';
import { outboxFailuresListed } from '../../src/db/migrations/outbox-failures';

// Registered before the database's own clean-up, so the channel frees its lease while it is open.
let whatsappWeb: WhatsAppWebChannel | undefined;
afterAll(async () => {
  await whatsappWeb?.stop();
});

/** The channels page over plain HTTP, with the real WhatsApp Web channel and a real grammY bot behind it. */
const db = useTestDatabase();
/** Failed entries written around the sender are listed as the start-up conversion lists them. */
const listFailures = () => outboxFailuresListed.run(db.models);
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
// Real time: the outbox's `updatedAt` (by which "the last 7 days" are counted) is written by mongoose.
const clock = () => new Date();
const PASSWORD = 'rahasia-dinsos-2026';
const ADMIN = '+6281300000004';
const FRONT_OFFICE = '+6281300000001';
const MENTOR = '+6281300000201';
const WEBHOOK_URL = 'https://pendamping.example.id/proxy-rahasia-8f3a/telegram/webhook';
const CLOUD_PHONE_NUMBER_ID = '109876543210987';

let base = '';
let close: () => Promise<void> = async () => {};
let dependencies: ApiDependencies;
let telegram: BotApiStandIn;
let phone: WhatsAppWebStandIn;
let addressCounter = 0;
/** The channels as main.ts gives them, before a test changes one. */
let running: ChannelStatusSource;

const outboxEntry = (dedupeKey: string, fields: Record<string, unknown>) => ({
  dedupeKey,
  channel: 'whatsapp-web',
  chatId: '6281200007777@c.us',
  message: { text: 'Bapak/Ibu, jangan lupa laporan minggu ini ya.' },
  dueAt: new Date(),
  ...fields,
});

beforeAll(async () => {
  await db.models.staff.create([
    { name: 'Rina', phone: FRONT_OFFICE, role: 'front_office', puskesos: new Types.ObjectId() },
    { name: 'Dewi (Dinsos)', phone: ADMIN, role: 'admin' },
  ]);
  await db.models.mentors.create({ name: 'Tono', phone: MENTOR, type: 'MiBi', kecamatan: ['Cililin'] });
  for (const login of [ADMIN, FRONT_OFFICE, MENTOR]) await setPassword(db.models, login, PASSWORD);

  telegram = await BotApiStandIn.start();
  telegram.webhook = {
    url: WEBHOOK_URL,
    lastErrorDate: Math.floor(Date.now() / 1000) - 600,
    lastErrorMessage: 'Wrong response from the webhook: 502 Bad Gateway',
  };
  telegram.queueUpdate(messageUpdate(5001, { text: 'halo' }));
  telegram.queueUpdate(messageUpdate(5002, { text: 'lapor' }));
  const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot }, botInfo: STAND_IN_BOT });

  phone = new WhatsAppWebStandIn();
  whatsappWeb = createWhatsAppWebChannel({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    logger,
    clock,
    createClient: phone.createClient,
    showQr: () => undefined,
    pacing: { intervalMs: 0, jitterMs: 0 },
    // A dropped connection stays dropped for the test to see it.
    reconnect: { baseDelayMs: 10 * 60_000 },
  });
  await whatsappWeb.start();
  await eventually(() => whatsappWeb?.state().phase === 'waiting_for_qr', { what: 'a QR code' });

  running = {
    whatsappWeb,
    whatsappCloud: { phoneNumberId: CLOUD_PHONE_NUMBER_ID },
    telegram: telegramStatus(bot.api, { webhookUrl: WEBHOOK_URL }),
  };
  dependencies = {
    ...testApiDependencies({
      models: db.models,
      conversations: testConversationService(db.models, clock, logger),
      clock,
      logger,
    }),
    channels: running,
  };
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [dashboardRouter(dependencies)],
    logger,
    trustProxy: ['loopback'],
  });
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(async () => {
  await close();
  await telegram?.close();
});

afterEach(() => {
  dependencies.channels = running;
});

/** A browser of its own address, signed in (which must work). */
async function signedIn(login: string) {
  const browser = formBrowser(base, { address: `10.2.0.${++addressCounter}`, password: PASSWORD });
  const done = await browser.signIn(login);
  expect(done.response.status).toBe(303);
  return browser;
}

/** The text of an element with this id, class or tag, tags stripped and spaces folded. */
function textOf(page: string, pattern: RegExp): string {
  const found = pattern.exec(page)?.[1] ?? '';
  return found
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
const flashOf = (page: string) => textOf(page, /<p class="flash [a-z]+" role="status">([\s\S]*?)<\/p>/);
const cardOf = (page: string, id: string) =>
  textOf(
    page,
    new RegExp(`<div class="card channel" id="${id}">([\\s\\S]*?)</div>\\s*(?:<div class="card|</div>)`),
  );

describe('the channels page', () => {
  it('is refused to mentors and Puskesos staff: page, QR code and retry alike', async () => {
    const failed = await db.models.outbox.create(
      outboxEntry('refusal:1', { status: 'failed', attempts: 6, lastError: 'timeout' }),
    );
    await listFailures();
    for (const login of [MENTOR, FRONT_OFFICE]) {
      const browser = await signedIn(login);
      const page = await browser.request('GET', '/dashboard/saluran');
      expect(page.response.status).toBe(403);
      expect(page.text).toContain('hanya untuk admin Dinsos');
      expect(page.text).not.toContain('0812-****-7777');
      const qr = await browser.request('GET', '/dashboard/saluran/whatsapp-qr.png');
      expect(qr.response.status).toBe(403);
      expect(qr.response.headers.get('content-type')).toMatch(/text\/html/);
      // A page the role may open, for the session's token: the refusal is for the role, not the token.
      await browser.get('/dashboard/pengaduan');
      const retry = await browser.post(
        `/dashboard/saluran/pesan/${encodeURIComponent(failed._id)}/kirim-ulang`,
        {},
      );
      expect(retry.response.status).toBe(403);
    }
    expect((await db.models.outbox.findById(failed._id).lean())?.status).toBe('failed');
    expect(await db.models.auditEvents.countDocuments({ action: 'outbox.retry' })).toBe(0);
    await db.models.outbox.deleteOne({ _id: failed._id });
    await db.models.outboxFailures.deleteOne({ _id: failed._id });
  });

  it('shows the admin each channel: the QR code waiting, the Cloud number id, the Telegram webhook, the outbox', async () => {
    await db.models.outbox.create([
      outboxEntry('reply:a:0', { status: 'failed', attempts: 6, lastError: 'Session closed' }),
      outboxEntry('cloud:1', {
        channel: 'whatsapp-cloud',
        chatId: '6281200005555',
        status: 'sent',
        deliveryStatus: 'read',
        deliveryStatusAt: new Date(),
      }),
      outboxEntry('cloud:2', {
        channel: 'whatsapp-cloud',
        chatId: '6281200005556',
        status: 'sent',
        deliveryStatus: 'delivered',
        deliveryStatusAt: new Date(),
      }),
    ]);
    await listFailures();
    for (const [key, chatId] of [
      ['reminder:b', '987654321'],
      ['reminder:c', '987654322'],
    ] as const) {
      await queueOnce(db.models, { ...outboxEntry(key, { channel: 'telegram', chatId }), dedupeKey: key });
    }
    // Failed ten days ago: stale, neither listed nor counted.
    await db.models.outbox.collection.insertOne({
      ...outboxEntry('old:1', { status: 'failed', attempts: 6, lastError: 'kedaluwarsa lama' }),
      createdAt: new Date(Date.now() - 10 * 86_400_000),
      updatedAt: new Date(Date.now() - 10 * 86_400_000),
    });
    await listFailures();
    const admin = await signedIn(ADMIN);
    const { response, text } = await admin.request('GET', '/dashboard/saluran');
    expect(response.status).toBe(200);
    // While a QR code waits, the page follows it (a header: the CSP leaves it alone, no markup needed).
    expect(response.headers.get('refresh')).toBe('15');
    expect(response.headers.get('content-security-policy')).toContain("img-src 'self'");

    const web = cardOf(text, 'whatsapp-web');
    expect(web).toContain('Menunggu kode QR dipindai.');
    expect(text).toMatch(/<img\s+src="\/dashboard\/saluran\/whatsapp-qr\.png"/);

    const cloud = cardOf(text, 'whatsapp-cloud');
    expect(cloud).toContain(CLOUD_PHONE_NUMBER_ID);
    expect(cloud).toContain('terkirim 0 · sampai 1 · dibaca 1 · gagal 0');

    const bot = cardOf(text, 'telegram');
    expect(bot).toContain('mode webhook');
    expect(bot).toContain('https://pendamping.example.id/…/telegram/webhook');
    expect(text).not.toContain('proxy-rahasia');
    expect(bot).not.toContain('berbeda dari pengaturan');
    expect(textOf(text, /<dd class="pending-updates">([\s\S]*?)<\/dd>/)).toBe('2');
    expect(textOf(text, /<dd class="last-error">([\s\S]*?)<\/dd>/)).toContain(
      'Wrong response from the webhook: 502 Bad Gateway',
    );
    expect(telegram.callsOf('getWebhookInfo').length).toBeGreaterThan(0);

    const counts = textOf(text, /<table class="outbox-counts">([\s\S]*?)<\/table>/);
    expect(counts).toContain('Telegram 2 0');
    expect(counts).toContain('WhatsApp Web 0 1');
    const failed = textOf(text, /<table class="failed">([\s\S]*?)<\/table>/);
    expect(failed).toContain('WhatsApp Web 0812-****-7777 reply Session closed 6 Kirim ulang');
    expect(failed).not.toContain('kedaluwarsa lama');
    expect(text).not.toContain('6281200007777');

    const audit = await db.models.auditEvents.findOne({ action: 'outbox.list' }).sort({ at: -1 }).lean();
    expect(audit?.details).toMatchObject({ via: 'session', page: 'dashboard', count: 1 });
    await Promise.all([
      db.models.outbox.deleteMany({}),
      db.models.outboxQueue.deleteMany({}),
      db.models.outboxFailures.deleteMany({}),
    ]);
  });

  it('serves the QR code the phone is waiting for, only while it waits; then says whose number is connected', async () => {
    const admin = await signedIn(ADMIN);
    const waiting = whatsappWeb?.currentQr();
    expect(waiting).toMatch(/^2@StandInQr\d+AbCdEfGh,/);
    const image = await admin.request('GET', '/dashboard/saluran/whatsapp-qr.png');
    expect(image.response.status).toBe(200);
    expect(image.response.headers.get('content-type')).toBe('image/png');
    expect(image.response.headers.get('cache-control')).toBe('no-store');
    // The very code the stand-in emitted, drawn: 320 pixels wide.
    expect(image.bytes.equals(await qrPng(waiting ?? ''))).toBe(true);
    expect(image.bytes.readUInt32BE(16)).toBe(320);
    expect(await db.models.auditEvents.countDocuments({ action: 'whatsapp.qr' })).toBe(1);

    phone.latest()?.scan();
    await eventually(() => whatsappWeb?.state().phase === 'connected', { what: 'connected' });
    const gone = await admin.request('GET', '/dashboard/saluran/whatsapp-qr.png');
    expect(gone.response.status).toBe(404);
    const connected = await admin.request('GET', '/dashboard/saluran');
    expect(cardOf(connected.text, 'whatsapp-web')).toContain('Tersambung sebagai 0811-****-2468.');
    expect(connected.text).not.toContain('whatsapp-qr.png');
    expect(connected.response.headers.get('refresh')).toBeNull();

    phone.latest()?.disconnect('NAVIGATION');
    await eventually(() => whatsappWeb?.state().retryAt, { what: 'a reconnection planned' });
    const dropped = await admin.request('GET', '/dashboard/saluran');
    const words = cardOf(dropped.text, 'whatsapp-web');
    expect(words).toMatch(/Terputus; menyambung ulang \S+, \d+ \S+ pukul \d{2}\.\d{2}\./);
    expect(words).toContain('Sebab NAVIGATION');
  });

  it('says how to enable a channel that is not enabled, and serves no QR code then', async () => {
    dependencies.channels = {};
    const admin = await signedIn(ADMIN);
    const { text } = await admin.request('GET', '/dashboard/saluran');
    expect(cardOf(text, 'whatsapp-web')).toContain('Tidak aktif.');
    expect(cardOf(text, 'whatsapp-web')).toContain('WHATSAPP_WEB_ENABLED=true');
    expect(cardOf(text, 'whatsapp-cloud')).toContain('WHATSAPP_CLOUD_PHONE_NUMBER_ID');
    expect(cardOf(text, 'telegram')).toContain('TELEGRAM_BOT_TOKEN');
    expect((await admin.request('GET', '/dashboard/saluran/whatsapp-qr.png')).response.status).toBe(404);
    await admin.request('GET', '/dashboard/bahasa?ke=en&kembali=/dashboard/saluran');
    const english = await admin.request('GET', '/dashboard/saluran');
    expect(cardOf(english.text, 'whatsapp-web')).toContain(
      'Not enabled. To enable it, set WHATSAPP_WEB_ENABLED=true',
    );
    expect(english.text).toContain('<h1>Channels</h1>');
    await admin.request('GET', '/dashboard/bahasa?ke=id&kembali=/dashboard/saluran');

    dependencies.channels = {
      telegram: telegramStatus(new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } }).api),
    };
    const polling = await admin.request('GET', '/dashboard/saluran');
    expect(cardOf(polling.text, 'telegram')).toContain('mode long polling');
  });

  it('shows a Telegram that refuses, cannot be reached or does not answer in time as such', async () => {
    const admin = await signedIn(ADMIN);
    telegram.webhookInfoFailures.push({ code: 401, description: 'Unauthorized' });
    const refused = await admin.request('GET', '/dashboard/saluran');
    expect(refused.response.status).toBe(200);
    expect(cardOf(refused.text, 'telegram')).toContain('Telegram menolak permintaan (401: Unauthorized).');
    expect(refused.text).not.toContain(telegram.token);

    // A port nobody listens on: the stand-in's, once closed.
    const gone = await BotApiStandIn.start();
    await gone.close();
    const unreachable = new Bot(gone.token, { client: { apiRoot: gone.apiRoot } });
    dependencies.channels = { telegram: telegramStatus(unreachable.api, { webhookUrl: WEBHOOK_URL }) };
    const down = await admin.request('GET', '/dashboard/saluran');
    expect(down.response.status).toBe(200);
    expect(cardOf(down.text, 'telegram')).toContain('Telegram tidak dapat dihubungi');
    expect(down.text).not.toContain(gone.token);

    telegram.webhookInfoDelayMs = 3_000;
    try {
      const slowBot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
      dependencies.channels = {
        telegram: telegramStatus(slowBot.api, { webhookUrl: WEBHOOK_URL, timeoutMs: 300 }),
      };
      const started = Date.now();
      const slow = await admin.request('GET', '/dashboard/saluran');
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(cardOf(slow.text, 'telegram')).toContain('Telegram tidak dapat dihubungi');
    } finally {
      telegram.webhookInfoDelayMs = 0;
    }
  });
});

describe('sending a failed message again', () => {
  it('puts it back in the queue once, fresh; a second click changes nothing and says so; audited', async () => {
    const failedAt = new Date(Date.now() - 3_600_000);
    const entry = await db.models.outbox.create(
      outboxEntry('reply:retry:0', {
        channel: 'whatsapp-cloud',
        chatId: '6281200004444',
        status: 'failed',
        dueAt: failedAt,
        attempts: 1,
        lastError: 'WhatsApp could not deliver it: 131026',
        sentAt: failedAt,
        platformMessageId: 'wamid.HBgNNjI4MTIwMDAwNDQ0NBUCABEYEjM',
        deliveryStatus: 'failed',
        deliveryStatusAt: failedAt,
        partsSent: 1,
      }),
    );
    await listFailures();
    const admin = await signedIn(ADMIN);
    const page = await admin.request('GET', '/dashboard/saluran');
    const action = `/dashboard/saluran/pesan/${encodeURIComponent(entry._id)}/kirim-ulang`;
    expect(action).toBe('/dashboard/saluran/pesan/reply%3Aretry%3A0/kirim-ulang');
    expect(page.text).toContain(`action="${action}"`);
    const csrf = admin.csrf;

    const before = Date.now();
    const first = await admin.request('POST', action, { csrf });
    expect(first.response.status).toBe(303);
    expect(first.response.headers.get('location')).toBe('/dashboard/saluran');
    const after = await admin.request('GET', '/dashboard/saluran');
    expect(flashOf(after.text)).toBe(
      'Pesan dimasukkan lagi ke antrean WhatsApp Cloud API dan segera dikirim ulang.',
    );
    expect(after.text).not.toContain(`action="${action}"`);
    // Waiting in the queue again.
    expect(textOf(after.text, /<table class="outbox-counts">([\s\S]*?)<\/table>/)).toContain(
      'WhatsApp Cloud API 1 0',
    );
    const retried = await db.models.outbox.findById(entry._id).lean();
    expect(retried).toMatchObject({ status: 'pending', attempts: 0, partsSent: 1 });
    expect(retried?.dueAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    for (const field of [
      'lastError',
      'sentAt',
      'platformMessageId',
      'deliveryStatus',
      'retryNotBefore',
    ] as const) {
      expect(retried?.[field]).toBeUndefined();
    }

    const second = await admin.request('POST', action, { csrf });
    expect(second.response.status).toBe(303);
    const again = await admin.request('GET', '/dashboard/saluran');
    expect(flashOf(again.text)).toBe(
      'Pesan ini sudah dikirim ulang atau tidak lagi gagal; tidak ada yang diubah.',
    );
    expect((await db.models.outbox.findById(entry._id).lean())?.dueAt).toEqual(retried?.dueAt);

    const audits = await db.models.auditEvents.find({ action: 'outbox.retry' }).lean();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      target: String(entry._id),
      from: expect.stringMatching(/^10\.2\.0\.\d+$/) as unknown as string,
      details: {
        via: 'session',
        page: 'dashboard',
        channel: 'whatsapp-cloud',
        attempts: 1,
        lastError: 'WhatsApp could not deliver it: 131026',
      },
    });
    await Promise.all([
      db.models.outbox.deleteMany({}),
      db.models.outboxQueue.deleteMany({}),
      db.models.outboxFailures.deleteMany({}),
    ]);
    await db.models.auditEvents.deleteMany({ action: 'outbox.retry' });
  });

  it('moves it once when two clicks come at the same time', async () => {
    const entry = await db.models.outbox.create(
      // A copy for the person's other app: its key has a `>`, sent URL-encoded.
      outboxEntry('reply:race:0>whatsapp-web', {
        status: 'failed',
        attempts: 6,
        lastError: 'Session closed',
      }),
    );
    await listFailures();
    const [one, two] = [await signedIn(ADMIN), await signedIn(ADMIN)];
    const action = `/dashboard/saluran/pesan/${encodeURIComponent(entry._id)}/kirim-ulang`;
    await Promise.all([one.get('/dashboard/saluran'), two.get('/dashboard/saluran')]);
    await Promise.all([one.post(action, {}), two.post(action, {})]);
    const flashes = await Promise.all(
      [one, two].map(async (browser) => flashOf((await browser.request('GET', '/dashboard/saluran')).text)),
    );
    // The one that came second finds it moved, or still being moved: either way it changes nothing.
    const done = 'Pesan dimasukkan lagi ke antrean WhatsApp Web dan segera dikirim ulang.';
    expect(flashes.filter((flash) => flash === done)).toHaveLength(1);
    expect(flashes.find((flash) => flash !== done)).toMatch(
      /^Pesan ini sudah dikirim ulang atau tidak lagi gagal; tidak ada yang diubah\.$|^Pesan ini sedang dikirim ulang oleh admin lain atau sedang dikirim; tidak ada yang diubah\.$/,
    );
    expect(await db.models.auditEvents.countDocuments({ action: 'outbox.retry' })).toBe(1);
    expect((await db.models.outbox.findById(entry._id).lean())?.status).toBe('pending');
    await Promise.all([
      db.models.outbox.deleteMany({}),
      db.models.outboxQueue.deleteMany({}),
      db.models.outboxFailures.deleteMany({}),
    ]);
    await db.models.auditEvents.deleteMany({ action: 'outbox.retry' });
  });

  it('does not send again what already went on the other app, nor queues that copy twice', async () => {
    const fallbacks = [{ channel: 'telegram', chatId: '987650001' }];
    const [delivered, bothFailed] = await db.models.outbox.create([
      outboxEntry('reminder:fb1', {
        status: 'failed',
        attempts: 6,
        lastError: 'x; dikirim lewat telegram',
        fallbacks,
      }),
      outboxEntry('reminder:fb2', {
        status: 'failed',
        attempts: 6,
        lastError: 'y; dikirim lewat telegram',
        fallbacks,
      }),
    ]);
    await listFailures();
    await db.models.outbox.create([
      outboxEntry('reminder:fb1>telegram', { channel: 'telegram', chatId: '987650001', status: 'sent' }),
      outboxEntry('reminder:fb2>telegram', {
        channel: 'telegram',
        chatId: '987650001',
        status: 'failed',
        lastError: 'Forbidden: bot was blocked by the user',
      }),
    ]);
    await listFailures();
    const admin = await signedIn(ADMIN);
    const page = await admin.request('GET', '/dashboard/saluran');
    const csrf = admin.csrf;
    expect(textOf(page.text, /<table class="failed">([\s\S]*?)<\/table>/)).toContain(
      '98****01 reminder (salinan)',
    );

    await admin.request(
      'POST',
      `/dashboard/saluran/pesan/${encodeURIComponent(delivered?._id ?? '')}/kirim-ulang`,
      {
        csrf,
      },
    );
    const refused = await admin.request('GET', '/dashboard/saluran');
    expect(flashOf(refused.text)).toBe(
      'Pesan ini sudah dikirim lewat Telegram; tidak dikirim ulang agar tidak diterima dua kali.',
    );
    expect((await db.models.outbox.findById(delivered?._id).lean())?.status).toBe('failed');

    // The copy failed too: the original may go again, and no second copy appears.
    await admin.request(
      'POST',
      `/dashboard/saluran/pesan/${encodeURIComponent(bothFailed?._id ?? '')}/kirim-ulang`,
      {
        csrf,
      },
    );
    expect((await db.models.outbox.findById(bothFailed?._id).lean())?.status).toBe('pending');
    expect(await db.models.outbox.countDocuments({ dedupeKey: /^reminder:fb2>/ })).toBe(1);
    expect(await db.models.auditEvents.countDocuments({ action: 'outbox.retry' })).toBe(1);
  });

  it('refuses a form without its CSRF token, and answers an unknown message plainly', async () => {
    const entry = await db.models.outbox.create(
      outboxEntry('reply:csrf:0', { status: 'failed', attempts: 6, lastError: 'Session closed' }),
    );
    await listFailures();
    const admin = await signedIn(ADMIN);
    await admin.get('/dashboard/saluran');
    const forged = await admin.request(
      'POST',
      `/dashboard/saluran/pesan/${encodeURIComponent(entry._id)}/kirim-ulang`,
      {
        csrf: 'bukan-token',
      },
    );
    expect(forged.response.status).toBe(403);
    expect((await db.models.outbox.findById(entry._id).lean())?.status).toBe('failed');

    const csrf = admin.csrf;
    for (const id of [String(new Types.ObjectId()), 'bukan-id']) {
      const unknown = await admin.request('POST', `/dashboard/saluran/pesan/${id}/kirim-ulang`, { csrf });
      expect(unknown.response.status).toBe(303);
      expect(flashOf((await admin.request('GET', '/dashboard/saluran')).text)).toBe(
        'Pesan ini tidak ditemukan.',
      );
    }
  });
});
