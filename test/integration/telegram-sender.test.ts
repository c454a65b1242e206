import { gridFsMediaStore } from '../../src/db/media-store';
import type { TelegramChannel } from '../../src/channels/telegram';
import { queueOnce } from '../../src/db/outbox';
import type { OutboundMessage } from '../../src/engine/messages';
import { BotApiStandIn, eventually, startTelegramSender } from '../support/bot-api-stand-in';
import { useTestDatabase } from '../support/database';
import { capturedLog } from '../support/log';

const db = useTestDatabase();
const log = capturedLog();
const { logger } = log;
const clock = () => new Date();
const MAX_ATTEMPTS = 4;

let standIn: BotApiStandIn;
const channels: TelegramChannel[] = [];

/** One instance of the service's Telegram channel; the conversation service is not used here. */
async function startInstance(): Promise<TelegramChannel> {
  const channel = await startTelegramSender(standIn, {
    models: db.models,
    logger,
    clock,
    // Short waits between retries and between a chat's messages, so that several attempts fit in a
    // test (the limiter's own tests hold Telegram's real limits); the order is what counts here.
    sender: { maxAttempts: MAX_ATTEMPTS, baseRetryDelayMs: 20 },
    limits: { perSecond: 30, perChatIntervalMs: 100 },
  });
  channels.push(channel);
  return channel;
}

beforeAll(async () => {
  standIn = await BotApiStandIn.start();
  await startInstance();
});

afterAll(async () => {
  for (const channel of channels) await channel.stop();
  await standIn?.close();
});

let keys = 0;
async function queue(chatId: string, message: OutboundMessage) {
  const dedupeKey = `test:${++keys}`;
  await queueOnce(db.models, {
    dedupeKey,
    channel: 'telegram',
    chatId,
    message: { ...message },
    dueAt: new Date(),
  });
  return { _id: dedupeKey };
}

/** The entry once it is no longer pending. */
const settled = (id: string) =>
  eventually(async () => {
    const entry = await db.models.outbox.findById(id).lean();
    return entry?.status === 'sent' || entry?.status === 'failed' ? entry : undefined;
  });

const attemptsOf = (text: string) =>
  standIn.callsOf('sendMessage').filter((call) => call.params.text === text).length;

