import type { Account } from '../../src/auth';
import { channelsView, type ChannelsModel } from '../../src/http/dashboard/channels-view';
import { translator, type PageLanguage } from '../../src/http/dashboard/language';
import type { Viewer } from '../../src/http/dashboard/layout';

/** The channels page is drawn from its model alone: no database, no running channel. */
const admin: Account = { kind: 'staff', id: 'a'.repeat(24), name: 'Admin Dinsos', role: 'admin' };
const viewer = (language: PageLanguage = 'id'): Viewer => ({
  account: admin,
  csrfToken: 'token-123',
  language,
  path: '/dashboard/saluran',
});
const draw = (model: ChannelsModel, language: PageLanguage = 'id') =>
  String(channelsView(model, translator(language), viewer(language)));
const quiet: ChannelsModel = { timeZone: 'Asia/Jakarta', counts: [], failed: [], refreshing: false };

describe('the channels page', () => {
  it('says how to enable each channel that is off, and that nothing waits or failed', () => {
    const markup = draw(quiet);
    for (const id of ['whatsapp-web', 'whatsapp-cloud', 'telegram']) {
      expect(markup).toMatch(new RegExp(`id="${id}">\\s*<h2>[^<]+</h2>\\s*<p class="off">Tidak aktif.</p>`));
    }
    expect(markup).toContain('WHATSAPP_WEB_ENABLED=true');
    expect(markup).toContain('Tidak ada pesan yang menunggu atau gagal.');
    expect(markup).toContain('<p class="no-failures">Tidak ada pesan gagal.</p>');
    expect(markup).not.toContain('dimuat ulang sendiri');
  });

  it('shows the waiting QR code with its warning while WhatsApp Web waits, and says the page reloads', () => {
    const markup = draw(
      {
        ...quiet,
        refreshing: true,
        whatsappWeb: {
          state: { phase: 'waiting_for_qr', since: new Date('2026-12-01T01:00:00Z'), attempts: 2 },
          qrWaiting: true,
          number: undefined,
        },
      },
      'en',
    );
    expect(markup).toContain('<p class="state waiting_for_qr">Waiting for the QR code to be scanned.</p>');
    expect(markup).toContain('src="/dashboard/saluran/whatsapp-qr.png"');
    expect(markup).toContain('do not show it to anyone else');
    expect(markup).toMatch(/<dt>Connection attempts<\/dt>\s*<dd>2<\/dd>/);
    expect(markup).toContain('reloads itself every 15 seconds');
  });

  it('masks the connected number, hides the webhook’s secret path and words Telegram’s refusal', () => {
    const connected = draw({
      ...quiet,
      whatsappWeb: {
        state: { phase: 'connected', since: new Date('2026-12-01T01:00:00Z'), attempts: 0 },
        qrWaiting: false,
        number: '6281234567890',
      },
      telegram: {
        mode: 'webhook',
        configuredUrl: 'https://example.id/rahasia/telegram/webhook',
        reading: {
          ok: true,
          info: {
            url: 'https://example.id/rahasia/telegram/webhook',
            has_custom_certificate: false,
            pending_update_count: 3,
          },
        },
      },
    });
    expect(connected).not.toContain('6281234567890');
    expect(connected).not.toContain('Percobaan menyambung');
    expect(connected).not.toContain('<figure class="qr">');
    expect(connected).toContain('https://example.id/…/telegram/webhook');
    expect(connected).not.toContain('rahasia');
    expect(connected).toContain('<dd class="pending-updates">3</dd>');

    const refused = draw({
      ...quiet,
      telegram: {
        mode: 'webhook',
        reading: { ok: false, refused: { code: 401, description: 'Unauthorized' } },
      },
    });
    expect(refused).toContain('Telegram menolak permintaan (401: Unauthorized).');
    const unreachable = draw({ ...quiet, telegram: { mode: 'webhook', reading: { ok: false } } }, 'en');
    expect(unreachable).toContain('Telegram could not be reached');
  });

  it('lists each failed message with its recipient masked and a retry form carrying the CSRF token', () => {
    const markup = draw({
      ...quiet,
      counts: [{ channel: 'whatsapp-web', pending: 1, failed: 1 }],
      failed: [
        {
          key: 'reminder:2026-W49>copy',
          channel: 'whatsapp-web',
          chatId: '6281200007777@c.us',
          failedAt: new Date('2026-12-01T02:00:00Z'),
          lastError: 'No <session>',
          attempts: 5,
        },
      ],
    });
    expect(markup).toMatch(/<td>WhatsApp Web<\/td>\s*<td>1<\/td>\s*<td>1<\/td>/);
    expect(markup).not.toContain('6281200007777');
    expect(markup).toContain('reminder (salinan)');
    expect(markup).toContain('<td class="reason">No &lt;session&gt;</td>');
    expect(markup).toContain(
      `action="/dashboard/saluran/pesan/${encodeURIComponent('reminder:2026-W49>copy')}/kirim-ulang"`,
    );
    expect(markup).toContain('name="csrf" value="token-123"');
  });
});
