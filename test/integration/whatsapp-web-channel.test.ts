import type { Server } from 'node:http';
import { gridFsMediaStore } from '../../src/db/media-store';
import { mongo } from 'mongoose';
import {
  createWhatsAppWebChannel,
  WHATSAPP_ADMIN_PATH,
  whatsappAdminRouter,
  type WebMessage,
  type WhatsAppWebChannel,
} from '../../src/channels/whatsapp-web';
import { describeState } from '../../src/channels/whatsapp-web/connection-state';
import { databaseReachable } from '../../src/db/connect';
import { queueOnce } from '../../src/db/outbox';
import { openComplaint } from '../../src/domain/complaints';
import { createHttpApp } from '../../src/http';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK } from '../support/api';
import { eventually } from '../support/bot-api-stand-in';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { reportLastWeek, siti } from '../support/participants';
import { webMessage, WhatsAppWebStandIn, type StandInClient } from '../support/whatsapp-web-stand-in';

let channel: WhatsAppWebChannel;
let server: Server;
// Registered before the database's own clean-up, so the channel frees its lease while it is open.
afterAll(async () => {
  await channel?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date();
const ADMIN_TOKEN = 'token-admin-pendamping-0123456789';
const MAX_MEDIA_BYTES = 64 * 1024;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);

const phone = new WhatsAppWebStandIn();
/** How many of the next stores fail, as when the database is briefly away. */
let failingStores = 0;
const qrShown: string[] = [];
let base = '';

beforeAll(async () => {
  const conversations = testConversationService(db.models, clock, logger);
  channel = createWhatsAppWebChannel({
    models: db.models,
    conversations: {
      accept: (inbound) => {
        if (failingStores > 0) {
          failingStores--;
          return Promise.reject(new Error('database unavailable'));
        }
        return conversations.accept(inbound);
      },
      drain: (channelName, chatId) => conversations.drain(channelName, chatId),
    },
    logger,
    clock,
    createClient: phone.createClient,
    showQr: (qr) => qrShown.push(qr),
    maxMediaBytes: MAX_MEDIA_BYTES,
    // No pause between messages here: the pacing has its own test, with a clock of its own.
    pacing: { intervalMs: 0, jitterMs: 0 },
    sender: { pollIntervalMs: 50 },
    reconnect: { baseDelayMs: 50, maxDelayMs: 200 },
  });
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [{ path: WHATSAPP_ADMIN_PATH, router: whatsappAdminRouter(channel, ADMIN_TOKEN) }],
    channelStates: () => ({ whatsappWeb: describeState(channel.state()) }),
    logger,
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await channel.start();
});

/** A request to the admin routes; `null` sends no Authorization header at all. */
const admin = (path: string, token: string | null = ADMIN_TOKEN) =>
  fetch(
    `${base}${WHATSAPP_ADMIN_PATH}${path}`,
    token === null ? {} : { headers: { authorization: `Bearer ${token}` } },
  );

const client = (): StandInClient => {
  const latest = phone.latest();
  if (!latest) throw new Error('no client yet');
  return latest;
};

/** The texts sent to `chatId` once there are at least `count`. */
const repliesTo = (chatId: string, count: number) =>
  eventually(() => phone.sentTo(chatId).length >= count && phone.sentTo(chatId), {
    what: `${count} replies to ${chatId}`,
  });

/** A person writes; resolves with the `count`-th message sent to them. */
async function say(chatId: string, body: string, count: number): Promise<string> {
  client().receive(webMessage(chatId, { body }));
  const replies = await repliesTo(chatId, count);
  return replies[count - 1] ?? '';
}

describe('the WhatsApp Web channel, against a stand-in for whatsapp-web.js', () => {
  it('shows the login QR code in the terminal and to staff with the token, then connects once scanned', async () => {
    const qr = await eventually(() => channel.currentQr(), { what: 'a QR code' });
    expect(qrShown).toEqual([qr]);
    expect(channel.state().phase).toBe('waiting_for_qr');

    for (const token of [null, 'token-salah-pendamping-0123456789', '']) {
      const refused = await admin('/qr.png', token);
      expect(refused.status).toBe(401);
    }
    const png = await admin('/qr.png');
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await png.arrayBuffer()).subarray(0, 4)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    );
    const svg = await admin('/qr.svg');
    expect(await svg.text()).toContain('<svg');
    expect(await (await admin('')).json()).toMatchObject({ state: 'waiting_for_qr', qrWaiting: true });

    client().scan();
    await eventually(() => channel.state().phase === 'connected', { what: 'connected' });
    expect(channel.currentQr()).toBeUndefined();
    expect((await admin('/qr.png')).status).toBe(404);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      channels: { whatsappWeb: { state: 'connected', waState: 'CONNECTED' } },
    });
  });

  it('takes Siti from consent to a stored weekly report, with choices as numbered text', async () => {
    const chatId = '6281200000401@c.us';
    const participant = await db.models.participants.create(siti('+6281200000401'));
    await reportLastWeek(db.models, participant._id);

    const consent = await say(chatId, 'halo', 1);
    expect(consent).toContain('Apakah Bapak/Ibu setuju?');
    expect(consent).toContain('1. Ya, setuju\n2. Tidak');
    expect(phone.sent.find((sent) => sent.chatId === chatId)?.options).toEqual({ linkPreview: false });

    await say(chatId, '1', 2);
    const [thanks, menu] = (await repliesTo(chatId, 3)).slice(1);
    expect(thanks).toBe('Terima kasih, Bapak/Ibu.');
    expect(menu).toContain('Ada yang bisa kami bantu');
    expect(menu).toMatch(/^1\. Laporan mingguan/m);
    // The option's words work as well as its number.
    expect(await say(chatId, 'laporan mingguan', 4)).toContain('Berapa omzet');
    expect(await say(chatId, '1,5jt', 5)).toContain('Berapa belanja');
    expect(await say(chatId, '200 ribu', 6)).toContain('Berapa yang Bapak/Ibu tabung');
    expect(await say(chatId, 'goban', 7)).toContain('Berapa yang diambil dari tabungan');
    expect(await say(chatId, 'tidak', 8)).toMatch(/Mohon periksa[^]*\n1\. .*\n2\. /);
    expect(await say(chatId, '1', 9)).toContain('sudah tersimpan');

    const reports = await db.models.weeklyReports
      .find({ participant: participant._id, channel: 'whatsapp-web' })
      .lean();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      sales: 1_500_000,
      spending: 200_000,
      savingsDeposit: 50_000,
      savingsWithdrawal: 0,
      channel: 'whatsapp-web',
    });
    await eventually(
      async () => (await db.models.outbox.countDocuments({ chatId, status: 'pending' })) === 0,
    );
    const outbox = await db.models.outbox.find({ chatId }).lean();
    expect(outbox.map((entry) => entry.status)).toEqual(Array(outbox.length).fill('sent'));
    expect(outbox.every((entry) => entry.platformMessageId?.startsWith(`true_${chatId}_`))).toBe(true);
    // Reminders reach her here from now on.
    expect((await db.models.participants.findById(participant._id).lean())?.channels?.whatsappId).toBe(
      chatId,
    );
  });

  it('gives a message seen three times one stored entry and one reply', async () => {
    const chatId = '6281200000402@c.us';
    await db.models.participants.create(siti('+6281200000402', { consentedOn: 'whatsapp-web' }));
    const message = webMessage(chatId, { body: 'halo' });
    for (let time = 0; time < 3; time++) client().receive(message);
    const [menu] = await repliesTo(chatId, 1);
    expect(menu).toContain('Ada yang bisa kami bantu');
    await eventually(async () => {
      const stored = await db.models.inboundMessages.find({ chatId }).lean();
      return stored.length === 1 && stored[0]?.status === 'processed';
    });
    // One more message round-trip: had the copies been handled, their replies would come before it.
    expect(await say(chatId, 'menu', 2)).toContain('Ada yang bisa kami bantu');
    await eventually(async () => (await db.models.outboxQueue.countDocuments({ chatId })) === 0);
    expect(phone.sentTo(chatId)).toHaveLength(2);
    expect(await db.models.inboundMessages.countDocuments({ chatId })).toBe(2);
  });

  it('tries a message again until it is stored, since WhatsApp Web will not deliver it again', async () => {
    const chatId = '6281200000407@c.us';
    await db.models.participants.create(siti('+6281200000407', { consentedOn: 'whatsapp-web' }));
    failingStores = 2;
    expect(await say(chatId, 'halo', 1)).toContain('Ada yang bisa kami bantu');
    expect(failingStores).toBe(0);
    expect(await db.models.inboundMessages.countDocuments({ chatId })).toBe(1);
  });

  it('recognises a sender WhatsApp names by a private id (@lid) by the number behind it', async () => {
    const chatId = '6281200000408@c.us';
    await db.models.participants.create(siti('+6281200000408', { consentedOn: 'whatsapp-web' }));
    client().lids.set('217465923084512@lid', chatId);
    client().receive(webMessage(chatId, { from: '217465923084512@lid', body: 'halo' }));
    const [menu] = await repliesTo(chatId, 1);
    expect(menu).toContain('Ada yang bisa kami bantu');
    expect(phone.sentTo('217465923084512@lid')).toEqual([]);
    expect(await db.models.inboundMessages.countDocuments({ chatId })).toBe(1);
  });

  it('leaves groups, status updates and its own messages alone', async () => {
    const chatId = '6281200000403@c.us';
    await db.models.participants.create(siti('+6281200000403', { consentedOn: 'whatsapp-web' }));
    client().receive(webMessage(chatId, { from: '120363025246125486@g.us', body: 'halo grup' }));
    client().receive(webMessage(chatId, { from: 'status@broadcast', body: 'status', isStatus: true }));
    client().receive(webMessage(chatId, { body: 'dari HP sendiri', fromMe: true }));
    client().receive(webMessage(chatId, { body: '', type: 'sticker' }));
    // A message after them: once it is answered, the ones before it were taken or left.
    expect(await say(chatId, 'halo', 1)).toContain('Ada yang bisa kami bantu');
    const stored = await db.models.inboundMessages.find({}, { chatId: 1, payload: 1 }).lean();
    expect(stored.filter((entry) => /@g\.us|broadcast/.test(entry.chatId))).toEqual([]);
    expect(await db.models.inboundMessages.countDocuments({ chatId })).toBe(1);
  });

  it('keeps a photo within the limit, and refuses an oversized one without keeping any of it', async () => {
    const chatId = '6281200000404@c.us';
    await db.models.participants.create(siti('+6281200000404', { consentedOn: 'whatsapp-web' }));
    const photo = webMessage(chatId, { body: 'nota', media: { mimetype: 'image/jpeg', data: JPEG } });
    const huge = webMessage(chatId, {
      body: 'besar',
      media: { mimetype: 'image/jpeg', data: JPEG, declaredBytes: MAX_MEDIA_BYTES + 1 },
    });
    const understated = webMessage(chatId, {
      body: 'bohong',
      media: {
        mimetype: 'image/jpeg',
        data: Buffer.concat([JPEG, Buffer.alloc(MAX_MEDIA_BYTES)]),
        declaredBytes: 1000,
      },
    });
    const disguised = webMessage(chatId, {
      body: 'exe',
      media: { mimetype: 'image/jpeg', data: Buffer.from('MZ\x90\0 not a photo at all', 'latin1') },
    });
    for (const message of [photo, huge, understated, disguised]) client().receive(message);
    await eventually(async () => (await db.models.inboundMessages.countDocuments({ chatId })) === 4);

    const mediaOf = async (text: string) => {
      const stored = await db.models.inboundMessages.findOne({ chatId, 'payload.text': text }).lean();
      return (stored?.payload as { media?: { kind: string; fileId: string } } | undefined)?.media;
    };
    const kept = await mediaOf('nota');
    expect(kept).toMatchObject({ kind: 'photo', bytes: JPEG.length, mimeType: 'image/jpeg' });
    const file = await db.connection.db
      ?.collection('media.files')
      .findOne({ _id: new mongo.ObjectId(kept?.fileId) });
    expect(file).toMatchObject({ filename: `whatsapp-web:${photo.id._serialized}`, length: JPEG.length });

    for (const text of ['besar', 'bohong', 'exe']) expect(await mediaOf(text)).toBeUndefined();
    expect(huge.downloads).toBe(0);
    expect(
      await db.connection.db?.collection('media.files').countDocuments({
        filename: {
          $in: [huge, understated, disguised].map((message) => `whatsapp-web:${message.id._serialized}`),
        },
      }),
    ).toBe(0);

    // Seen again: no second download, still one message.
    client().receive(photo);
    await say(chatId, 'menu', 1);
    expect(photo.downloads).toBe(1);
    expect(await db.models.inboundMessages.countDocuments({ chatId, 'payload.text': 'nota' })).toBe(1);
  });

  it('keeps messages queued while disconnected and sends them once the new client is connected', async () => {
    const chatId = '6281200000405@c.us';
    await db.models.participants.create(siti('+6281200000405', { consentedOn: 'whatsapp-web' }));
    const before = client();
    before.disconnect('NAVIGATION');
    expect(channel.state()).toMatchObject({ phase: 'disconnected', reason: 'NAVIGATION' });
    const readyz = await fetch(`${base}/readyz`);
    // The instance stays ready: its webhooks and other channels work, and the messages wait.
    expect(readyz.status).toBe(200);
    expect(await readyz.json()).toMatchObject({ channels: { whatsappWeb: { state: 'disconnected' } } });

    await queueOnce(db.models, {
      dedupeKey: 'weekly-report-reminder-first:2026-W48:test-405',
      channel: 'whatsapp-web',
      chatId,
      message: { text: 'Pengingat: laporan minggu ini belum masuk.' },
      dueAt: new Date(),
    });
    const after = await eventually(() => phone.latest() !== before && phone.latest(), {
      what: 'a new client',
    });
    await eventually(() => channel.state().phase === 'connected', { what: 'connected again' });
    // The session was restored (RemoteAuth): no QR code this time.
    expect(qrShown).toHaveLength(1);
    const [reminder] = await repliesTo(chatId, 1);
    expect(reminder).toBe('Pengingat: laporan minggu ini belum masuk.');
    expect(phone.sent.filter((sent) => sent.chatId === chatId)).toEqual([
      expect.objectContaining({ client: after.number }),
    ]);
    expect(before.destroyed).toBe(true);
    const entry = await eventually(async () => {
      const sent = await db.models.outbox.findOne({ chatId, status: 'sent' }).lean();
      return sent ?? undefined;
    });
    expect(entry.attempts).toBe(1);
  });

  it('takes in the messages that came while it was away once connected again, each answered once', async () => {
    const chatId = '6281200000410@c.us';
    await db.models.participants.create(siti('+6281200000410', { consentedOn: 'whatsapp-web' }));
    const seenBefore = webMessage(chatId, { body: 'halo' });
    client().receive(seenBefore);
    await repliesTo(chatId, 1);
    const before = client();
    before.disconnect('NAVIGATION');
    // WhatsApp keeps the chat unread, including the message the channel already had.
    phone.arriveWhileAway(seenBefore);
    const weekOld = webMessage(chatId, { body: 'lapor' });
    weekOld.timestamp -= 7 * 24 * 3_600;
    phone.arriveWhileAway(weekOld);
    phone.arriveWhileAway(webMessage(chatId, { body: 'menu' }));
    phone.arriveWhileAway(
      webMessage('120363000000000001@g.us', { body: 'rapat jam 9', from: '120363000000000001@g.us' }),
    );

    await eventually(() => phone.latest() !== before && channel.state().phase === 'connected', {
      what: 'connected again',
    });
    // The menu again, answering the "menu" that came while away.
    await eventually(
      () =>
        phone
          .sentTo(chatId)
          .slice(1)
          .some((reply) => reply.includes('Ada yang bisa kami bantu')),
      { what: 'the menu again' },
    );
    const stored = await eventually(async () => {
      const all = await db.models.inboundMessages.find({ chatId }).lean();
      return all.length === 2 && all.every((entry) => entry.status === 'processed') && all;
    });
    expect(stored.map((entry) => (entry.payload as { text?: string }).text)).toEqual(['halo', 'menu']);
    // "halo" answered once before; "menu" answered now. One more round trip: a reply to the repeated
    // or the week-old message would have come before its answer.
    expect(phone.sentTo(chatId)).toHaveLength(2);
    await say(chatId, 'menu', 3);
    expect(phone.sentTo(chatId)).toHaveLength(3);
    phone.unread.clear();
  });

  it('sends a stored chart as a photo captioned with the first line, then the text', async () => {
    const chatId = '6281200000411@c.us';
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(300, 2)]);
    const mediaId = await gridFsMediaStore(db.connection).save('digest-chart:test-411', png, 'image/png');
    await queueOnce(db.models, {
      dedupeKey: 'mentor-digest:2026-W47:test-411',
      channel: 'whatsapp-web',
      chatId,
      message: {
        text: 'Ringkasan pendampingan minggu 2026-W47\n1. Siti: belum lapor',
        image: { mediaId, mimeType: 'image/png' },
      },
      dueAt: new Date(),
    });
    await repliesTo(chatId, 2);
    const [photo, text] = phone.sent.filter((sent) => sent.chatId === chatId);
    expect(photo?.media).toMatchObject({ mimetype: 'image/png', filename: 'gambar.png' });
    expect(Buffer.from(photo?.media?.data ?? '', 'base64').equals(png)).toBe(true);
    expect(photo?.content).toBe('Ringkasan pendampingan minggu 2026-W47');
    expect(text?.content).toBe('Ringkasan pendampingan minggu 2026-W47\n1. Siti: belum lapor');
  });

  it('serves a Puskesos staff group: registered by /daftargrup, complaints posted, a reply to a post relayed', async () => {
    const group = '120363025246125486@g.us';
    const rina = '6281300000011@c.us';
    const complainant = '6281200000412@c.us';
    const [lumpaat] = await db.models.puskesos.create([
      { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
    ]);
    await db.models.staff.create({
      name: 'Rina',
      phone: '+6281300000011',
      role: 'front_office',
      puskesos: lumpaat?._id,
    });
    const sitiRecord = await db.models.participants.create(
      siti('+6281200000412', { consentedOn: 'whatsapp-web' }),
    );
    const groupSays = (author: string, body: string, quoted?: WebMessage) =>
      client().receive(webMessage(group, { author, body, ...(quoted ? { quoted } : {}) }));

    groupSays(rina, '/daftargrup');
    const [registered] = await repliesTo(group, 1);
    expect(registered).toBe('Grup ini sekarang menerima pengaduan untuk Puskesos Lumpaat.');

    const opened = await openComplaint(
      db.models,
      {
        participant: sitiRecord._id,
        complainantPhone: '+6281200000412',
        complainantChat: { channel: 'whatsapp-web', chatId: complainant },
        language: 'id',
        desa: 'Batulayang',
        category: 'PKH',
        text: 'Bantuan belum cair sejak bulan lalu',
        photos: [],
        at: new Date(),
      },
      TEST_COMPLAINT_DESK,
    );
    if (!opened.ok) throw new Error('complaint not opened');
    const [, post = ''] = await repliesTo(group, 2);
    expect(post).toContain(opened.number);
    expect(post).toContain('Bantuan belum cair sejak bulan lalu');

    // Members talking among themselves: neither answered nor stored.
    groupSays('6281300000099@c.us', 'Siap, nanti saya cek ke desa.');
    groupSays(rina, 'Data PKH-nya sudah kami cek, Bu. Pencairan tahap berikutnya minggu depan.', {
      ...webMessage(group, { body: post, fromMe: true }),
    });
    const relayed = await eventually(
      () => phone.sentTo(complainant).find((text) => text.includes('Pencairan tahap berikutnya')),
      { what: 'the reply relayed to the complainant' },
    );
    expect(relayed).toContain('Puskesos Lumpaat');
    expect(relayed).not.toContain('Rina');
    const complaint = await db.models.complaints.findOne({ number: opened.number }).lean();
    expect(complaint?.events.map((event) => event.kind)).toContain('reply');
    const stored = await db.models.inboundMessages.find({ chatId: group }).lean();
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain('nanti saya cek ke desa');
  });

  it('waits through a passing TIMEOUT without a new client when the connection comes back', async () => {
    const chatId = '6281200000406@c.us';
    await db.models.participants.create(siti('+6281200000406', { consentedOn: 'whatsapp-web' }));
    const current = client();
    const clients = phone.clients.length;
    current.changeState('TIMEOUT');
    expect(channel.state()).toMatchObject({ phase: 'disconnected', waState: 'TIMEOUT' });
    await queueOnce(db.models, {
      dedupeKey: 'savings-nudge:2026-W48:test-406',
      channel: 'whatsapp-web',
      chatId,
      message: { text: 'Sudah menabung minggu ini?' },
      dueAt: new Date(),
    });
    current.changeState('CONNECTED');
    expect(channel.state().phase).toBe('connected');
    expect(await repliesTo(chatId, 1)).toEqual(['Sudah menabung minggu ini?']);
    expect(phone.clients).toHaveLength(clients);
  });

  it('treats a LOGOUT as final: no reconnection on the old session, a new QR code to scan', async () => {
    client().disconnect('LOGOUT');
    expect(channel.state().phase).toBe('logged_out');
    const qr = await eventually(() => channel.currentQr(), { what: 'a new QR code' });
    expect(qrShown).toHaveLength(2);
    expect(qrShown[1]).toBe(qr);
    expect(channel.state().phase).toBe('waiting_for_qr');
    client().scan();
    await eventually(() => channel.state().phase === 'connected', { what: 'connected after a new scan' });
  });
});
