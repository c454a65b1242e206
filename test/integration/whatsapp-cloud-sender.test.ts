import { gridFsMediaStore } from '../../src/db/media-store';
import { createWhatsAppCloudChannel, type WhatsAppCloudChannel } from '../../src/channels/whatsapp-cloud';
import { queueOnce } from '../../src/db/outbox';
import type { OutboundMessage } from '../../src/engine/messages';
import { createLogger } from '../../src/log';
import { eventually } from '../support/bot-api-stand-in';
import { useTestDatabase } from '../support/database';
import {
  GraphApiStandIn,
  STAND_IN_APP_SECRET,
  STAND_IN_PHONE_NUMBER_ID,
  STAND_IN_TOKEN,
} from '../support/graph-api-stand-in';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date();
const MAX_ATTEMPTS = 4;
const HOUR = 60 * 60 * 1000;

let standIn: GraphApiStandIn;
let channel: WhatsAppCloudChannel;

beforeAll(async () => {
  standIn = await GraphApiStandIn.start();
  channel = createWhatsAppCloudChannel({
    token: STAND_IN_TOKEN,
    phoneNumberId: STAND_IN_PHONE_NUMBER_ID,
    appSecret: STAND_IN_APP_SECRET,
    verifyToken: 'verifikasi-pendamping-2026',
    apiRoot: standIn.apiRoot,
    // A reminder template only: digests outside the window have none.
    templates: { reminder: 'pengingat_prokus', language: 'id' },
    models: db.models,
    conversations: {
      accept: () => Promise.reject(new Error('no inbound in these tests')),
      drain: () => Promise.resolve(),
    },
    logger,
    clock,
    // Short waits, so that several attempts fit in a test (the limiter's own tests hold WhatsApp's
    // real limits); what counts here is what is sent, how often, and what is recorded.
    limits: { perChatIntervalMs: 50 },
    rateLimitWaits: { throughputMs: 100, pairMs: 200 },
    sender: { maxAttempts: MAX_ATTEMPTS, baseRetryDelayMs: 20 },
  });
  await channel.start();
});

afterAll(async () => {
  await channel?.stop();
  await standIn?.close();
});

/** The person wrote `hoursAgo` hours ago: the 24-hour window runs from then. */
async function lastWrote(waId: string, hoursAgo: number) {
  const at = new Date(Date.now() - hoursAgo * HOUR);
  await db.models.conversations.updateOne(
    { _id: `whatsapp-cloud:${waId}` },
    { $set: { channel: 'whatsapp-cloud', chatId: waId, lastActivityAt: at, lastWrittenAt: at } },
    { upsert: true },
  );
}

