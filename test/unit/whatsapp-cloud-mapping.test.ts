import {
  GraphError,
  UnsendableMessage,
  classifyGraphFailure,
} from '../../src/channels/whatsapp-cloud/graph-errors';
import { readNotification } from '../../src/channels/whatsapp-cloud/notifications';
import {
  asTemplateParameter,
  renderMessage,
  renderMessageParts,
  renderTemplate,
} from '../../src/channels/whatsapp-cloud/render';
import { insideServiceWindow, templateFor } from '../../src/channels/whatsapp-cloud/service-window';
import { hasValidSignature, hasVerifyToken, signatureOf } from '../../src/channels/whatsapp-cloud/signature';

const PHONE_NUMBER_ID = '106540352242922';
const SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** A notification as Meta posts it, holding `value` for our number. */
function notification(value: Record<string, unknown>, phoneNumberId = PHONE_NUMBER_ID) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '6281100000000', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Siti Aminah' }, wa_id: '6281200000301' }],
              ...value,
            },
          },
        ],
      },
    ],
  };
}

const message = (fields: Record<string, unknown>) => ({
  from: '6281200000301',
  id: 'wamid.HBgNNjI4MTIwMDAwMDMwMRUCABIYFjNFQjBDMjc0',
  timestamp: '1764300000',
  ...fields,
});

describe('reading WhatsApp Cloud API notifications', () => {
  it('reads a text message as one inbound message from the wa_id', () => {
    const read = readNotification(
      notification({ messages: [message({ type: 'text', text: { body: 'halo' } })] }),
      PHONE_NUMBER_ID,
    );
    expect(read.arrivals).toEqual([
      {
        inbound: {
          channel: 'whatsapp-cloud',
          chatId: '6281200000301',
          platformMessageId: 'wamid.HBgNNjI4MTIwMDAwMDMwMRUCABIYFjNFQjBDMjc0',
          receivedAt: new Date(1764300000 * 1000),
          text: 'halo',
        },
      },
    ]);
  });

  it('takes the id of a tapped reply button or list row as the choice', () => {
    const read = readNotification(
      notification({
        messages: [
          message({
            id: 'wamid.button',
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Ya' } },
          }),
          message({
            id: 'wamid.list',
            type: 'interactive',
            interactive: {
              type: 'list_reply',
              list_reply: { id: 'weekly_report', title: 'Laporan mingguan' },
            },
          }),
        ],
      }),
      PHONE_NUMBER_ID,
    );
    expect(read.arrivals.map((arrival) => [arrival.inbound.choice, arrival.inbound.text])).toEqual([
      ['yes', undefined],
      ['weekly_report', undefined],
    ]);
  });

  it('reads the question a tapped option was sent with, when its id carries one', () => {
    const read = readNotification(
      notification({
        messages: [
          message({
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: '0k3x9ab/yes', title: 'Ya' } },
          }),
        ],
      }),
      PHONE_NUMBER_ID,
    );
    expect(read.arrivals[0]?.inbound).toMatchObject({ choice: 'yes', question: '0k3x9ab' });
    const buttons = renderMessage('6281200000301', {
      text: 'Apakah sudah benar?',
      choices: [
        { id: 'yes', label: 'Ya' },
        { id: 'no', label: 'Tidak' },
      ],
      question: '0k3x9ab',
    });
    expect(buttons).toMatchObject({
      interactive: {
        action: {
          buttons: [
            { type: 'reply', reply: { id: '0k3x9ab/yes', title: 'Ya' } },
            { type: 'reply', reply: { id: '0k3x9ab/no', title: 'Tidak' } },
          ],
        },
      },
    });
  });

  it('hands on a photo or a voice note to be downloaded, with the caption as text', () => {
    const read = readNotification(
      notification({
        messages: [
          message({
            id: 'wamid.photo',
            type: 'image',
            image: { id: '1479537139650973', mime_type: 'image/jpeg', caption: 'nota' },
          }),
          message({
            id: 'wamid.voice',
            type: 'audio',
            audio: { id: '2038471', mime_type: 'audio/ogg; codecs=opus', voice: true },
          }),
        ],
      }),
      PHONE_NUMBER_ID,
    );
    expect(read.arrivals.map(({ inbound, media }) => ({ text: inbound.text, media }))).toEqual([
      { text: 'nota', media: { mediaId: '1479537139650973', kind: 'photo', mimeType: 'image/jpeg' } },
      { text: undefined, media: { mediaId: '2038471', kind: 'voice', mimeType: 'audio/ogg; codecs=opus' } },
    ]);
  });

  it('leaves aside contacts, reactions, malformed messages and anything for another number', () => {
    const read = readNotification(
      notification({
        messages: [
          message({
            type: 'contacts',
            contacts: [{ name: { formatted_name: 'Ujang' }, phones: [{ phone: '+62 812' }] }],
          }),
          message({ type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '👍' } }),
          message({ from: 'not-a-number', type: 'text', text: { body: 'halo' } }),
          { type: 'text' },
        ],
      }),
      PHONE_NUMBER_ID,
    );
    expect(read.arrivals).toEqual([]);
    expect(read.ignored).toEqual(['contacts', 'reaction', 'malformed', 'malformed']);
    const elsewhere = notification({ messages: [message({ type: 'text', text: { body: 'halo' } })] }, '999');
    expect(readNotification(elsewhere, PHONE_NUMBER_ID).arrivals).toEqual([]);
    expect(readNotification({ object: 'page', entry: [] }, PHONE_NUMBER_ID).arrivals).toEqual([]);
    expect(readNotification('nonsense', PHONE_NUMBER_ID).arrivals).toEqual([]);
  });

  it('reads delivery statuses, with the reason of a failure', () => {
    const read = readNotification(
      notification({
        statuses: [
          { id: 'wamid.a', status: 'delivered', timestamp: '1764300100', recipient_id: '6281200000301' },
          {
            id: 'wamid.b',
            status: 'failed',
            timestamp: '1764300200',
            recipient_id: '6281200000301',
            errors: [{ code: 131047, title: 'Re-engagement message' }],
          },
          { id: 'wamid.c', status: 'deleted', timestamp: '1764300300' },
        ],
      }),
      PHONE_NUMBER_ID,
    );
    expect(read.statuses).toEqual([
      { platformMessageId: 'wamid.a', status: 'delivered', at: new Date(1764300100 * 1000) },
      {
        platformMessageId: 'wamid.b',
        status: 'failed',
        at: new Date(1764300200 * 1000),
        error: '131047 Re-engagement message',
      },
    ]);
  });
});

