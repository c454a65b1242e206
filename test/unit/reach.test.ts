import { chatTargetOf } from '../../src/domain/reminders/reach';

describe('where a reminder goes', () => {
  const phone = '+6281200000301';

  it('prefers Telegram, then the Cloud API number the person wrote to, then WhatsApp Web', () => {
    const all = {
      telegramUserId: '5001',
      whatsappCloudId: '6281200000301',
      whatsappId: '6281200000301@c.us',
    };
    expect(chatTargetOf({ phone, channels: all })).toMatchObject({ channel: 'telegram', chatId: '5001' });
    expect(chatTargetOf({ phone, channels: { ...all, telegramUserId: null } })).toMatchObject({
      channel: 'whatsapp-cloud',
      chatId: '6281200000301',
    });
    expect(chatTargetOf({ phone, channels: { whatsappId: '6281200000301@c.us' } })).toEqual({
      channel: 'whatsapp-web',
      chatId: '6281200000301@c.us',
    });
  });

  it('goes first to the app the person last wrote from, with the others as fallbacks in order', () => {
    const channels = {
      telegramUserId: '5001',
      whatsappCloudId: '6281200000301',
      whatsappId: '6281200000301@c.us',
    };
    expect(chatTargetOf({ phone, channels })).toEqual({
      channel: 'telegram',
      chatId: '5001',
      fallbacks: [
        { channel: 'whatsapp-cloud', chatId: '6281200000301' },
        { channel: 'whatsapp-web', chatId: '6281200000301@c.us' },
      ],
    });
    expect(chatTargetOf({ phone, channels: { ...channels, lastUsed: 'whatsapp-web' } })).toEqual({
      channel: 'whatsapp-web',
      chatId: '6281200000301@c.us',
      fallbacks: [
        { channel: 'telegram', chatId: '5001' },
        { channel: 'whatsapp-cloud', chatId: '6281200000301' },
      ],
    });
    // An app they no longer have on record is no target, even if they last used it.
    expect(chatTargetOf({ phone, channels: { telegramUserId: '5001', lastUsed: 'whatsapp-web' } })).toEqual({
      channel: 'telegram',
      chatId: '5001',
    });
  });

  it('goes nowhere without a chat app, unless the simulator shows it', () => {
    expect(chatTargetOf({ phone, channels: {} })).toBeUndefined();
    expect(chatTargetOf({ phone }, 'simulator')).toEqual({ channel: 'simulator', chatId: phone });
  });
});
