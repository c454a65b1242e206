import type { Update } from 'grammy/types';
import { renderReply, SHARE_CONTACT_LABEL } from '../../src/channels/telegram/replies';
import { readUpdate } from '../../src/channels/telegram/updates';

/** Payloads shaped as the Bot API sends them (ids and names invented). */
const from = { id: 5512345678, is_bot: false, first_name: 'Siti', last_name: 'Aminah', language_code: 'id' };
const chat = { id: 5512345678, first_name: 'Siti', last_name: 'Aminah', type: 'private' as const };
const date = 1_795_939_200; // 2026-11-28T07:20:00Z
const now = new Date('2026-11-28T09:00:00Z');

const textUpdate: Update = {
  update_id: 918273645,
  message: { message_id: 42, from, chat, date, text: 'halo' },
};

describe('a Telegram update becomes one inbound message', () => {
  it('reads a text message, with an id that is the same however often Telegram re-sends it', () => {
    const arrival = readUpdate(textUpdate, now);
    expect(arrival).toEqual({
      inbound: {
        channel: 'telegram',
        chatId: '5512345678',
        platformMessageId: 'm5512345678:42',
        receivedAt: new Date(date * 1000),
        text: 'halo',
      },
    });
    expect(readUpdate(structuredClone(textUpdate), new Date())?.inbound.platformMessageId).toBe(
      'm5512345678:42',
    );
  });

  it('keeps /start as a command when a deep link adds a payload', () => {
    const update: Update = {
      update_id: 1,
      message: {
        message_id: 1,
        from,
        chat,
        date,
        text: '/start kode-undangan',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    };
    expect(readUpdate(update, now)?.inbound.text).toBe('/start');
  });

  it('reads the sender’s own contact as a proven phone number', () => {
    const update: Update = {
      update_id: 2,
      message: {
        message_id: 43,
        from,
        chat,
        date,
        contact: { phone_number: '6281234567890', first_name: 'Siti', last_name: 'Aminah', user_id: from.id },
      },
    };
    const arrival = readUpdate(update, now);
    expect(arrival?.inbound.contact).toEqual({ phone: '+6281234567890', name: 'Siti Aminah', own: true });
    expect(arrival?.ownPhone).toBe('+6281234567890');
  });

  it('does not take someone else’s contact, or a contact without a Telegram account, as the sender’s number', () => {
    const contactOf = (userId?: number): Update => ({
      update_id: 3,
      message: {
        message_id: 44,
        from,
        chat,
        date,
        contact: {
          phone_number: '+62 812-3456-7891',
          first_name: 'Tetangga',
          ...(userId ? { user_id: userId } : {}),
        },
      },
    });
    expect(readUpdate(contactOf(999), now)).toMatchObject({
      inbound: { contact: { phone: '+6281234567891', own: false } },
    });
    expect(readUpdate(contactOf(999), now)?.ownPhone).toBeUndefined();
    expect(readUpdate(contactOf(), now)?.ownPhone).toBeUndefined();
  });

  it('picks the largest size of a photo and keeps its caption as text', () => {
    const update: Update = {
      update_id: 4,
      message: {
        message_id: 45,
        from,
        chat,
        date,
        caption: 'nota belanja',
        photo: [
          { file_id: 'AgAC-small', file_unique_id: 'AQAD-s', file_size: 1_290, width: 90, height: 67 },
          { file_id: 'AgAC-large', file_unique_id: 'AQAD-l', file_size: 98_204, width: 1280, height: 960 },
          { file_id: 'AgAC-medium', file_unique_id: 'AQAD-m', file_size: 20_377, width: 320, height: 240 },
        ],
      },
    };
    const arrival = readUpdate(update, now);
    expect(arrival?.photo).toEqual({ fileId: 'AgAC-large', fileUniqueId: 'AQAD-l', bytes: 98_204 });
    expect(arrival?.inbound.text).toBe('nota belanja');
    expect(arrival?.inbound.media).toBeUndefined();
  });

  it('reads a location', () => {
    const update: Update = {
      update_id: 5,
      message: { message_id: 46, from, chat, date, location: { latitude: -6.9411, longitude: 107.4532 } },
    };
    expect(readUpdate(update, now)?.inbound.location).toEqual({ latitude: -6.9411, longitude: 107.4532 });
  });

  it('reads a tapped inline button as the choice it names, dated when it arrives', () => {
    const update: Update = {
      update_id: 6,
      callback_query: {
        id: '4382bfdwdsb323b2d9',
        from,
        chat_instance: '-4720658137593421188',
        data: 'weekly_report',
        message: {
          message_id: 47,
          from: { id: 7000000001, is_bot: true, first_name: 'Pendamping', username: 'pendamping_bot' },
          chat,
          date,
          text: 'Ada yang bisa kami bantu, Bapak/Ibu?',
        },
      },
    };
    expect(readUpdate(update, now)).toEqual({
      inbound: {
        channel: 'telegram',
        chatId: '5512345678',
        platformMessageId: 'c4382bfdwdsb323b2d9',
        receivedAt: now,
        choice: 'weekly_report',
      },
      callbackQueryId: '4382bfdwdsb323b2d9',
    });
  });

  it('reads staff commands and replies to its own posts in a group, with who wrote them', () => {
    const groupChat = { id: -100123, type: 'supergroup' as const, title: 'Staf Puskesos' };
    const post = {
      message_id: 40,
      from: { id: 777, is_bot: true, first_name: 'Pendamping' },
      chat: groupChat,
      date,
      text: 'Pengaduan baru PGD-2026-000001\nKategori: pkh',
      reply_to_message: undefined,
    };
    const reply: Update = {
      update_id: 10,
      message: {
        message_id: 41,
        from,
        chat: groupChat,
        date,
        text: 'Sudah kami cek',
        reply_to_message: post,
      },
    };
    expect(readUpdate(reply, now)?.inbound).toMatchObject({
      chatId: '-100123',
      group: true,
      sender: { id: String(from.id) },
      text: 'Sudah kami cek',
      replyToText: post.text,
    });
    const command: Update = {
      update_id: 11,
      message: { message_id: 42, from, chat: groupChat, date, text: '/ambil@PendampingBot PGD-2026-000001' },
    };
    expect(readUpdate(command, now)?.inbound.text).toBe('/ambil@PendampingBot PGD-2026-000001');
  });

  it('ignores talk among group members, other bots and updates it did not ask for', () => {
    const group: Update = {
      update_id: 7,
      message: {
        message_id: 1,
        from,
        chat: { id: -100123, type: 'group', title: 'Kelompok' },
        date,
        text: 'halo',
      },
    };
    const bot: Update = {
      update_id: 8,
      message: { message_id: 2, from: { ...from, is_bot: true }, chat, date, text: 'halo' },
    };
    const edited: Update = { update_id: 9, edited_message: { ...textUpdate.message!, edit_date: date + 5 } };
    expect(readUpdate(group, now)).toBeUndefined();
    expect(readUpdate(bot, now)).toBeUndefined();
    expect(readUpdate(edited, now)).toBeUndefined();
  });
});

describe('a reply becomes sendMessage parameters', () => {
  it('shows choices as buttons under the message and keeps the numbered text', () => {
    const text = 'Ada yang bisa kami bantu, Bapak/Ibu?\n1. Laporan mingguan\n2. Perkembangan saya';
    const reply = renderReply({
      text,
      choices: [
        { id: 'weekly_report', label: 'Laporan mingguan' },
        { id: 'progress', label: 'Perkembangan saya' },
      ],
    });
    expect(reply).toEqual({
      text,
      reply_markup: {
        inline_keyboard: [
          [{ text: 'Laporan mingguan', callback_data: 'weekly_report' }],
          [{ text: 'Perkembangan saya', callback_data: 'progress' }],
        ],
      },
    });
  });

  it('ties each button to its question, and reads a tap back as the option and its question', () => {
    const reply = renderReply({
      text: 'Apakah sudah benar?',
      choices: [
        { id: 'yes', label: 'Ya' },
        { id: 'no', label: 'Tidak' },
      ],
      question: '0k3x9ab',
    });
    expect(reply.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: 'Ya', callback_data: '0k3x9ab/yes' }],
        [{ text: 'Tidak', callback_data: '0k3x9ab/no' }],
      ],
    });
    const tap = (data: string): Update => ({
      update_id: 11,
      callback_query: { id: '77', from, chat_instance: '-1', data, message: { message_id: 44, date, chat } },
    });
    expect(readUpdate(tap('0k3x9ab/yes'), now)?.inbound).toMatchObject({
      choice: 'yes',
      question: '0k3x9ab',
    });
    // A button sent before buttons carried their question: the id alone, as it was always read.
    const legacy = readUpdate(tap('weekly_report'), now)?.inbound;
    expect(legacy).toMatchObject({ choice: 'weekly_report' });
    expect(legacy?.question).toBeUndefined();
    // A long id still goes out as the option's number, with its question.
    const long = renderReply({
      text: 'Pilih',
      choices: [{ id: 'x'.repeat(60), label: 'Panjang' }],
      question: '0k3x9ab',
    });
    expect(long.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Panjang', callback_data: '0k3x9ab/1' }]],
    });
  });

  it('falls back to the option’s number when its id is too long for a button', () => {
    const reply = renderReply({ text: 'Pilih', choices: [{ id: 'x'.repeat(65), label: 'Panjang' }] });
    expect(reply.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Panjang', callback_data: '1' }]] });
  });

  it('asks for the number with a one-time contact button', () => {
    expect(renderReply({ text: 'Mohon kirim nomor HP', requestContact: true })).toEqual({
      text: 'Mohon kirim nomor HP',
      reply_markup: {
        keyboard: [[{ text: SHARE_CONTACT_LABEL, request_contact: true }]],
        one_time_keyboard: true,
        resize_keyboard: true,
      },
    });
  });

  it('removes a leftover keyboard from plain messages', () => {
    expect(renderReply({ text: 'Terima kasih, Bapak/Ibu.' })).toEqual({
      text: 'Terima kasih, Bapak/Ibu.',
      reply_markup: { remove_keyboard: true },
    });
  });
});
