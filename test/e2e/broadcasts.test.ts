import type { Browser } from 'playwright-core';
import { setPassword } from '../../src/auth';
import { createLogger } from '../../src/log';
import {
  clickAndWait,
  launchChromium,
  openTab,
  pathOf,
  screenshot,
  serveDashboard,
  signIn,
} from '../support/browser';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** A Monday morning in Bandung Barat: 09.00 WIB. */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';
const PHONES = { siti: '+6281200007777', dede: '+6281200007780', euis: '+6281200007781' };
const MESSAGE = 'Besok pelatihan pembukuan di balai desa jam 09.00. <Bawa> buku catatan & pulpen.';

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;

beforeAll(async () => {
  const tono = await db.models.mentors.create({
    name: 'Tono',
    phone: '+6281300000201',
    type: 'MiBi',
    kecamatan: ['Cililin'],
  });
  const consented = (phone: string) => ({
    ...siti(phone, { consentedOn: 'simulator', at: now }),
    mentors: { mibi: tono._id },
  });
  await db.models.participants.create([
    consented(PHONES.siti),
    { ...consented(PHONES.dede), name: 'Dede Rohaeni', cluster: 'ritel' },
    { ...consented(PHONES.euis), name: 'Euis Kurniasih', remindersStoppedAt: now },
  ]);
  await setPassword(db.models, '+6281300000201', PASSWORD);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

/** A figure of the progress page, as the browser shows it. */
const figure = async (page: import('playwright-core').Page, name: string) =>
  Number(await page.textContent(`.figure.${name} .value`));

describe('a broadcast in a browser', () => {
  it('lets a mentor compose, preview, send once and follow the progress', async () => {
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard/masuk`);
    await signIn(page, '0813-0000-0201', PASSWORD);
    await clickAndWait(page, 'header nav a:text("Siaran")');
    expect(pathOf(page)).toBe('/dashboard/siaran');
    expect(await page.textContent('main')).toContain('Belum ada siaran.');

    await page.fill('#field-pesan', MESSAGE);
    await clickAndWait(page, 'button:text("Lihat pratinjau")');
    expect(await page.textContent('.recipient-count')).toBe('2');
    expect(await page.textContent('.names')).toBe('Dede Rohaeni, Siti Aminah');
    expect(await page.textContent('.left-out')).toContain('1 tidak dikirimi karena sudah mengirim STOP');
    // The text is shown as written (escaped, not markup), with the signature the recipients get.
    expect(await page.textContent('.broadcast-preview .message')).toBe(`${MESSAGE}\n\n— Pendamping Tono`);

    // Narrowed to the ritel cluster before sending: the preview follows the filter.
    await page.selectOption('#field-klaster', 'ritel');
    await clickAndWait(page, 'button:text("Lihat pratinjau")');
    expect(await page.textContent('.recipient-count')).toBe('1');
    expect(await page.inputValue('#field-pesan')).toBe(MESSAGE);
    await page.selectOption('#field-klaster', '');
    await clickAndWait(page, 'button:text("Lihat pratinjau")');
    await screenshot(page, 'dashboard-siaran-pratinjau');

    // What the send form carries, to submit it a second time below as a double click would.
    const fields = Object.fromEntries(
      await page.$$eval('form[action="/dashboard/siaran/kirim"] input', (inputs) =>
        inputs.map((input) => [input.getAttribute('name') ?? '', input.getAttribute('value') ?? '']),
      ),
    ) as Record<string, string>;
    await clickAndWait(page, 'button:text("Kirim ke 2 peserta")');
    expect(pathOf(page)).toMatch(/^\/dashboard\/siaran\/[A-Za-z0-9_-]{22}$/);
    expect(await page.textContent('.flash.ok')).toContain('Siaran dikirim ke 2 peserta.');
    expect(await figure(page, 'queued')).toBe(2);
    expect(await figure(page, 'sent')).toBe(0);
    const progressPath = pathOf(page);

    // The same form sent again in the same session: it leads to the same broadcast, sending nothing.
    const again = await page.request.post(`${base}/dashboard/siaran/kirim`, {
      form: fields,
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toBe(progressPath);
    expect(await db.models.outbox.countDocuments({ dedupeKey: { $regex: '^broadcast:' } })).toBe(2);

    // The participants open their chats (the web simulator), which delivers what waits for them.
    for (const phone of [PHONES.siti, PHONES.dede, PHONES.euis]) {
      const transcript = await fetch(`${base}/api/simulator/conversations/${phone}`);
      const lines = JSON.stringify(((await transcript.json()) as { lines: unknown }).lines);
      const expected = phone === PHONES.euis ? 0 : 1;
      expect(lines.split('Besok pelatihan pembukuan').length - 1).toBe(expected);
    }
    await page.reload();
    expect(await figure(page, 'queued')).toBe(0);
    expect(await figure(page, 'sent')).toBe(2);
    expect(await figure(page, 'failed')).toBe(0);
    await screenshot(page, 'dashboard-siaran-kemajuan');

    await clickAndWait(page, 'a:text("Siaran lain")');
    expect(await page.textContent('table.broadcasts tbody')).toContain('Semua peserta aktif');
    expect(cspViolations).toEqual([]);
  });
});