describe('rendering replies for the Cloud API', () => {
  const to = '6281200000301';

  it('sends up to three short options as reply buttons', () => {
    expect(
      renderMessage(to, {
        text: 'Apakah sudah benar?',
        choices: [
          { id: 'yes', label: 'Ya' },
          { id: 'no', label: 'Tidak' },
        ],
      }),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Apakah sudah benar?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'yes', title: 'Ya' } },
            { type: 'reply', reply: { id: 'no', title: 'Tidak' } },
          ],
        },
      },
    });
  });

  it('sends up to ten options, or options too long for a button, as a list', () => {
    const menu = Array.from({ length: 7 }, (_, index) => ({
      id: `option_${index}`,
      label: `Pilihan ${index + 1}`,
    }));
    const rendered = renderMessage(to, { text: 'Ada yang bisa kami bantu?', choices: menu });
    expect(rendered.type === 'interactive' && rendered.interactive.type).toBe('list');

    const long = renderMessage(to, {
      text: 'Pilih',
      choices: [{ id: 'report', label: 'Laporan mingguan (omzet dan tabungan)' }],
    });
    if (long.type !== 'interactive' || long.interactive.type !== 'list') throw new Error('expected a list');
    expect(long.interactive.action.sections[0]?.rows[0]).toEqual({
      id: 'report',
      title: 'Laporan mingguan (omzet…',
      description: 'Laporan mingguan (omzet dan tabungan)',
    });
    expect(Array.from(long.interactive.action.sections[0]?.rows[0]?.title ?? '')).toHaveLength(24);
    expect(long.interactive.action.button.length).toBeLessThanOrEqual(20);
  });

  it('falls back to a numbered list in the text beyond ten options', () => {
    const many = Array.from({ length: 12 }, (_, index) => ({
      id: `k${index}`,
      label: `Kecamatan ${index + 1}`,
    }));
    const rendered = renderMessage(to, { text: 'Di kecamatan mana?', choices: many });
    expect(rendered).toMatchObject({ type: 'text', text: { preview_url: false } });
    if (rendered.type !== 'text') throw new Error('expected text');
    expect(rendered.text.body.split('\n')).toEqual([
      'Di kecamatan mana?',
      ...many.map((choice, index) => `${index + 1}. ${choice.label}`),
    ]);
    // A prompt that numbers its options already is left as it is.
    const numbered = renderMessage(to, { text: 'Pilih:\n1. A\n2. B', choices: many });
    expect(numbered.type === 'text' && numbered.text.body).toBe('Pilih:\n1. A\n2. B');
  });

  it('sends a long digest as its text with the words to type, then its actions under its first line', () => {
    const ranking = [
      'Ringkasan pendampingan minggu 47',
      'Perlu perhatian:',
      ...Array.from({ length: 40 }, (_, index) => `${index + 1}. Peserta ${index + 1}: belum lapor`),
    ];
    const [text, actions, ...more] = renderMessageParts(to, {
      text: ranking.join('\n'),
      choices: [
        { id: 'nudge:a', label: '🔔 Ingatkan Siti', typed: 'INGATKAN Siti Aminah' },
        { id: 'visit:a', label: '📅 Kunjungi Siti', typed: 'KUNJUNGI Siti Aminah' },
      ],
      question: '0ab12cd',
    });
    expect(more).toEqual([]);
    // The ranking already uses the numbers: the actions are written as words to type.
    expect(text?.type === 'text' && text.text.body.split('\n').slice(-3)).toEqual([
      'Ketik:',
      '- INGATKAN Siti Aminah',
      '- KUNJUNGI Siti Aminah',
    ]);
    expect(actions?.type === 'interactive' && actions.interactive).toMatchObject({
      type: 'button',
      body: { text: 'Ringkasan pendampingan minggu 47' },
      action: { buttons: [{ reply: { id: '0ab12cd/nudge:a' } }, { reply: { id: '0ab12cd/visit:a' } }] },
    });
    // A short one stays one message.
    expect(renderMessageParts(to, { text: 'Pilih', choices: [{ id: 'a', label: 'A' }] })).toHaveLength(1);
  });

  it('sends plain text without choices', () => {
    expect(renderMessage(to, { text: 'Terima kasih.' })).toMatchObject({
      type: 'text',
      text: { body: 'Terima kasih.', preview_url: false },
    });
  });

  it('puts a reminder into the template’s one variable, on one line', () => {
    expect(
      renderTemplate(
        to,
        { name: 'pengingat_prokus', language: 'id', carriesText: true },
        'Halo Bu Siti,\n\nsudah lapor?\n1. Ya',
      ),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'template',
      template: {
        name: 'pengingat_prokus',
        language: { code: 'id' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: 'Halo Bu Siti, · sudah lapor? · 1. Ya' }] },
        ],
      },
    });
    expect(asTemplateParameter('x'.repeat(5000))).toHaveLength(900);
    expect(asTemplateParameter('a\tb      c')).toBe('a b c');
  });
});

