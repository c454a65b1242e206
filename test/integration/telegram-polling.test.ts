import { mongo } from 'mongoose';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram';
import { questionToken } from '../../src/engine/conversation/question-token';
import type { InboundMessage } from '../../src/engine/messages';
import { createLogger } from '../../src/log';
import {
  BotApiStandIn,
  buttonUpdate,
  eventually,
  messageUpdate,
  STAND_IN_BOT,
} from '../support/bot-api-stand-in';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { capturedLog } from '../support/log';
import { reportLastWeek, siti } from '../support/participants';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date();
const MAX_PHOTO_BYTES = 64 * 1024;

let standIn: BotApiStandIn;
let channel: TelegramChannel;
/** How many of the next stores fail, as when the database is briefly away. */
let failingStores = 0;

beforeAll(async () => {
  standIn = await BotApiStandIn.start();
  const conversations = testConversationService(db.models, clock, logger);
  channel = createTelegramChannel({
    token: standIn.token,
    apiRoot: standIn.apiRoot,
    models: db.models,
    conversations: {
      accept: (inbound: InboundMessage) => {
        if (failingStores > 0) {
          failingStores--;
          return Promise.reject(new Error('database unavailable'));
        }
        return conversations.accept(inbound);
      },
      drain: (channelName: string, chatId: string) => conversations.drain(channelName, chatId),
    },
    logger,
    clock,
    botInfo: STAND_IN_BOT,
    maxPhotoBytes: MAX_PHOTO_BYTES,
  });
  await channel.start();
});

afterAll(async () => {
  await channel?.stop();
  await standIn?.close();
});

async function registerParticipant(phone: string, telegramUserId?: number) {
  const participant = await db.models.participants.create(
    siti(phone, { consentedOn: 'telegram', telegramUserId }),
  );
  await reportLastWeek(db.models, participant._id);
  return participant;
}

/** The messages the bot has sent to `userId` once there are at least `count`. */
const repliesTo = (userId: number, count: number) =>
  eventually(() => standIn.sentTo(userId).length >= count && standIn.sentTo(userId), {
    what: `${count} replies to ${userId}`,
  });

/** The token the menu's question sends with its buttons. */
const MENU_QUESTION = questionToken('menu', 'choose');

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);

