import { readWebMessage } from '../../src/channels/whatsapp-web/messages';
import { PacedLimiter } from '../../src/channels/whatsapp-web/pacing';
import { renderWebText } from '../../src/channels/whatsapp-web/render';
import { typedDigestActionOf } from '../../src/conversations/typed-digest-action';
import { classifyWebFailure, NotConnectedError } from '../../src/channels/whatsapp-web/sender';
import { webMessage } from '../support/whatsapp-web-stand-in';

const SITI = '6281234567890@c.us';
const GROUP = '120363025246125486@g.us';
const RINA = '6281300000001@c.us';

describe('reading WhatsApp Web messages', () => {
  it('takes a person’s text with its serialized id and time', () => {
    const message = webMessage(SITI, { body: '  150rb ', id: '3A0123' });
    expect(readWebMessage(message)).toEqual({
      inbound: {
        channel: 'whatsapp-web',
        chatId: SITI,
        platformMessageId: `false_${SITI}_3A0123`,
        receivedAt: new Date(message.timestamp * 1000),
        text: '150rb',
      },
    });
  });

  it('takes photos with their caption and voice notes, with the size WhatsApp states', () => {
    const photo = webMessage(SITI, {
      body: 'nota',
      media: { mimetype: 'image/jpeg', data: Buffer.alloc(10), declaredBytes: 7000 },
    });
    expect(readWebMessage(photo)).toMatchObject({
      inbound: { text: 'nota' },
      media: { kind: 'photo', declaredBytes: 7000 },
    });
    const voice = webMessage(SITI, { type: 'ptt', media: { mimetype: 'audio/ogg', data: Buffer.alloc(10) } });
    expect(readWebMessage(voice)).toMatchObject({ media: { kind: 'voice', declaredBytes: 10 } });
    expect(readWebMessage(voice)).not.toHaveProperty('inbound.text');
  });

  it('takes a staff command in a group, and a reply to Pendamping’s own post with the post’s text', () => {
    const command = webMessage(GROUP, { author: RINA, body: '/ambil PGD-2026-000001' });
    expect(readWebMessage(command)).toMatchObject({
      inbound: { chatId: GROUP, group: true, sender: { id: RINA }, text: '/ambil PGD-2026-000001' },
    });
    const post = webMessage(GROUP, { body: 'Pengaduan baru PGD-2026-000001', fromMe: true });
    const reply = webMessage(GROUP, { author: RINA, body: 'Sudah kami cek, Bu.', quoted: post });
    expect(readWebMessage(reply, { fromMe: true, body: post.body })).toMatchObject({
      inbound: { group: true, sender: { id: RINA }, replyToText: 'Pengaduan baru PGD-2026-000001' },
    });
    // A reply to another member's message is their conversation, not Pendamping's.
    const chat = webMessage(GROUP, { author: RINA, body: 'Siap, Bu.', quoted: command });
    expect(readWebMessage(chat, { fromMe: false, body: command.body })).toEqual({ ignored: 'group_talk' });
  });

  it.each([
    ['members talking in a group', { from: GROUP, author: SITI, body: 'halo' }, 'group_talk'],
    ['a group message without its writer', { from: GROUP, body: '/ambil' }, 'group_sender_unknown'],
    ['a status', { from: 'status@broadcast', body: 'x', isStatus: true }, 'status_or_broadcast'],
    ['a broadcast list', { body: 'x', broadcast: true }, 'status_or_broadcast'],
    ['the bot’s own', { body: 'x', fromMe: true }, 'from_me'],
    ['a channel post', { from: '120363400000000000@newsletter', body: 'x' }, 'not_a_person'],
    ['a sticker', { type: 'sticker' }, 'sticker'],
    ['an empty text', { body: '   ' }, 'empty'],
  ])('leaves %s aside', (_what, content, reason) => {
    expect(readWebMessage(webMessage(SITI, content))).toEqual({ ignored: reason });
  });
});

