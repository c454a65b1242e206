import type { TelegramChannel } from '../../src/channels/telegram';
import { transcriptsKept } from '../../src/db/migrations/transcripts-kept';
import { queueOnce } from '../../src/db/outbox';
import {
  chatsOf,
  eraseHoldings,
  gatherHoldings,
  participantSubject,
  pruneMessageHistory,
  retentionCutoff,
} from '../../src/domain/privacy';
import { readTranscript, RECENT_LINES_HELD, type ChatLine } from '../../src/domain/transcripts';
import type { InboundMessage } from '../../src/engine/messages';
import { BotApiStandIn, eventually, startTelegramSender } from '../support/bot-api-stand-in';
import { testConversationService } from '../support/conversations';
import { capturedLog } from '../support/log';
import { siti } from '../support/participants';
import { useWatchedDatabase } from '../support/watched-database';

/**
 * A chat's transcript is kept with the chat: the conversation's own lines are written with its state,
 * what the service sends on its own (a reminder, a broadcast) by the channel's sender into the chat's
 * log. A page reads a person's transcript by their chats' keys, so it costs the same after a year.
 */
const db = useWatchedDatabase();
const { logger } = capturedLog();
const PHONE = '+6281200004444';
const TELEGRAM_CHAT = '7004444';
/** The conversation's clock: real time, unless a test writes from the past. */
let past: Date | undefined;
const clock = () => past ?? new Date();

let standIn: BotApiStandIn;
let telegram: TelegramChannel;
let sitiId = '';
let counter = 0;

const written = (phone: string, text: string): InboundMessage => ({
  channel: 'simulator',
  chatId: phone,
  platformMessageId: `t${++counter}`,
  receivedAt: clock(),
  text,
});

async function sendOnTelegram(dedupeKey: string, text: string) {
  await queueOnce(db.models, {
    dedupeKey,
    channel: 'telegram',
    chatId: TELEGRAM_CHAT,
    message: { text },
    dueAt: new Date(),
  });
  await eventually(async () => {
    const entry = await db.models.outbox.findById(dedupeKey, { status: 1 }).lean();
    return entry?.status === 'sent' || entry?.status === 'failed';
  });
}

const sitiChats = () => chatsOf(PHONE, { telegramUserId: TELEGRAM_CHAT });

beforeAll(async () => {
  standIn = await BotApiStandIn.start();
  telegram = await startTelegramSender(standIn, {
    models: db.models,
    logger,
    clock: () => new Date(),
    sender: { maxAttempts: 1, baseRetryDelayMs: 20 },
    limits: { perSecond: 30, perChatIntervalMs: 10 },
  });
  const participant = await db.models.participants.create(
    siti(PHONE, { consentedOn: 'simulator', telegramUserId: TELEGRAM_CHAT }),
  );
  sitiId = String(participant._id);
});

afterAll(async () => {
  await telegram?.stop();
  await standIn?.close();
});