describe('the Telegram channel in long polling, against a Bot API stand-in', () => {
  it('sets its commands in Indonesian and English, and staff commands for groups, and polls without dropping pending updates', async () => {
    const commands = standIn.callsOf('setMyCommands');
    expect(commands.map((call) => call.params.language_code)).toEqual([undefined, 'en', undefined]);
    expect(commands[2]?.params).toMatchObject({
      scope: { type: 'all_group_chats' },
      commands: expect.arrayContaining([expect.objectContaining({ command: 'ambil' })]),
    });
    expect(commands[0]?.params.commands).toEqual(
      expect.arrayContaining([expect.objectContaining({ command: 'bantuan' })]),
    );
    expect(standIn.callsOf('deleteWebhook')[0]?.params.drop_pending_updates).not.toBe(true);
    const poll = await eventually(() => standIn.callsOf('getUpdates')[0]);
    expect(poll.params.allowed_updates).toEqual(['message', 'callback_query']);
  });

  it('answers a registered participant’s "halo" with the menu as buttons, and takes a tap as the choice', async () => {
    await registerParticipant('+6281200000101', 1001);
    standIn.queueUpdate(messageUpdate(1001, { text: 'halo' }));
    const [menu] = await repliesTo(1001, 1);
    expect(menu?.text).toContain('Ada yang bisa kami bantu');
    expect(menu?.text).toContain('1. Laporan mingguan');
    expect(menu?.replyMarkup?.inline_keyboard).toHaveLength(8);
    // Each button carries the token of its question, then the option's id.
    expect(menu?.replyMarkup?.inline_keyboard?.[0]).toEqual([
      { text: 'Laporan mingguan', callback_data: `${MENU_QUESTION}/weekly_report` },
    ]);

    const tap = standIn.queueUpdate(buttonUpdate(1001, `${MENU_QUESTION}/weekly_report`));
    const replies = await repliesTo(1001, 2);
    expect(replies[1]?.text).toContain('Berapa omzet');
    await eventually(() =>
      standIn
        .callsOf('answerCallbackQuery')
        .some((call) => call.params.callback_query_id === tap.callback_query?.id),
    );
  });

  it('answers a tap on an earlier question’s button by saying so and asking the current question again', async () => {
    await registerParticipant('+6281200000111', 1011);
    standIn.queueUpdate(messageUpdate(1011, { text: 'halo' }));
    const [menu] = await repliesTo(1011, 1);
    const reportButton = menu?.replyMarkup?.inline_keyboard?.[0]?.[0]?.callback_data ?? '';
    standIn.queueUpdate(buttonUpdate(1011, reportButton));
    const question = (await repliesTo(1011, 2))[1]?.text ?? '';
    expect(question).not.toContain('Ada yang bisa kami bantu');

    // The menu's button again, now that the report's first question is asked; then one sent before
    // buttons carried their question, with the id alone.
    standIn.queueUpdate(buttonUpdate(1011, reportButton));
    const again = (await repliesTo(1011, 3))[2];
    standIn.queueUpdate(buttonUpdate(1011, 'weekly_report'));
    const legacy = (await repliesTo(1011, 4))[3];
    for (const reply of [again, legacy]) {
      expect(reply?.text).toBe(`Tombol itu untuk pertanyaan sebelumnya.\n\n${question}`);
      expect(reply?.text).not.toContain('weekly_report');
    }
    const conversation = await db.models.conversations.findById('telegram:1011').lean();
    expect(conversation?.flow).toMatchObject({ flowId: 'weekly-report', attempts: 0 });
  });

  it('handles a chat’s quick messages one by one, in the order they were written', async () => {
    await registerParticipant('+6281200000102', 1002);
    for (const text of ['halo', '1', '1jt']) standIn.queueUpdate(messageUpdate(1002, { text }));
    const replies = await repliesTo(1002, 3);
    expect(replies.map((reply) => reply.text.split('\n')[0])).toEqual([
      expect.stringContaining('Ada yang bisa kami bantu'),
      expect.stringContaining('omzet'),
      expect.stringContaining('belanja'),
    ]);
  });

  it('keeps trying to store an update while the database is away, instead of skipping it', async () => {
    await registerParticipant('+6281200000107', 1007);
    failingStores = 2;
    standIn.queueUpdate(messageUpdate(1007, { text: 'halo' }));
    const [menu] = await repliesTo(1007, 1);
    expect(menu?.text).toContain('Ada yang bisa kami bantu');
    expect(failingStores).toBe(0);
    expect(await db.models.inboundMessages.countDocuments({ chatId: '1007' })).toBe(1);
  });

  it('links an unknown Telegram account that shares its own number, and the conversation goes on', async () => {
    const participant = await registerParticipant('+6281200000103');
    standIn.queueUpdate(messageUpdate(2002, { text: 'halo' }));
    const [welcome] = await repliesTo(2002, 1);
    expect(welcome?.text).toContain('Bagikan nomor HP');
    expect(welcome?.replyMarkup?.keyboard?.[0]?.[0]).toMatchObject({ request_contact: true });

    standIn.queueUpdate(
      messageUpdate(2002, { contact: { phone_number: '6281200000103', first_name: 'Siti', user_id: 2002 } }),
    );
    const replies = await repliesTo(2002, 2);
    expect(replies[1]?.text).toContain('Ada yang bisa kami bantu');
    const linked = await db.models.participants.findById(participant._id).lean();
    expect(linked?.channels?.telegramUserId).toBe('2002');
  });

  it('links nothing for a contact of someone else, and asks for the sender’s own number with the button', async () => {
    const participant = await registerParticipant('+6281200000104');
    standIn.queueUpdate(
      messageUpdate(3003, { contact: { phone_number: '+6281200000104', first_name: 'Siti', user_id: 4004 } }),
    );
    const [reply] = await repliesTo(3003, 1);
    expect(reply?.text).toMatch(/^Itu nomor orang lain\. .*nomor Bapak\/Ibu sendiri/);
    expect(reply?.text).not.toContain('belum terdaftar');
    expect(reply?.replyMarkup?.keyboard?.[0]?.[0]).toMatchObject({ request_contact: true });
    const untouched = await db.models.participants.findById(participant._id).lean();
    expect(untouched?.channels?.telegramUserId).toBeUndefined();
  });

  it('stores a photo’s largest size in GridFS and hands its id on with the message', async () => {
    await registerParticipant('+6281200000105', 1005);
    standIn.addFile('photo-large', JPEG);
    const update = messageUpdate(1005, {
      caption: 'nota',
      photo: [
        { file_id: 'photo-small', file_unique_id: 'uniq-small', width: 90, height: 90, file_size: 100 },
        {
          file_id: 'photo-large',
          file_unique_id: 'uniq-large',
          width: 800,
          height: 800,
          file_size: JPEG.length,
        },
      ],
    });
    standIn.queueUpdate(update);
    const stored = await eventually(() =>
      db.models.inboundMessages.findOne({ chatId: '1005', 'payload.text': 'nota' }).lean(),
    );
    const media = (stored.payload as { media?: { kind: string; fileId: string; bytes: number } }).media;
    expect(media).toMatchObject({ kind: 'photo', bytes: JPEG.length, mimeType: 'image/jpeg' });
    const file = await db.connection.db
      ?.collection('media.files')
      .findOne({ _id: new mongo.ObjectId(media?.fileId) });
    expect(file).toMatchObject({ filename: 'telegram:uniq-large', length: JPEG.length });
  });

  it('refuses a photo over the size limit before downloading it, and one that is not an image', async () => {
    await registerParticipant('+6281200000106', 1006);
    const huge = standIn.addFile('photo-huge', JPEG);
    // Its size as getFile states it is small; the bytes are not: the download stops at the limit.
    const understated = standIn.addFile(
      'photo-understated',
      Buffer.concat([JPEG, Buffer.alloc(MAX_PHOTO_BYTES)]),
      1000,
    );
    const exe = standIn.addFile('photo-exe', Buffer.from('MZ\x90\0 not a photo at all', 'latin1'));
    const photo = (fileId: string, fileSize: number, caption: string) =>
      messageUpdate(1006, {
        caption,
        photo: [
          { file_id: fileId, file_unique_id: `u-${fileId}`, width: 4000, height: 3000, file_size: fileSize },
        ],
      });
    standIn.queueUpdate(photo('photo-huge', MAX_PHOTO_BYTES + 1, 'besar'));
    standIn.queueUpdate(photo('photo-understated', 1000, 'bohong'));
    standIn.queueUpdate(photo('photo-exe', 30, 'exe'));
    for (const caption of ['besar', 'bohong', 'exe']) {
      const stored = await eventually(() =>
        db.models.inboundMessages.findOne({ chatId: '1006', 'payload.text': caption }).lean(),
      );
      expect((stored.payload as { media?: unknown }).media).toBeUndefined();
    }
    expect(standIn.callsOf('getFile').map((call) => call.params.file_id)).not.toContain('photo-huge');
    expect(standIn.downloads).not.toContain(huge);
    expect(standIn.downloads).toEqual(expect.arrayContaining([understated, exe]));
    expect(await db.connection.db?.collection('media.files').countDocuments({ filename: /photo-/ })).toBe(0);
  });
});

describe('stopping while Telegram is out of reach', () => {
  it('stops cleanly, saying its last updates will come again', async () => {
    const unreachable = await BotApiStandIn.start();
    const log = capturedLog();
    const polling = createTelegramChannel({
      token: unreachable.token,
      apiRoot: unreachable.apiRoot,
      models: db.models,
      conversations: testConversationService(db.models, clock, log.logger),
      logger: log.logger,
      clock,
      botInfo: STAND_IN_BOT,
    });
    await polling.start();
    await eventually(() => unreachable.callsOf('getUpdates').length > 0);
    await unreachable.close();
    await expect(polling.stop()).resolves.toBeUndefined();
    expect(log.lines.join('')).toContain('Telegram unreachable while stopping');
  });
});