describe('sending the Telegram outbox, against a Bot API stand-in', () => {
  it('sends a stored image as a photo: with the text as caption, or before a text too long for one', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(500, 1)]);
    const mediaId = await gridFsMediaStore(db.connection).save('test-chart', png, 'image/png');
    const short = await queue('6101', {
      text: 'Foto bukti pengaduan',
      image: { mediaId, mimeType: 'image/png' },
    });
    const digest = [
      'Ringkasan pendampingan 23-29 Nov 2026',
      ...Array(60).fill('1. Siti Aminah (Batulayang): lapor'),
    ].join('\n');
    const long = await queue('6102', { text: digest, image: { mediaId, mimeType: 'image/png' } });
    expect(await settled(short._id)).toMatchObject({ status: 'sent' });
    expect(standIn.sentTo(6101)).toEqual([
      expect.objectContaining({ text: 'Foto bukti pengaduan', photo: png }),
    ]);
    expect(await settled(long._id)).toMatchObject({ status: 'sent' });
    const [photo, text] = standIn.sentTo(6102);
    expect(photo).toMatchObject({ text: 'Ringkasan pendampingan 23-29 Nov 2026', photo: png });
    expect(text).toMatchObject({ text: digest });
    expect(text?.photo).toBeUndefined();
    // The entry counts the calls confirmed: a retry of the text would not send the photo again.
    expect((await db.models.outbox.findById(long._id).lean())?.partsSent).toBe(1);
  });

  it('marks an entry it cannot send failed with the field at fault, and logs it', async () => {
    const entry = await queue('6110', {
      text: 'Pengaduan baru',
      image: { mediaId: 'simulator:kartu.jpg', mimeType: 'image/jpeg' },
    });
    const failed = await settled(entry._id);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed.lastError).toContain('image.mediaId');
    // Listed among the failures, where the channels page reads it (never the whole outbox).
    expect(await db.models.outboxFailures.findById(entry._id).lean()).toMatchObject({
      channel: 'telegram',
      chatId: '6110',
      lastError: failed.lastError,
    });
    expect(standIn.sentTo(6110)).toEqual([]);
    expect(log.lines.join('')).toContain(`"outboxId":"${entry._id}"`);
  });

  it('sends a text longer than Telegram takes in parts cut at line breaks, the buttons with the last', async () => {
    const lines = Array.from(
      { length: 150 },
      (_, index) => `${index + 1}. Peserta nomor ${index + 1} (Batulayang): lapor, omzet Rp 1.250.000`,
    );
    const entry = await queue('6103', { text: lines.join('\n'), choices: [{ id: 'ok', label: 'OK' }] });
    expect(await settled(entry._id)).toMatchObject({ status: 'sent' });
    const parts = standIn.sentTo(6103);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.text.length <= 4096)).toBe(true);
    expect(parts.map((part) => part.text).join('\n')).toBe(lines.join('\n'));
    expect(parts.at(-1)?.replyMarkup?.inline_keyboard).toEqual([[{ text: 'OK', callback_data: 'ok' }]]);
    expect(parts[0]?.replyMarkup).toBeUndefined();
  });

  it('sends a reply with its buttons and marks it sent only after Telegram confirmed it', async () => {
    const entry = await queue('6001', {
      text: 'Apakah sudah benar?',
      choices: [
        { id: 'yes', label: 'Ya' },
        { id: 'no', label: 'Tidak' },
      ],
    });
    const sent = await settled(entry._id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, sentAt: expect.any(Date) });
    expect(standIn.sentTo(6001)).toMatchObject([
      {
        chatId: '6001',
        text: 'Apakah sudah benar?',
        replyMarkup: {
          inline_keyboard: [[{ text: 'Ya', callback_data: 'yes' }], [{ text: 'Tidak', callback_data: 'no' }]],
        },
      },
    ]);
  });

  it('waits as long as a 429 asks, then delivers exactly once', async () => {
    standIn.failSendMessage({ code: 429, retryAfterSeconds: 1 });
    const entry = await queue('6002', { text: 'Pengingat laporan mingguan' });
    const sent = await settled(entry._id);
    expect(sent).toMatchObject({ status: 'sent', lastError: expect.stringContaining('429') });
    expect(attemptsOf('Pengingat laporan mingguan')).toBe(2);
    expect(standIn.sentTo(6002)).toHaveLength(1);
  });

  it('retries server errors and delivers exactly once', async () => {
    standIn.failSendMessage(
      ...Array.from({ length: 3 }, () => ({ code: 500, description: 'Internal Server Error' })),
    );
    const entry = await queue('6003', { text: 'Terima kasih, laporan sudah tersimpan.' });
    const sent = await settled(entry._id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 4 });
    expect(attemptsOf('Terima kasih, laporan sudah tersimpan.')).toBe(4);
    expect(standIn.sentTo(6003)).toHaveLength(1);
  });

  it('marks a message failed, with the reason, when Telegram refuses it for good', async () => {
    standIn.failSendMessage({ code: 403, description: 'Forbidden: bot was blocked by the user' });
    const entry = await queue('6004', { text: 'Jadwal pendampingan besok' });
    expect(await settled(entry._id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: '403 Forbidden: bot was blocked by the user',
    });
    expect(attemptsOf('Jadwal pendampingan besok')).toBe(1);
  });

  it('sends a message refused for good on the other app the person is on, once', async () => {
    standIn.failSendMessage({ code: 403, description: 'Forbidden: bot was blocked by the user' });
    const entry = { _id: 'weekly-report-reminder:siti:2026-W48:first' };
    await queueOnce(db.models, {
      dedupeKey: entry._id,
      channel: 'telegram',
      chatId: '6006',
      message: { text: 'Sudah waktunya laporan mingguan' },
      dueAt: new Date(),
      fallbacks: [{ channel: 'whatsapp-web', chatId: '6281200000006@c.us' }],
    });
    expect(await settled(entry._id)).toMatchObject({
      status: 'failed',
      lastError: '403 Forbidden: bot was blocked by the user; dikirim lewat whatsapp-web',
    });
    const moved = await db.models.outbox
      .find({ dedupeKey: 'weekly-report-reminder:siti:2026-W48:first>whatsapp-web' })
      .lean();
    expect(moved).toEqual([
      expect.objectContaining({
        channel: 'whatsapp-web',
        chatId: '6281200000006@c.us',
        status: 'pending',
        message: { text: 'Sudah waktunya laporan mingguan' },
      }),
    ]);
  });

  it('gives up after the last attempt when the server keeps failing', async () => {
    standIn.failSendMessage(
      ...Array.from({ length: MAX_ATTEMPTS }, () => ({ code: 502, description: 'Bad Gateway' })),
    );
    const entry = await queue('6005', { text: 'Pesan yang tidak sampai' });
    expect(await settled(entry._id)).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      lastError: '502 Bad Gateway',
    });
    expect(attemptsOf('Pesan yang tidak sampai')).toBe(MAX_ATTEMPTS);
  });

  it('keeps a chat’s messages in order while the first one is being retried', async () => {
    standIn.failSendMessage(
      { code: 500, description: 'Internal Server Error' },
      { code: 500, description: 'Internal Server Error' },
    );
    const entries = [];
    for (const text of ['pertama', 'kedua', 'ketiga']) entries.push(await queue('6006', { text }));
    for (const entry of entries) await settled(entry._id);
    expect(standIn.sentTo(6006).map((message) => message.text)).toEqual(['pertama', 'kedua', 'ketiga']);
  });

  it('sends each message once when two instances share the outbox', async () => {
    await startInstance();
    const entries = [];
    for (let index = 0; index < 12; index++) {
      entries.push(await queue(`61${index % 4}`, { text: `pesan ${index}` }));
    }
    for (const entry of entries) expect(await settled(entry._id)).toMatchObject({ status: 'sent' });
    for (let index = 0; index < 12; index++) expect(attemptsOf(`pesan ${index}`)).toBe(1);
    for (let chat = 0; chat < 4; chat++) {
      const texts = standIn.sentTo(`61${chat}`).map((message) => message.text);
      expect(texts).toEqual([0, 1, 2].map((round) => `pesan ${round * 4 + chat}`));
    }
  });
});
