import { splitForTelegram } from '../../src/channels/telegram/replies';
import { GrammyError, HttpError } from 'grammy';
import { imageTypeOf } from '../../src/channels/telegram/media';
import { SendRateLimiter } from '../../src/channels/telegram/rate-limiter';
import { classifySendFailure } from '../../src/channels/telegram/send-errors';
import { hasWebhookSecret } from '../../src/channels/telegram/webhook';

/** A clock the tests move by hand, in milliseconds. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (milliseconds: number) => (now += milliseconds) };
}

describe('the send rate limiter', () => {
  it('lets a chat get one message per second', () => {
    const clock = manualClock();
    const limiter = new SendRateLimiter({ perSecond: 30, perChatIntervalMs: 1000 });
    expect(limiter.waitFor('a', clock.now())).toBe(0);
    limiter.record('a', clock.now());
    expect(limiter.waitFor('a', clock.now())).toBe(1000);
    clock.advance(400);
    expect(limiter.waitFor('a', clock.now())).toBe(600);
    expect(limiter.waitFor('b', clock.now())).toBe(0);
    clock.advance(600);
    expect(limiter.waitFor('a', clock.now())).toBe(0);
  });

  it('sends at most 30 messages in any second over all chats', () => {
    const clock = manualClock();
    const limiter = new SendRateLimiter({ perSecond: 30, perChatIntervalMs: 1000 });
    for (let chat = 0; chat < 30; chat++) {
      expect(limiter.waitFor(`chat-${chat}`, clock.now())).toBe(0);
      limiter.record(`chat-${chat}`, clock.now());
      clock.advance(10);
    }
    // The 31st, 300 ms after the first: it waits until the first is a second old.
    expect(limiter.waitFor('chat-30', clock.now())).toBe(700);
    clock.advance(700);
    expect(limiter.waitFor('chat-30', clock.now())).toBe(0);
  });

  it('never lets more than the limits through in a simulated minute of eager sending', () => {
    const clock = manualClock();
    const limiter = new SendRateLimiter({ perSecond: 30, perChatIntervalMs: 1000 });
    const sends: { chat: string; at: number }[] = [];
    // 50 chats, each wanting a message every 5 ms: far more than Telegram allows.
    for (let tick = 0; tick < 12_000; tick++) {
      const chat = `chat-${tick % 50}`;
      if (limiter.waitFor(chat, clock.now()) === 0) {
        limiter.record(chat, clock.now());
        sends.push({ chat, at: clock.now() });
      }
      clock.advance(5);
    }
    // Every window of one second holds at most 30 messages (two pointers over the sorted times)...
    let windowStart = 0;
    for (let index = 0; index < sends.length; index++) {
      while ((sends[windowStart]?.at ?? 0) <= (sends[index]?.at ?? 0) - 1000) windowStart++;
      expect(index - windowStart + 1).toBeLessThanOrEqual(30);
    }
    // ...no chat gets two within a second, and the limit is used, not just respected.
    const lastByChat = new Map<string, number>();
    for (const { chat, at } of sends) {
      const last = lastByChat.get(chat);
      if (last !== undefined) expect(at - last).toBeGreaterThanOrEqual(1000);
      lastByChat.set(chat, at);
    }
    expect(sends.length).toBeGreaterThanOrEqual(59 * 30);
  });

  it('holds every chat while Telegram asks to wait', () => {
    const clock = manualClock();
    const limiter = new SendRateLimiter();
    limiter.pauseUntil(clock.now() + 3000);
    expect(limiter.waitFor('a', clock.now())).toBe(3000);
    clock.advance(3000);
    expect(limiter.waitFor('a', clock.now())).toBe(0);
  });
});

describe('what a failed sendMessage means', () => {
  const telegramError = (error_code: number, description: string, retry_after?: number) =>
    new GrammyError(
      `Call to 'sendMessage' failed! (${error_code}: ${description})`,
      { ok: false, error_code, description, ...(retry_after ? { parameters: { retry_after } } : {}) },
      'sendMessage',
      {},
    );

  it('waits as long as a 429 asks', () => {
    expect(classifySendFailure(telegramError(429, 'Too Many Requests: retry after 7', 7))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 7000,
    });
  });

  it('gives up at once on a blocked bot or an unknown chat, and retries server and network errors', () => {
    expect(classifySendFailure(telegramError(403, 'Forbidden: bot was blocked by the user'))).toEqual({
      kind: 'permanent',
      reason: '403 Forbidden: bot was blocked by the user',
    });
    expect(classifySendFailure(telegramError(400, 'Bad Request: chat not found')).kind).toBe('permanent');
    expect(classifySendFailure(telegramError(500, 'Internal Server Error')).kind).toBe('transient');
    expect(classifySendFailure(telegramError(502, 'Bad Gateway')).kind).toBe('transient');
    expect(
      classifySendFailure(new HttpError('Network request for sendMessage failed!', new Error('reset'))).kind,
    ).toBe('transient');
  });
});

describe('webhook secret and media checks', () => {
  it('accepts only the exact secret', () => {
    expect(hasWebhookSecret('s3cret-token', 's3cret-token')).toBe(true);
    expect(hasWebhookSecret('s3cret-tokem', 's3cret-token')).toBe(false);
    expect(hasWebhookSecret('', 's3cret-token')).toBe(false);
    expect(hasWebhookSecret(undefined, 's3cret-token')).toBe(false);
    expect(hasWebhookSecret('s3cret-token-and-more', 's3cret-token')).toBe(false);
  });

  it('tells images by their first bytes', () => {
    expect(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(imageTypeOf(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(imageTypeOf(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(imageTypeOf(Buffer.from('MZ\x90\0 this is an exe', 'latin1'))).toBeUndefined();
  });
});

describe('a long text for Telegram', () => {
  it('is cut at line breaks into parts Telegram takes, and a line too long on its own is cut within', () => {
    expect(splitForTelegram('satu\ndua\ntiga', 9)).toEqual(['satu\ndua', 'tiga']);
    expect(splitForTelegram('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(splitForTelegram('pendek')).toEqual(['pendek']);
    const digest = Array.from({ length: 300 }, (_, index) => `${index}. ${'x'.repeat(40)}`).join('\n');
    const parts = splitForTelegram(digest);
    expect(parts.every((part) => part.length <= 4096)).toBe(true);
    expect(parts.join('\n')).toBe(digest);
  });
});
