import { questionToken } from '../../src/engine/conversation/question-token';
import type { Server } from 'node:http';
import { mongo } from 'mongoose';
import { createWhatsAppCloudChannel, type WhatsAppCloudChannel } from '../../src/channels/whatsapp-cloud';
import { signatureOf } from '../../src/channels/whatsapp-cloud/signature';
import { databaseReachable } from '../../src/db/connect';
import { queueOnce } from '../../src/db/outbox';
import { createHttpApp } from '../../src/http';
import { createLogger } from '../../src/log';
import { eventually } from '../support/bot-api-stand-in';
import { controlledConversations, testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import {
  buttonTapFrom,
  deliveryStatus,
  GraphApiStandIn,
  listPickFrom,
  notification,
  personMessage,
  postNotification,
  STAND_IN_APP_SECRET,
  STAND_IN_PHONE_NUMBER_ID,
  STAND_IN_TOKEN,
  textFrom,
} from '../support/graph-api-stand-in';
import { reportLastWeek, siti } from '../support/participants';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date();
const VERIFY_TOKEN = 'verifikasi-pendamping-2026';
const MAX_MEDIA_BYTES = 64 * 1024;

let standIn: GraphApiStandIn;
let channel: WhatsAppCloudChannel;
let server: Server;
let webhookUrl = '';

/** Storing can be made to fail and handling held back (see controlledConversations). */
let control: ReturnType<typeof controlledConversations>['control'];

beforeAll(async () => {
  standIn = await GraphApiStandIn.start();
  const controlled = controlledConversations(testConversationService(db.models, clock, logger));
  control = controlled.control;
  const { conversations } = controlled;
  channel = createWhatsAppCloudChannel({
    token: STAND_IN_TOKEN,
    phoneNumberId: STAND_IN_PHONE_NUMBER_ID,
    appSecret: STAND_IN_APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    apiRoot: standIn.apiRoot,
    models: db.models,
    conversations,
    logger,
    clock,
    maxMediaBytes: MAX_MEDIA_BYTES,
    // A short pair interval, so that a conversation's replies follow each other quickly in a test
    // (the limiter's own tests hold WhatsApp's real limits); the order is what counts here.
    limits: { perChatIntervalMs: 50 },
  });
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [channel.webhook],
    logger,
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  webhookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${channel.webhook.path}`;
  await channel.start();
});

afterAll(async () => {
  await channel?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await standIn?.close();
});

const storedCount = (chatId: string) => db.models.inboundMessages.countDocuments({ chatId });

/** The messages sent to `waId` once there are at least `count`. */
const repliesTo = (waId: string, count: number) =>
  eventually(() => standIn.sentTo(waId).length >= count && standIn.sentTo(waId), {
    what: `${count} replies to ${waId}`,
  });

/** Posts one message of a person, checks Meta got its 200, and waits for the `count`-th reply. */
async function say(message: ReturnType<typeof personMessage>, count: number) {
  const response = await postNotification(webhookUrl, notification({ messages: [message] }));
  expect(response.status).toBe(200);
  const replies = await repliesTo(message.from, count);
  return replies[count - 1];
}

const bodyText = (sent: Awaited<ReturnType<typeof say>>) =>
  sent?.body.text?.body ?? sent?.body.interactive?.body.text ?? '';

describe('the WhatsApp Cloud API webhook, against a Graph API stand-in', () => {
  it('answers Meta’s verification handshake with the challenge, and only with the verify token', async () => {
    const handshake = (query: Record<string, string>) =>
      fetch(`${webhookUrl}?${new URLSearchParams(query).toString()}`);
    const ok = await handshake({
      'hub.mode': 'subscribe',
      'hub.verify_token': VERIFY_TOKEN,
      'hub.challenge': '1158201444',
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');

    const refusedQueries: Record<string, string>[] = [
      {
        'hub.mode': 'subscribe',
        'hub.verify_token': 'verifikasi-pendamping-2025',
        'hub.challenge': '1158201444',
      },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' },
    ];
    for (const query of refusedQueries) {
      const refused = await handshake(query);
      expect(refused.status).toBe(403);
      expect(await refused.text()).not.toContain('1158201444');
    }
  });

  it('refuses a forged or unsigned notification with 401 and stores nothing', async () => {
    const waId = '6281200000302';
    await db.models.participants.create(siti(`+${waId}`, { consentedOn: 'whatsapp-cloud' }));
    const payload = notification({ messages: [textFrom(waId, 'halo')] });
    const raw = JSON.stringify(payload);
    for (const signature of [
      null,
      '',
      'sha256=',
      signatureOf(raw, 'rahasia-aplikasi-lain-0123'),
      signatureOf(JSON.stringify(notification({ messages: [textFrom(waId, 'lain')] })), STAND_IN_APP_SECRET),
      signatureOf(raw, STAND_IN_APP_SECRET).replace('sha256=', 'sha1='),
    ]) {
      const response = await postNotification(webhookUrl, payload, { signature });
      expect(response.status).toBe(401);
    }
    expect(await storedCount(waId)).toBe(0);
    const participant = await db.models.participants.findOne({ phone: `+${waId}` }).lean();
    expect(participant?.channels?.whatsappCloudId).toBeUndefined();
  });

  it('takes a participant from consent to a stored weekly report, with buttons and lists', async () => {
    const waId = '6281200000301';
    const participant = await db.models.participants.create(siti(`+${waId}`));
    await reportLastWeek(db.models, participant._id);

    const consent = await say(textFrom(waId, 'halo'), 1);
    expect(bodyText(consent)).toContain('Apakah Bapak/Ibu setuju?');
    expect(consent?.body.interactive?.type).toBe('button');
    expect(consent?.body.interactive?.action.buttons?.map((button) => button.reply)).toEqual([
      { id: `${questionToken('consent', 'ask')}/yes`, title: 'Ya, setuju' },
      { id: `${questionToken('consent', 'ask')}/no`, title: 'Tidak' },
      { id: `${questionToken('consent', 'ask')}/info`, title: 'Info lengkap' },
    ]);

    await say(buttonTapFrom(waId, `${questionToken('consent', 'ask')}/yes`, 'Ya'), 2);
    const [thanks, menu] = await repliesTo(waId, 3).then((replies) => replies.slice(1));
    expect(bodyText(thanks)).toBe('Terima kasih, Bapak/Ibu.');
    expect(bodyText(menu)).toContain('Ada yang bisa kami bantu');
    expect(menu?.body.interactive?.type).toBe('list');
    expect(menu?.body.interactive?.action.sections?.[0]?.rows[0]).toEqual({
      id: `${questionToken('menu', 'choose')}/weekly_report`,
      title: 'Laporan mingguan',
    });
    expect((await db.models.participants.findById(participant._id).lean())?.consent?.givenAt).toEqual(
      expect.any(Date),
    );

    // The menu's option as an older list sent it (its id alone) is still taken.
    expect(bodyText(await say(listPickFrom(waId, 'weekly_report', 'Laporan mingguan'), 4))).toContain(
      'Berapa omzet',
    );
    expect(bodyText(await say(textFrom(waId, '1,5jt'), 5))).toContain('Berapa belanja');
    expect(bodyText(await say(textFrom(waId, '200 ribu'), 6))).toContain('Berapa yang Bapak/Ibu tabung');
    expect(bodyText(await say(textFrom(waId, 'goban'), 7))).toContain('Berapa yang diambil dari tabungan');
    const confirm = await say(textFrom(waId, '0'), 8);
    expect(bodyText(confirm)).toContain('Mohon periksa');
    expect(confirm?.body.interactive?.type).toBe('list');
    const saved = await say(listPickFrom(waId, 'send', 'Benar, kirim'), 9);
    expect(bodyText(saved)).toContain('sudah tersimpan');

    const reports = await db.models.weeklyReports
      .find({ participant: participant._id, channel: 'whatsapp-cloud' })
      .lean();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      sales: 1_500_000,
      spending: 200_000,
      savingsDeposit: 50_000,
      savingsWithdrawal: 0,
      channel: 'whatsapp-cloud',
    });
    // Every reply was sent once, recorded with WhatsApp's id of it; the number is noted for reminders.
    await eventually(
      async () => (await db.models.outbox.countDocuments({ chatId: waId, status: 'pending' })) === 0,
    );
    const outbox = await db.models.outbox.find({ chatId: waId }).lean();
    expect(outbox.map((entry) => entry.status)).toEqual(Array(outbox.length).fill('sent'));
    expect(new Set(outbox.map((entry) => entry.platformMessageId)).size).toBe(standIn.sentTo(waId).length);
    expect((await db.models.participants.findById(participant._id).lean())?.channels?.whatsappCloudId).toBe(
      waId,
    );
  });

  it('stores a week reported in one message with exactly the amounts typed', async () => {
    const waId = '6281200000320';
    const participant = await db.models.participants.create(
      siti(`+${waId}`, { consentedOn: 'whatsapp-cloud' }),
    );
    expect(bodyText(await say(textFrom(waId, 'jual 1,5jt tabung 50rb'), 1))).toContain('Ketik UBAH');
    expect(await db.models.weeklyReports.find({ participant: participant._id }).lean()).toMatchObject([
      {
        sales: 1_500_000,
        spending: 0,
        savingsDeposit: 50_000,
        savingsWithdrawal: 0,
        channel: 'whatsapp-cloud',
      },
    ]);
  });

  it('answers 200 once the message is stored, before handling it, and the reply follows', async () => {
    const waId = '6281200000303';
    await db.models.participants.create(siti(`+${waId}`, { consentedOn: 'whatsapp-cloud' }));
    let release = () => {};
    control.handling = new Promise<void>((resolve) => (release = resolve));
    try {
      const response = await postNotification(
        webhookUrl,
        notification({ messages: [textFrom(waId, 'halo')] }),
      );
      expect(response.status).toBe(200);
      const stored = await db.models.inboundMessages.findOne({ chatId: waId }).lean();
      expect(stored?.status).toBe('received');
      expect(standIn.sentTo(waId)).toHaveLength(0);
    } finally {
      release();
    }
    const [menu] = await repliesTo(waId, 1);
    expect(bodyText(menu)).toContain('Ada yang bisa kami bantu');
  });

  it('gives a message delivered 10 times at once one stored entry and one reply', async () => {
    const waId = '6281200000304';
    await db.models.participants.create(siti(`+${waId}`, { consentedOn: 'whatsapp-cloud' }));
    const payload = notification({ messages: [textFrom(waId, 'halo')] });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postNotification(webhookUrl, payload)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(await storedCount(waId)).toBe(1);

    await eventually(async () => {
      const inbound = await db.models.inboundMessages.findOne({ chatId: waId }).lean();
      const unsent = await db.models.outbox.countDocuments({ chatId: waId, status: { $ne: 'sent' } });
      return inbound?.status === 'processed' && unsent === 0;
    });
    expect(await db.models.outbox.countDocuments({ chatId: waId })).toBe(1);
    expect(standIn.sentTo(waId)).toHaveLength(1);
  });

  it('answers 5xx when the message cannot be stored, so that Meta delivers it again', async () => {
    const waId = '6281200000305';
    await db.models.participants.create(siti(`+${waId}`, { consentedOn: 'whatsapp-cloud' }));
    const payload = notification({ messages: [textFrom(waId, 'halo')] });
    control.storeFails = true;
    try {
      expect((await postNotification(webhookUrl, payload)).status).toBeGreaterThanOrEqual(500);
    } finally {
      control.storeFails = false;
    }
    expect(await storedCount(waId)).toBe(0);
    expect((await postNotification(webhookUrl, payload)).status).toBe(200);
    await repliesTo(waId, 1);
    expect(await storedCount(waId)).toBe(1);
  });

  /**
   * The sender marks an entry sent before it notes the platform's id, by which a status finds the
   * entry: a status is posted only once the sender is done, that is, once the entry left the queue.
   */
  const recordedAsSent = (key: string) =>
    eventually(async () => !(await db.models.outboxQueue.exists({ _id: key })), {
      what: `${key} out of the queue`,
    });

  it('records delivery statuses on the outbox entry, never going back, and a failure with its reason', async () => {
    const waId = '6281200000306';
    await db.models.participants.create(siti(`+${waId}`, { consentedOn: 'whatsapp-cloud' }));
    await say(textFrom(waId, 'halo'), 1);
    const sent = await eventually(() =>
      db.models.outbox.findOne({ chatId: waId, platformMessageId: { $exists: true } }).lean(),
    );
    await recordedAsSent(sent._id);
    const wamid = sent.platformMessageId ?? '';
    expect(wamid).toBe(standIn.sentTo(waId)[0]?.wamid);

    for (const status of ['delivered', 'read', 'sent', 'delivered']) {
      const response = await postNotification(
        webhookUrl,
        notification({ statuses: [deliveryStatus(wamid, status, waId)] }),
      );
      expect(response.status).toBe(200);
    }
    expect(await db.models.outbox.findById(sent._id).lean()).toMatchObject({
      status: 'sent',
      deliveryStatus: 'read',
      deliveryStatusAt: expect.any(Date),
    });

    await queueOnce(db.models, {
      dedupeKey: 'test:status-failed',
      channel: 'whatsapp-cloud',
      chatId: waId,
      message: { text: 'Pengingat laporan' },
      dueAt: new Date(),
    });
    const other = await eventually(async () => {
      const entry = await db.models.outbox.findById('test:status-failed').lean();
      return entry?.status === 'sent' ? entry : undefined;
    });
    await recordedAsSent(other._id);
    expect(other.platformMessageId).toBe(standIn.sentTo(waId)[1]?.wamid);
    await postNotification(
      webhookUrl,
      notification({
        statuses: [
          deliveryStatus(other.platformMessageId ?? '', 'failed', waId, [
            { code: 131026, title: 'Message undeliverable' },
          ]),
        ],
      }),
    );
    expect(await db.models.outbox.findById(other._id).lean()).toMatchObject({
      status: 'failed',
      deliveryStatus: 'failed',
      lastError: 'WhatsApp could not deliver it: 131026 Message undeliverable',
    });
  });

  it('stores a photo in GridFS and hands its id on with the message', async () => {
    const waId = '6281200000307';
    await db.models.participants.create(siti(`+${waId}`, { consentedOn: 'whatsapp-cloud' }));
    standIn.addMedia('1479537139650973', JPEG, 'image/jpeg');
    const photo = personMessage(waId, {
      type: 'image',
      image: { id: '1479537139650973', mime_type: 'image/jpeg', caption: 'nota' },
    });
    expect((await postNotification(webhookUrl, notification({ messages: [photo] }))).status).toBe(200);
    const stored = await db.models.inboundMessages.findOne({ chatId: waId, 'payload.text': 'nota' }).lean();
    const media = (stored?.payload as { media?: { kind: string; fileId: string } } | undefined)?.media;
    expect(media).toMatchObject({ kind: 'photo', bytes: JPEG.length, mimeType: 'image/jpeg' });
    const file = await db.connection.db
      ?.collection('media.files')
      .findOne({ _id: new mongo.ObjectId(media?.fileId) });
    expect(file).toMatchObject({ filename: 'whatsapp-cloud:1479537139650973', length: JPEG.length });

    // Delivered again: no second download, still one message.
    expect((await postNotification(webhookUrl, notification({ messages: [photo] }))).status).toBe(200);
    expect(standIn.downloads.filter((id) => id === '1479537139650973')).toHaveLength(1);
    expect(await storedCount(waId)).toBe(1);
  });

  it('refuses oversized or disguised media without keeping any of it', async () => {
    const waId = '6281200000308';
    await db.models.participants.create(siti(`+${waId}`, { consentedOn: 'whatsapp-cloud' }));
    standIn.addMedia('huge', JPEG, 'image/jpeg', MAX_MEDIA_BYTES + 1);
    // Its size as the lookup states it is small; the bytes are not: the download stops at the limit.
    standIn.addMedia('understated', Buffer.concat([JPEG, Buffer.alloc(MAX_MEDIA_BYTES)]), 'image/jpeg', 1000);
    standIn.addMedia('exe', Buffer.from('MZ\x90\0 not a photo at all', 'latin1'), 'image/jpeg');
    const photo = (mediaId: string, caption: string) =>
      personMessage(waId, { type: 'image', image: { id: mediaId, mime_type: 'image/jpeg', caption } });
    const response = await postNotification(
      webhookUrl,
      notification({
        messages: [photo('huge', 'besar'), photo('understated', 'bohong'), photo('exe', 'exe')],
      }),
    );
    expect(response.status).toBe(200);
    for (const caption of ['besar', 'bohong', 'exe']) {
      const stored = await db.models.inboundMessages
        .findOne({ chatId: waId, 'payload.text': caption })
        .lean();
      expect((stored?.payload as { media?: unknown } | undefined)?.media).toBeUndefined();
    }
    expect(standIn.mediaLookups).toEqual(expect.arrayContaining(['huge', 'understated', 'exe']));
    expect(standIn.downloads).not.toContain('huge');
    expect(standIn.downloads).toEqual(expect.arrayContaining(['understated', 'exe']));
    expect(
      await db.connection.db
        ?.collection('media.files')
        .countDocuments({ filename: /whatsapp-cloud:(huge|understated|exe)/ }),
    ).toBe(0);
  });

  it('ignores a shared contact and a notification for another number without storing them', async () => {
    const waId = '6281200000309';
    const contact = personMessage(waId, {
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'Ujang' },
          phones: [{ phone: '+62 812 0000 0999', wa_id: '6281200000999' }],
        },
      ],
    });
    expect((await postNotification(webhookUrl, notification({ messages: [contact] }))).status).toBe(200);
    expect(
      (await postNotification(webhookUrl, notification({ messages: [textFrom(waId, 'halo')] }, '999999999')))
        .status,
    ).toBe(200);
    expect(await storedCount(waId)).toBe(0);
  });
});

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