describe('a chat transcript read by key', () => {
  it('holds the turns and what was sent on its own, failures marked, never a sign-in code', async () => {
    const service = testConversationService(db.models, clock, logger);
    await service.receive(written(PHONE, 'halo'));
    await service.receive(written(PHONE, 'NIK saya 3204123456780001'));
    await sendOnTelegram(
      'weekly-report-reminder:siti:2026-W49:first',
      'Bapak/Ibu, jangan lupa lapor minggu ini.',
    );
    standIn.failSendMessage({ code: 403, description: 'Forbidden: bot was blocked by the user' });
    await sendOnTelegram('broadcast:pelatihan:siti', 'Pelatihan pemasaran hari Kamis.');
    await sendOnTelegram('sign-in-code:abc', 'Kode masuk Pendamping: 123456.');

    let lines: Awaited<ReturnType<typeof readTranscript>> = [];
    const used = await db.commandsOf(async () => {
      lines = await readTranscript(db.models, sitiChats(), { part: 'whole' });
    });

    const said = lines.map((line) => `${line.direction} ${line.channel}${line.failed ? ' failed' : ''}`);
    expect(said[0]).toBe('in simulator');
    expect(lines[0]?.text).toBe('halo');
    expect(said.slice(-2)).toEqual(['out telegram', 'out telegram failed']);
    expect(lines.at(-2)?.text).toBe('Bapak/Ibu, jangan lupa lapor minggu ini.');
    expect(lines.filter((line) => line.direction === 'in').map((line) => line.text)).toEqual([
      'halo',
      expect.stringMatching(/^NIK saya (?!3204123456780001)/),
    ]);
    expect(
      lines.filter((line) => line.direction === 'out' && line.channel === 'simulator').length,
    ).toBeGreaterThan(1);
    expect(JSON.stringify(lines)).not.toContain('123456.');

    // By the chats' keys, and the list of failures; never the history of messages.
    expect(used.filter((command) => !command.keyed).map((command) => command.collection)).toEqual([
      'outbox_failures',
    ]);
    expect(used.map((command) => command.collection)).not.toContainEqual(
      expect.stringMatching(/^(inbound_messages|outbox)$/),
    );
  });

  it('keeps only the latest lines of a long chat, in order', async () => {
    const service = testConversationService(db.models, clock, logger);
    const phone = '+6281200004445';
    await db.models.participants.create(siti(phone, { consentedOn: 'simulator' }));
    for (let index = 1; index <= 120; index++) await service.receive(written(phone, `pesan ${index}`));

    const lines = await readTranscript(db.models, chatsOf(phone), { part: 'whole' });
    expect(lines).toHaveLength(50);
    const mine = lines.filter((line) => line.direction === 'in').map((line) => line.text);
    expect(mine.at(-1)).toBe('pesan 120');
    expect(mine).not.toContain('pesan 1');
    // The message path pushes a turn's lines without reading them, and trims to the latest 50 once
    // more than RECENT_LINES_HELD would be kept (once a request for a person is open, a message gets no
    // reply: at least 120 lines are said here, so they were trimmed).
    const conversation = await db.models.conversations
      .findById(`simulator:${phone}`, { recent: 1, recentCount: 1 })
      .lean();
    const held = conversation?.recent as ChatLine[];
    expect(held.length).toBeGreaterThan(50);
    expect(held.length).toBeLessThanOrEqual(RECENT_LINES_HELD);
    expect(conversation?.recentCount).toBe(held.length);
    expect(held.filter((line) => line.direction === 'in').at(-1)?.text).toBe('pesan 120');
    expect(held.map((line) => line.text)).not.toContain('pesan 1');
  });

  it('reads a conversation without its lines on the message path', async () => {
    const service = testConversationService(db.models, clock, logger);
    const phone = '+6281200004448';
    await db.models.participants.create(siti(phone, { consentedOn: 'simulator' }));
    await service.receive(written(phone, 'halo'));
    const commands = await db.commandsOf(() => service.receive(written(phone, 'apa kabar')));
    const reads = commands.filter(
      (command) => command.name === 'find' && command.collection === 'conversations',
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]?.projection).toEqual({ recent: 0 });
  });

  it('drops lines past the retention from quiet chats and logs, and keeps the rest', async () => {
    const service = testConversationService(db.models, clock, logger);
    const phone = '+6281200004446';
    await db.models.participants.create(siti(phone, { consentedOn: 'simulator' }));
    past = new Date(Date.now() - 800 * 24 * 3_600_000);
    await service.receive(written(phone, 'halo dari dulu'));
    past = undefined;

    const pruned = await pruneMessageHistory(db.models, retentionCutoff(new Date(), 24));
    expect(pruned.transcriptLines).toBeGreaterThan(1);
    expect(await readTranscript(db.models, chatsOf(phone), { part: 'whole' })).toEqual([]);
    expect((await readTranscript(db.models, sitiChats(), { part: 'whole' })).length).toBeGreaterThan(4);
  });

  it('is built once from the history a database already holds', async () => {
    const chatId = '+6281200004447';
    const at = (minute: number) => new Date(Date.UTC(2026, 9, 1, 2, minute));
    await db.models.inboundMessages.insertMany([
      {
        channel: 'simulator',
        platformMessageId: 'old-1',
        chatId,
        receivedAt: at(1),
        payload: { text: 'halo' },
      },
      {
        channel: 'simulator',
        platformMessageId: 'old-2',
        chatId,
        receivedAt: at(3),
        payload: { complaintUpdate: { kind: 'reply' } },
      },
      {
        channel: 'simulator',
        platformMessageId: 'old-3',
        chatId,
        receivedAt: at(5),
        payload: { choice: 'complaint' },
      },
    ]);
    const sent = (key: string, minute: number, text: string, status = 'sent') => ({
      _id: key,
      dedupeKey: key,
      channel: 'simulator',
      chatId,
      message: { text },
      dueAt: at(minute),
      sentAt: at(minute),
      status,
      attempts: 1,
    });
    await db.models.outbox.insertMany([
      sent('reply:simulator:old-1:0', 2, 'Ada yang bisa kami bantu?'),
      sent('reply:simulator:old-2:0', 4, 'Pengaduan Bapak/Ibu dijawab.'),
      sent('weekly-report-reminder:old:2026-W40:first', 0, 'Jangan lupa lapor.'),
      sent('broadcast:old:1', 6, 'Pelatihan Kamis.', 'failed'),
      sent('sign-in-code:old', 7, 'Kode masuk Pendamping: 654321.'),
    ]);

    await transcriptsKept.run(db.models);

    const lines = await readTranscript(db.models, [{ channel: 'simulator', chatId }], { part: 'whole' });
    expect(
      lines.map((line) => `${line.direction} ${line.text ?? line.choice}${line.failed ? ' (failed)' : ''}`),
    ).toEqual([
      'out Jangan lupa lapor.',
      'in halo',
      'out Ada yang bisa kami bantu?',
      'out Pengaduan Bapak/Ibu dijawab.',
      'in complaint',
      'out Pelatihan Kamis. (failed)',
    ]);
  });

  it('is erased with the participant', async () => {
    const subject = await participantSubject(db.models, sitiId);
    if (!subject) throw new Error('Siti was not found');
    const holdings = await gatherHoldings(db.models, subject);
    expect(holdings.chatLogs).toEqual([`telegram:${TELEGRAM_CHAT}`]);
    await eraseHoldings(db.models, holdings, new Date());

    expect(await readTranscript(db.models, sitiChats(), { part: 'whole' })).toEqual([]);
    expect(await db.models.chatLogs.findById(`telegram:${TELEGRAM_CHAT}`).lean()).toBeNull();
  });
});