describe('the 24-hour window and its templates', () => {
  const now = new Date('2026-11-28T09:00:00Z');

  it('is open for 24 hours after the person’s last message', () => {
    expect(insideServiceWindow(new Date('2026-11-27T09:00:01Z'), now)).toBe(true);
    expect(insideServiceWindow(new Date('2026-11-27T09:00:00Z'), now)).toBe(false);
    expect(insideServiceWindow(undefined, now)).toBe(false);
  });

  it('chooses the digest or the reminder template by what the entry is, and refuses without one', () => {
    const templates = { reminder: 'pengingat_prokus', digest: 'ringkasan_siap', language: 'id' };
    expect(templateFor('digest:abc:2026-W47', templates)).toEqual({
      name: 'ringkasan_siap',
      language: 'id',
      carriesText: false,
    });
    expect(templateFor('program-digest:abc:2026-W47', templates).name).toBe('ringkasan_siap');
    expect(templateFor('weekly-report-reminder:abc:2026-W48:1', templates)).toEqual({
      name: 'pengingat_prokus',
      language: 'id',
      carriesText: true,
    });
    expect(() => templateFor('digest:abc:2026-W47', { language: 'id' })).toThrow(UnsendableMessage);
    expect(() => templateFor('savings-nudge:abc:2026-W48', { language: 'id' })).toThrow(
      /WHATSAPP_CLOUD_REMINDER_TEMPLATE/,
    );
  });
});

