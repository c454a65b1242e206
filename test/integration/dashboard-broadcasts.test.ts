import { setPassword } from '../../src/auth';
import type { TelegramChannel } from '../../src/channels/telegram';
import { databaseReachable } from '../../src/db/connect';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import {
  BROADCAST_LOGINS,
  BROADCAST_TELEGRAM,
  createBroadcastPeople,
  startTelegramSender,
} from '../support/broadcast-people';
import { BotApiStandIn, eventually } from '../support/bot-api-stand-in';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';

/**
 * Broadcasts over plain HTTP: who each filter reaches, each sender's scope, STOP, a form sent twice,
 * and the progress read back from the outbox after the Telegram sender (against the Bot API
 * stand-in) has sent them.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/** Monday 23 November 2026, 09.00 in Bandung Barat: last week is 16-22 November (2026-W47). */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';
const LOGINS = BROADCAST_LOGINS;
const TELEGRAM = BROADCAST_TELEGRAM;

const servers: { base: string; close: () => Promise<void> }[] = [];
let standIn: BotApiStandIn;
let telegram: TelegramChannel | undefined;
let sessionId = '';
let addressCounter = 0;

async function serve(cloudReminderTemplate?: string) {
  const dependencies = testApiDependencies({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    clock,
    logger,
  });
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [dashboardRouter({ ...dependencies, cloudReminderTemplate })],
    logger,
    trustProxy: ['loopback'],
  });
  const server = await listenOnLoopback(app);
  servers.push(server);
  return server.base;
}

beforeAll(async () => {
  ({ sessionId } = await createBroadcastPeople(db.models, now));
  for (const login of Object.values(LOGINS)) await setPassword(db.models, login, PASSWORD);
  standIn = await BotApiStandIn.start();
});

afterAll(async () => {
  await telegram?.stop();
  await standIn?.close();
  for (const server of servers) await server.close();
});

async function signedIn(base: string, login: string) {
  const browser = formBrowser(base, { address: `10.9.0.${++addressCounter}`, password: PASSWORD });
  expect((await browser.signIn(login)).status).toBe(303);
  await browser.get('/dashboard/siaran');
  return browser;
}

const MESSAGE = 'Besok pelatihan pembukuan di balai desa jam 09.00. Bawa buku catatan.';

/** The preview's count and the names it lists. */
function previewOf(text: string) {
  const count = /class="recipient-count">(\d+)</.exec(text)?.[1];
  const names = /class="names">([^<]*)</.exec(text)?.[1] ?? '';
  return { count: Number(count), names };
}

/** A figure of the progress page: queued, sent, failed, unreachable. */
const figureOf = (text: string, name: string) =>
  Number(new RegExp(`figure ${name}">\\s*<span class="value">(\\d+)<`).exec(text)?.[1]);

