import { hideSecrets, redactText } from '../../src/log';
import { capturedLog } from '../support/log';

describe('log redaction', () => {
  it.each([
    'nomor saya 0812-3456-7890 ya',
    'nomor saya +62 812 3456 7890 ya',
    'nomor saya 6281234567890 ya',
    'nomor saya 08123456789 ya',
  ])('masks the phone in %j', (text) => {
    expect(redactText(text)).toBe('nomor saya [PHONE] ya');
  });

  it.each(['NIK 3217061505800001.', 'NIK 321706 150580 0001.', 'NIK 321706-150580-0001.'])(
    'masks the NIK in %j',
    (text) => {
      expect(redactText(text)).toBe('NIK [NIK].');
    },
  );

  it('leaves amounts, dates and ids alone', () => {
    const text = 'omzet Rp 1.500.000 minggu 2026-W48, id 6b0b91da4d82f277be565b5b, jam 16:00';
    expect(redactText(text)).toBe(text);
  });

  it('redacts messages and fields of every log record', () => {
    const { lines, logger } = capturedLog();
    logger.info(
      { from: '+6281234567890', body: { text: 'NIK saya 3217061505800001' }, chat: 6281234567890 },
      'pesan dari 0812-3456-7890',
    );
    logger.error(new Error('duplicate key phone: "+6281234567890"'), 'import failed');
    const output = lines.join('');
    expect(output).not.toMatch(/81234567890|3217061505800001/);
    expect(output).toContain('[PHONE]');
    expect(output).toContain('[NIK]');
  });

  it("masks a Telegram bot token, also inside a Bot API address, and the configuration's secrets", () => {
    const token = `7012345678:AAH${'x9_Z-'.repeat(7)}`;
    expect(redactText(`POST https://api.telegram.org/bot${token}/sendMessage failed`)).toBe(
      'POST https://api.telegram.org/bot[SECRET]/sendMessage failed',
    );
    hideSecrets(['rahasia-webhook-0123456789', 'short', undefined]);
    expect(redactText('header rahasia-webhook-0123456789 refused')).toBe('header [SECRET] refused');
    // Too short to be one of the configuration's secrets: left alone.
    expect(redactText('status short')).toBe('status short');
  });

  it('masks secrets in the fields of an error logged whole, as a grammY error carries its bot', () => {
    const { lines, logger } = capturedLog();
    const token = `7012345678:AAH${'x9_Z-'.repeat(7)}`;
    logger.error({ err: { error: 'timeout', ctx: { api: { token } } } }, 'update lost');
    expect(lines.join('')).not.toContain(token);
    expect(lines.join('')).toContain('[SECRET]');
  });
});