describe('webhook signatures and the verify token', () => {
  const body = Buffer.from(JSON.stringify(notification({ messages: [] })));

  it('accepts Meta’s signature of the raw body and nothing else', () => {
    expect(hasValidSignature(body, signatureOf(body, SECRET), SECRET)).toBe(true);
    expect(
      hasValidSignature(body, signatureOf(body, SECRET).toUpperCase().replace('SHA256', 'sha256'), SECRET),
    ).toBe(true);
    // The same JSON re-serialised with other spacing is other bytes: not what Meta signed.
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2));
    expect(hasValidSignature(reformatted, signatureOf(body, SECRET), SECRET)).toBe(false);
    expect(hasValidSignature(body, signatureOf(body, 'another-secret-0123456'), SECRET)).toBe(false);
    for (const forged of [
      undefined,
      '',
      'sha256=',
      'sha1=abc',
      signatureOf(body, SECRET).slice(0, -1),
      `${signatureOf(body, SECRET)}0`,
    ]) {
      expect(hasValidSignature(body, forged, SECRET)).toBe(false);
    }
  });

  it('compares the verify token whole', () => {
    expect(hasVerifyToken('verifikasi-pendamping-2026', 'verifikasi-pendamping-2026')).toBe(true);
    expect(hasVerifyToken('verifikasi-pendamping-202', 'verifikasi-pendamping-2026')).toBe(false);
    expect(hasVerifyToken(['verifikasi-pendamping-2026'], 'verifikasi-pendamping-2026')).toBe(false);
    expect(hasVerifyToken(undefined, 'verifikasi-pendamping-2026')).toBe(false);
  });
});

describe('what a refused send means', () => {
  const waits = { throughputMs: 1000, pairMs: 6000 };

  it('waits on the throughput and pair limits, the pair limit for that chat only', () => {
    expect(classifyGraphFailure(new GraphError(400, 130429, 'Rate limit hit'), waits)).toMatchObject({
      kind: 'rate_limited',
      scope: 'channel',
      retryAfterMs: 1000,
    });
    expect(classifyGraphFailure(new GraphError(400, 131056, 'pair rate limit hit'), waits)).toMatchObject({
      kind: 'rate_limited',
      scope: 'chat',
      retryAfterMs: 6000,
    });
  });

  it('gives up on what cannot work, retries what may', () => {
    expect(classifyGraphFailure(new GraphError(400, 131026, 'Message Undeliverable'), waits)).toEqual({
      kind: 'permanent',
      reason: '400 (#131026) Message Undeliverable',
    });
    expect(
      classifyGraphFailure(new GraphError(400, 132001, 'Template name does not exist'), waits).kind,
    ).toBe('permanent');
    expect(classifyGraphFailure(new GraphError(500, 131000, 'Something went wrong'), waits).kind).toBe(
      'transient',
    );
    expect(classifyGraphFailure(new GraphError(503, undefined, 'Service Unavailable'), waits).kind).toBe(
      'transient',
    );
    expect(classifyGraphFailure(new GraphError(401, 190, 'Access token expired'), waits).kind).toBe(
      'transient',
    );
    expect(classifyGraphFailure(new TypeError('fetch failed'), waits)).toEqual({
      kind: 'transient',
      reason: 'fetch failed',
    });
    expect(classifyGraphFailure(new UnsendableMessage('outside the window'), waits)).toEqual({
      kind: 'permanent',
      reason: 'outside the window',
    });
  });
});