describe('broadcasts from the dashboard', () => {
  it('previews the right recipients for each filter, leaving out STOP, graduates and WhatsApp without a template', async () => {
    const tono = await signedIn(await serve(), LOGINS.tono);
    const preview = (fields: Record<string, string>) =>
      tono.post('/dashboard/siaran/pratinjau', { pesan: MESSAGE, ...fields });

    const everyone = await preview({});
    expect(everyone.status).toBe(200);
    // Siti and Dede; Euis said STOP, Asep graduated, Ujang cannot be written to, Neng is Rina's.
    expect(previewOf(everyone.text)).toEqual({ count: 2, names: 'Dede Rohaeni, Siti Aminah' });
    expect(everyone.text).toContain('1 tidak dikirimi karena sudah mengirim STOP');
    expect(everyone.text).toMatch(/1\s+di WhatsApp belum menulis dalam 24 jam terakhir/);
    expect(everyone.text).toContain('WHATSAPP_CLOUD_REMINDER_TEMPLATE');
    expect(everyone.text).toContain('— Pendamping Tono');

    expect(previewOf((await preview({ kecamatan: 'Cihampelas' })).text).count).toBe(0);
    expect(previewOf((await preview({ klaster: 'kuliner' })).text)).toEqual({
      count: 1,
      names: 'Siti Aminah',
    });
    expect(previewOf((await preview({ tahap: 'scale_up' })).text)).toEqual({
      count: 1,
      names: 'Dede Rohaeni',
    });
    const notReported = await preview({ belum: '1' });
    expect(previewOf(notReported.text)).toEqual({ count: 1, names: 'Dede Rohaeni' });
    expect(notReported.text).toContain('belum lapor minggu 16-22 Nov 2026');
    expect(previewOf((await preview({ sesi: sessionId })).text)).toEqual({ count: 1, names: 'Siti Aminah' });
    expect(
      previewOf((await preview({ kecamatan: 'Cililin', klaster: 'ritel', belum: '1' })).text).count,
    ).toBe(1);
  });

  it('counts the WhatsApp chat as sendable once the template is configured', async () => {
    const dewi = await signedIn(await serve('pengingat_prokus'), LOGINS.dewi);
    const answer = await dewi.post('/dashboard/siaran/pratinjau', { pesan: MESSAGE });
    expect(previewOf(answer.text)).toEqual({
      count: 4,
      names: 'Dede Rohaeni, Neng Sumiati, Siti Aminah, Ujang Suhendar',
    });
    expect(answer.text).not.toContain('WHATSAPP_CLOUD_REMINDER_TEMPLATE');
    expect(answer.text).toContain('— Petugas Dinsos Dewi');
  });

  it('keeps each sender to their own participants', async () => {
    const base = await serve();
    const rina = await signedIn(base, LOGINS.rina);
    const own = await rina.post('/dashboard/siaran/pratinjau', { pesan: MESSAGE });
    expect(previewOf(own.text)).toEqual({ count: 1, names: 'Neng Sumiati' });
    // Tono's session is not Rina's to write to.
    const theirs = await rina.post('/dashboard/siaran/pratinjau', { pesan: MESSAGE, sesi: sessionId });
    expect(theirs.status).toBe(400);
    expect(theirs.text).toContain('sesi ini bukan sesi Anda');
    expect(theirs.text).not.toContain('Siti Aminah');

    // The koordinator of Puskesos Lumpaat writes to those living in the desa it serves.
    const yayah = await signedIn(base, LOGINS.koordinator);
    const served = await yayah.post('/dashboard/siaran/pratinjau', { pesan: MESSAGE });
    // Dede lives in another desa of Cililin, where no other Puskesos is: Lumpaat serves it too.
    expect(previewOf(served.text)).toEqual({
      count: 3,
      names: 'Dede Rohaeni, Neng Sumiati, Siti Aminah',
    });
    expect(served.text).toContain('— Puskesos Lumpaat');
    const reports = await yayah.post('/dashboard/siaran/pratinjau', { pesan: MESSAGE, belum: '1' });
    expect(reports.status).toBe(400);
    expect(reports.text).toContain('laporan dan sesi hanya untuk pendamping dan admin Dinsos');
  });

  it('refuses an empty or too long message with an example, and roles without participants', async () => {
    const base = await serve();
    const tono = await signedIn(base, LOGINS.tono);
    const empty = await tono.post('/dashboard/siaran/pratinjau', { pesan: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Pesan masih kosong. Contoh:');
    const long = await tono.post('/dashboard/siaran/pratinjau', { pesan: 'a'.repeat(701) });
    expect(long.status).toBe(400);
    expect(long.text).toContain('Pesan 701 huruf; paling banyak 700');
    const script = await tono.post('/dashboard/siaran/pratinjau', { pesan: '<script>alert(1)</script>' });
    expect(script.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(script.text).not.toContain('<script>alert(1)');
  });

  it('sends once however often the form is submitted, then shows the progress from the outbox', async () => {
    const base = await serve();
    const tono = await signedIn(base, LOGINS.tono);
    const preview = await tono.post('/dashboard/siaran/pratinjau', { pesan: MESSAGE });
    const key = /name="kunci" value="([^"]+)"/.exec(preview.text)?.[1] ?? '';
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const form = { pesan: MESSAGE, kunci: key };
    const [first, second] = await Promise.all([
      tono.post('/dashboard/siaran/kirim', form),
      tono.post('/dashboard/siaran/kirim', form),
    ]);
    const third = await tono.post('/dashboard/siaran/kirim', form);
    for (const answer of [first, second, third]) {
      expect(answer.status).toBe(303);
      expect(answer.location).toBe(`/dashboard/siaran/${key}`);
    }
    const entries = await db.models.outbox.find({ dedupeKey: { $regex: `^broadcast:${key}:` } }).lean();
    expect(entries.map((entry) => entry.chatId).sort()).toEqual([
      String(TELEGRAM.siti),
      String(TELEGRAM.dede),
    ]);
    expect(entries[0]?.message.text).toBe(`${MESSAGE}\n\n— Pendamping Tono`);
    expect(await db.models.auditEvents.countDocuments({ action: 'broadcast.send', target: key })).toBe(1);

    const before = await tono.get(`/dashboard/siaran/${key}`);
    expect(figureOf(before.text, 'queued')).toBe(2);
    expect(figureOf(before.text, 'sent')).toBe(0);
    expect(before.response.headers.get('refresh')).toBe('5');

    // Dede has blocked the bot: Telegram refuses for good the first message it is asked to send.
    standIn.failSendMessage({ code: 403, description: 'Forbidden: bot was blocked by the user' });
    telegram = await startTelegramSender(standIn, db.models, logger);
    const after = await eventually(async () => {
      const answer = await tono.get(`/dashboard/siaran/${key}`);
      return figureOf(answer.text, 'queued') === 0 && answer;
    });
    expect(figureOf(after.text, 'sent')).toBe(1);
    expect(figureOf(after.text, 'failed')).toBe(1);
    expect(figureOf(after.text, 'unreachable')).toBe(1);
    expect(after.text).toContain('bot was blocked by the user');
    expect(after.response.headers.get('refresh')).toBeNull();
    const delivered = [...standIn.sentTo(TELEGRAM.siti), ...standIn.sentTo(TELEGRAM.dede)];
    expect(delivered.map((message) => message.text)).toEqual([`${MESSAGE}\n\n— Pendamping Tono`]);
    // Euis said STOP: nothing reached her.
    expect(standIn.sentTo(TELEGRAM.euis)).toEqual([]);

    // Someone else's broadcast is not found; the admin sees every one.
    const rina = await signedIn(base, LOGINS.rina);
    expect((await rina.get(`/dashboard/siaran/${key}`)).status).toBe(404);
    const dewi = await signedIn(base, LOGINS.dewi);
    expect((await dewi.get('/dashboard/siaran')).text).toContain(`/dashboard/siaran/${key}`);
  });

  it('offers the page to admins, koordinators and mentors only', async () => {
    const base = await serve();
    await db.models.staff.create({
      name: 'Front',
      phone: '+6281300000006',
      role: 'front_office',
      puskesos: (await db.models.puskesos.findOne({ name: 'Lumpaat' }).orFail().lean())._id,
    });
    await setPassword(db.models, '+6281300000006', PASSWORD);
    const front = formBrowser(base, { address: `10.9.0.${++addressCounter}`, password: PASSWORD });
    await front.signIn('+6281300000006');
    const refused = await front.get('/dashboard/siaran');
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('href="/dashboard/siaran"');
    const tono = await signedIn(base, LOGINS.tono);
    expect((await tono.get('/dashboard/ringkasan')).text).toContain('href="/dashboard/siaran"');
  });
});