let keys = 0;
async function queue(waId: string, message: OutboundMessage, dedupeKey = `reply:test-${++keys}:0`) {
  await queueOnce(db.models, {
    dedupeKey,
    channel: 'whatsapp-cloud',
    chatId: waId,
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

const attemptsTo = (waId: string) => standIn.attempts.filter((attempt) => attempt.to === waId).length;

describe('sending the WhatsApp Cloud API outbox, against a Graph API stand-in', () => {
  it('sends a question as reply buttons and records WhatsApp’s id of the message', async () => {
    const waId = '6281200000401';
    await lastWrote(waId, 1);
    const entry = await queue(waId, {
      text: 'Apakah sudah benar?',
      choices: [
        { id: 'yes', label: 'Ya' },
        { id: 'no', label: 'Tidak' },
      ],
    });
    const sent = await settled(entry._id);
    const [delivered] = standIn.sentTo(waId);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, platformMessageId: delivered?.wamid });
    expect(delivered?.body.interactive).toEqual({
      type: 'button',
      body: { text: 'Apakah sudah benar?' },
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'yes', title: 'Ya' } },
          { type: 'reply', reply: { id: 'no', title: 'Tidak' } },
        ],
      },
    });
  });

  it('sends a stored chart as an uploaded photo before the text, and not again when the text is retried', async () => {
    const waId = '6281200000409';
    await lastWrote(waId, 1);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(300, 1)]);
    const mediaId = await gridFsMediaStore(db.connection).save('digest-chart:test-409', png, 'image/png');
    // The text after the photo fails once: the retry sends the text only.
    standIn.failSend({ status: 500, code: 1, message: 'An unknown error has occurred.', type: 'text' });
    const entry = await queue(waId, {
      text: 'Ringkasan pendampingan minggu 2026-W47\n1. Siti: belum lapor',
      image: { mediaId, mimeType: 'image/png' },
    });
    const sent = await settled(entry._id);
    const [photo, text, ...more] = standIn.sentTo(waId);
    expect(more).toEqual([]);
    expect(photo?.body.image?.caption).toBe('Ringkasan pendampingan minggu 2026-W47');
    const upload = standIn.uploads.get(photo?.body.image?.id ?? '');
    expect(upload).toMatchObject({ mimeType: 'image/png', fileName: 'gambar.png' });
    expect(upload?.bytes.equals(png)).toBe(true);
    expect(text?.body.text?.body).toContain('1. Siti: belum lapor');
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, partsSent: 1, platformMessageId: text?.wamid });
  });

  it('sends a digest too long for an interactive body as its text, then its actions, each part once', async () => {
    const waId = '6281200000410';
    await lastWrote(waId, 1);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(300, 2)]);
    const mediaId = await gridFsMediaStore(db.connection).save('digest-chart:test-410', png, 'image/png');
    const ranking = Array.from(
      { length: 40 },
      (_, index) => `${index + 1}. Peserta ${index + 1}: belum lapor`,
    );
    const digest = ['Ringkasan pendampingan minggu 47', 'Perlu perhatian (40):', ...ranking].join('\n');
    expect(digest.length).toBeGreaterThan(1024);
    // The actions after the photo and the text fail once: the retry sends the actions only.
    standIn.failSend({
      status: 500,
      code: 1,
      message: 'An unknown error has occurred.',
      type: 'interactive',
    });
    const entry = await queue(waId, {
      text: digest,
      image: { mediaId, mimeType: 'image/png' },
      choices: [
        { id: 'nudge:aaaaaaaaaaaaaaaaaaaaaaaa', label: '🔔 Ingatkan Siti', typed: 'INGATKAN Siti Aminah' },
        { id: 'visit:aaaaaaaaaaaaaaaaaaaaaaaa', label: '📅 Kunjungi Siti', typed: 'KUNJUNGI Siti Aminah' },
      ],
    });
    const sent = await settled(entry._id);
    const [photo, text, actions, ...more] = standIn.sentTo(waId);
    expect(more).toEqual([]);
    expect(photo?.type).toBe('image');
    expect(text?.body.text?.body).toContain('40. Peserta 40: belum lapor');
    expect(text?.body.text?.body.split('\n').slice(-3)).toEqual([
      'Ketik:',
      '- INGATKAN Siti Aminah',
      '- KUNJUNGI Siti Aminah',
    ]);
    expect(actions?.body.interactive).toEqual({
      type: 'button',
      body: { text: 'Ringkasan pendampingan minggu 47' },
      action: {
        buttons: [
          { type: 'reply', reply: { id: 'nudge:aaaaaaaaaaaaaaaaaaaaaaaa', title: '🔔 Ingatkan Siti' } },
          { type: 'reply', reply: { id: 'visit:aaaaaaaaaaaaaaaaaaaaaaaa', title: '📅 Kunjungi Siti' } },
        ],
      },
    });
    expect(sent).toMatchObject({
      status: 'sent',
      attempts: 2,
      partsSent: 2,
      platformMessageId: actions?.wamid,
    });
  });

  it('waits after the pair rate limit (131056), then delivers exactly once', async () => {
    const waId = '6281200000402';
    await lastWrote(waId, 1);
    standIn.failSend({
      status: 400,
      code: 131056,
      message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
    });
    const entry = await queue(waId, { text: 'Berapa omzet minggu ini?' });
    expect(await settled(entry._id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: expect.stringContaining('131056'),
    });
    expect(attemptsTo(waId)).toBe(2);
    expect(standIn.sentTo(waId)).toHaveLength(1);
  });

  it('waits after the throughput limit (130429), then delivers exactly once', async () => {
    const waId = '6281200000403';
    await lastWrote(waId, 1);
    standIn.failSend({ status: 400, code: 130429, message: '(#130429) Rate limit hit' });
    const entry = await queue(waId, { text: 'Terima kasih, laporan sudah tersimpan.' });
    expect(await settled(entry._id)).toMatchObject({
      status: 'sent',
      lastError: expect.stringContaining('130429'),
    });
    expect(attemptsTo(waId)).toBe(2);
    expect(standIn.sentTo(waId)).toHaveLength(1);
  });

  it('retries server errors with backoff and delivers exactly once', async () => {
    const waId = '6281200000404';
    await lastWrote(waId, 1);
    standIn.failSend(
      { status: 500, code: 131000, message: 'Something went wrong' },
      { status: 503, code: 2, message: 'Service temporarily unavailable' },
    );
    const entry = await queue(waId, { text: 'Jadwal pendampingan besok' });
    expect(await settled(entry._id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(attemptsTo(waId)).toBe(3);
    expect(standIn.sentTo(waId)).toHaveLength(1);
  });

  it('marks a message failed, with WhatsApp’s reason, when it is refused for good', async () => {
    const waId = '6281200000405';
    await lastWrote(waId, 1);
    standIn.failSend({ status: 400, code: 131051, message: 'Unsupported message type' });
    const entry = await queue(waId, { text: 'Pesan yang tidak sampai' });
    expect(await settled(entry._id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: '400 (#131051) Unsupported message type',
    });
    expect(attemptsTo(waId)).toBe(1);
  });

  it('sends a reminder through the configured template to someone silent for more than 24 hours', async () => {
    const waId = '6281200000406';
    await lastWrote(waId, 25);
    const entry = await queue(
      waId,
      { text: 'Halo Bu Siti, laporan minggu ini belum masuk.\nBalas 1 untuk mulai.' },
      'weekly-report-reminder:p406:2026-W48:1',
    );
    expect(await settled(entry._id)).toMatchObject({ status: 'sent' });
    const [sent] = standIn.sentTo(waId);
    expect(sent?.type).toBe('template');
    expect(sent?.body.template).toEqual({
      name: 'pengingat_prokus',
      language: { code: 'id' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Halo Bu Siti, laporan minggu ini belum masuk. · Balas 1 untuk mulai.' },
          ],
        },
      ],
    });

    // Someone who never wrote at all is outside the window too.
    const never = await queue('6281200000407', { text: 'Pengingat tabungan' }, 'savings-nudge:p407:2026-W48');
    expect(await settled(never._id)).toMatchObject({ status: 'sent' });
    expect(standIn.sentTo('6281200000407')[0]?.type).toBe('template');
  });

  it('answers a first message freely while its conversation is not yet written (a crash came in between)', async () => {
    const waId = '6281200000420';
    const key = 'whatsapp-cloud:wamid.first-420';
    await db.models.inboundMessages.create({
      _id: key,
      channel: 'whatsapp-cloud',
      platformMessageId: 'wamid.first-420',
      chatId: waId,
      receivedAt: new Date(),
    });
    const entry = await queue(waId, { text: 'Ada yang bisa kami bantu?' }, `reply:${key}:0`);
    expect(await settled(entry._id)).toMatchObject({ status: 'sent' });
    expect(standIn.sentTo(waId).map((sent) => sent.type)).toEqual(['text']);
  });

  it('marks a digest failed with the reason when no template for it is configured, sending nothing', async () => {
    const waId = '6281200000408';
    await lastWrote(waId, 30);
    const entry = await queue(waId, { text: 'Ringkasan minggu 2026-W47\n...' }, 'digest:m408:2026-W47');
    expect(await settled(entry._id)).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('WHATSAPP_CLOUD_DIGEST_TEMPLATE'),
    });
    expect(attemptsTo(waId)).toBe(0);
  });
});