describe('rendering replies for WhatsApp Web', () => {
  it('keeps a prompt that numbers its options, and numbers those of one that does not', () => {
    const choices = [
      { id: 'yes', label: 'Ya' },
      { id: 'no', label: 'Tidak' },
    ];
    expect(renderWebText({ text: 'Setuju?\n1. Ya\n2. Tidak', choices })).toBe('Setuju?\n1. Ya\n2. Tidak');
    expect(renderWebText({ text: 'Setuju?', choices })).toBe('Setuju?\n1. Ya\n2. Tidak');
    expect(renderWebText({ text: 'Terima kasih.' })).toBe('Terima kasih.');
    expect(renderWebText({ text: 'Lihat:', imageUrl: 'https://example.org/a.png' })).toBe(
      'Lihat:\nhttps://example.org/a.png',
    );
  });

  it('shows a digest’s actions as words to type, since its ranking already uses the numbers', () => {
    const digest = {
      text: 'Perlu perhatian:\n1. Siti Aminah: belum lapor 2 minggu',
      choices: [
        { id: 'nudge:a', label: '🔔 Ingatkan Siti', typed: 'INGATKAN Siti Aminah' },
        { id: 'visit:a', label: '📅 Kunjungi Siti', typed: 'KUNJUNGI Siti Aminah' },
      ],
    };
    expect(renderWebText(digest)).toBe(
      'Perlu perhatian:\n1. Siti Aminah: belum lapor 2 minggu\n\nKetik:\n- INGATKAN Siti Aminah\n- KUNJUNGI Siti Aminah',
    );
  });
});

describe('typed digest actions', () => {
  it('reads INGATKAN and KUNJUNGI with a name, in either language, and nothing else', () => {
    expect(typedDigestActionOf('INGATKAN Siti Aminah')).toEqual({ kind: 'nudge', name: 'Siti Aminah' });
    expect(typedDigestActionOf(' kunjungi  cucu ')).toEqual({ kind: 'visit', name: 'cucu' });
    expect(typedDigestActionOf('/remind Bariah')).toEqual({ kind: 'nudge', name: 'Bariah' });
    expect(typedDigestActionOf('ingatkan')).toBeUndefined();
    expect(typedDigestActionOf('tolong ingatkan Siti')).toBeUndefined();
  });
});

describe('pacing', () => {
  it('holds every chat for the interval plus the drawn jitter after each message', () => {
    const draws = [0, 0.999, 0.5];
    const limiter = new PacedLimiter({ intervalMs: 1000, jitterMs: 500 }, () => draws.shift() ?? 0);
    expect(limiter.waitFor('a', 0)).toBe(0);
    limiter.record('a', 0);
    expect(limiter.waitFor('b', 0)).toBe(1000);
    expect(limiter.waitFor('a', 999)).toBe(1);
    expect(limiter.waitFor('b', 1000)).toBe(0);
    limiter.record('b', 1000);
    expect(limiter.waitFor('c', 1000)).toBe(1499);
    limiter.record('c', 2499);
    expect(limiter.waitFor('a', 2499)).toBe(1250);
  });

  it('keeps a pause the channel was asked for on top of the pacing', () => {
    const limiter = new PacedLimiter({ intervalMs: 1000, jitterMs: 0 }, () => 0);
    limiter.pauseUntil(5000);
    expect(limiter.waitFor('a', 0)).toBe(5000);
  });
});

describe('reading send failures', () => {
  it('lets messages wait while disconnected, without counting an attempt, and retries anything else', () => {
    expect(classifyWebFailure(new NotConnectedError())).toMatchObject({
      kind: 'rate_limited',
      scope: 'channel',
    });
    expect(classifyWebFailure(new Error('Protocol error: Session closed'))).toEqual({
      kind: 'transient',
      reason: 'Protocol error: Session closed',
    });
  });
});
