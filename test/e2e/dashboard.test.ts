import type { Types } from 'mongoose';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { setPassword } from '../../src/auth';
import { gridFsMediaStore } from '../../src/db/media-store';
import { openComplaint } from '../../src/domain/complaints';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK } from '../support/api';
import {
  clickAndWait,
  launchChromium,
  openTab,
  pathOf,
  screenshot,
  serveDashboard,
  signIn,
  waitInPage,
} from '../support/browser';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** A Monday morning in Bandung Barat. */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-puskesos-2026';
const SITI_PHONE = '+6281200007777';
/** Front office staff with no chat app on record: the simulator is where her sign-in code arrives. */
const WATI_PHONE = '+6281300000009';
const settings = TEST_COMPLAINT_DESK;

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;
const numbers = { siti: '', cihampelas: '' };

beforeAll(async () => {
  const [lumpaat, cihampelas] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
    { name: 'Puskesos Cihampelas', desa: 'Cihampelas', kecamatan: 'Cihampelas' },
  ]);
  const staff = (name: string, phone: string, puskesos: Types.ObjectId | undefined) => ({
    name,
    phone,
    role: 'front_office' as const,
    ...(puskesos ? { puskesos } : {}),
  });
  await db.models.staff.create([
    staff('Rina', '+6281300000001', lumpaat?._id),
    staff('Yuni', '+6281300000005', cihampelas?._id),
    { ...staff('Wati', WATI_PHONE, lumpaat?._id), channels: { telegramUserId: '7009' } },
  ]);
  await db.models.mentors.create({
    name: 'Tono',
    phone: '+6281300000201',
    type: 'MiBi',
    kecamatan: ['Cililin'],
  });
  const sitiRecord = await db.models.participants.create(
    siti(SITI_PHONE, { consentedOn: 'simulator', at: now }),
  );
  const file = async (
    participant: Types.ObjectId | undefined,
    phone: string,
    desa: string,
    text: string,
    photos: string[] = [],
  ) => {
    const opened = await openComplaint(
      db.models,
      {
        participant,
        complainantPhone: phone,
        complainantChat: { channel: 'simulator', chatId: phone },
        language: 'id',
        desa,
        category: 'PKH',
        text,
        photos,
        at: now,
      },
      settings,
    );
    if (!opened.ok) throw new Error('complaint not opened');
    return opened.number;
  };
  // Markup in a complaint must show as text: the page escapes it.
  // The photo Siti sent with it: a small picture the browser must be able to draw.
  const picture = new PNG({ width: 40, height: 30 });
  picture.data.fill(180);
  const photo = await gridFsMediaStore(db.connection).save(
    'complaint-photo:e2e',
    PNG.sync.write(picture),
    'image/png',
  );
  numbers.siti = await file(
    sitiRecord._id,
    SITI_PHONE,
    'Batulayang',
    'Bantuan <b>belum cair</b> sejak bulan lalu',
    [photo],
  );
  numbers.cihampelas = await file(
    undefined,
    '+6281200006666',
    'Cihampelas',
    'Jalan rusak di depan balai desa',
  );
  for (const login of ['+6281300000001', '+6281300000005', '+6281300000201']) {
    await setPassword(db.models, login, PASSWORD);
  }

  // Participants written around the service, as a seed is: the lists read the roster built from them.
  await rebuildParticipantRoster(db.models);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

describe('the complaints pages in a browser', () => {
  it('lets front-office staff sign in, see only their Puskesos’s complaints and reply from the page', async () => {
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard/pengaduan`);
    expect(pathOf(page)).toBe('/dashboard/masuk');
    // The style sheet loaded from this origin (no inline style is allowed).
    // (A string: the test's TypeScript has no DOM types.)
    expect(await page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")).toBe(
      'rgb(11, 93, 59)',
    );
    await screenshot(page, 'dashboard-masuk');

    await signIn(page, '0813-0000-0001', 'bukan-kata-sandinya');
    expect(await page.textContent('[role=alert]')).toContain('kata sandi salah');
    expect(await page.inputValue('#login')).toBe('0813-0000-0001');

    await signIn(page, '0813-0000-0001', PASSWORD);
    expect(pathOf(page)).toBe('/dashboard/pengaduan');
    const inbox = (await page.textContent('main')) ?? '';
    expect(inbox).toContain(numbers.siti);
    expect(inbox).not.toContain(numbers.cihampelas);
    expect(await page.textContent('tbody .badge')).toMatch(/aman|hampir|terlambat/);
    await screenshot(page, 'dashboard-pengaduan');

    await clickAndWait(page, `a:text("${numbers.siti}")`);
    expect(await page.textContent('.card .text')).toBe('Bantuan <b>belum cair</b> sejak bulan lalu');
    // The complaint's photo is drawn from the page's own address (a string: no DOM types here).
    await waitInPage(page, "document.querySelector('.photos img')?.complete");
    expect(await page.evaluate("document.querySelector('.photos img').naturalWidth")).toBe(40);

    await page.fill('#reply-text', 'Ibu, data PKH sedang kami cek ke Dinsos.');
    await clickAndWait(page, 'button:text("Kirim balasan")');
    expect(pathOf(page)).toBe(`/dashboard/pengaduan/${numbers.siti}`);
    expect(await page.textContent('.flash')).toContain('balasan Rina terkirim ke pelapor');
    expect(await page.textContent('ol.thread')).toContain('Ibu, data PKH sedang kami cek ke Dinsos.');

    await clickAndWait(page, 'button:text("Ambil")');
    expect(await page.textContent('.flash')).toContain('diambil oleh Rina');
    // Taken: "Ambil" is no longer offered.
    expect(await page.locator('button:text("Ambil")').count()).toBe(0);
    await screenshot(page, 'dashboard-pengaduan-detail');

    const transcript = await fetch(`${base}/api/simulator/conversations/${SITI_PHONE}`);
    const lines = JSON.stringify(((await transcript.json()) as { lines: unknown }).lines);
    expect(lines).toContain('Ibu, data PKH sedang kami cek ke Dinsos.');
    expect(lines).toContain(numbers.siti);

    // Another Puskesos's complaint is refused even by its address.
    const other = await page.goto(`${base}/dashboard/pengaduan/${numbers.cihampelas}`);
    expect(other?.status()).toBe(403);

    await page.goto(`${base}/dashboard/pengaduan`);
    await clickAndWait(page, 'header button:text("Keluar")');
    expect(pathOf(page)).toBe('/dashboard/masuk');
    await page.goto(`${base}/dashboard/pengaduan`);
    expect(pathOf(page)).toBe('/dashboard/masuk');
    expect(cspViolations).toEqual([]);
  });

  it('signs staff in with a code sent to their chat, then shows the inbox in English', async () => {
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard/masuk`);
    await clickAndWait(page, 'a:text("Kirim kode ke WhatsApp/Telegram saya")');
    expect(pathOf(page)).toBe('/dashboard/masuk/kode');
    await page.fill('#login', '0813-0000-0009');
    await clickAndWait(page, 'button:text("Kirim kode")');
    expect(pathOf(page)).toBe('/dashboard/masuk/kode/isi');
    expect(await page.textContent('.flash')).toContain('Jika nomor ini terdaftar, kode sudah dikirim');
    expect(await page.inputValue('#login')).toBe('0813-0000-0009');

    // The code goes to Wati's Telegram (its sender is not running here: the outbox shows it), and
    // never to the simulator, whose transcripts anyone can read.
    const entries = await db.models.outbox.find({ dedupeKey: /^sign-in-code:/, chatId: '7009' }).lean();
    const codes = entries.flatMap((entry) => {
      const text = String((entry.message as { text?: string }).text);
      const found = /^Kode masuk Pendamping: (\d{6})\. Berlaku 10 menit\./.exec(text);
      return found?.[1] ? [found[1]] : [];
    });
    const transcript = await fetch(`${base}/api/simulator/conversations/${WATI_PHONE}`);
    expect(JSON.stringify(await transcript.json())).not.toContain('Kode masuk');
    expect(codes).toHaveLength(1);
    const code = codes[0] ?? '';
    await page.fill('#code', code);
    await screenshot(page, 'dashboard-masuk-kode');
    await clickAndWait(page, 'button:text("Masuk")');
    expect(pathOf(page)).toBe('/dashboard/pengaduan');
    expect(await page.textContent('header .who')).toBe('Wati');
    expect(await page.textContent('h1')).toBe('Pengaduan');
    expect(await page.textContent('main')).toContain(numbers.siti);

    await clickAndWait(page, 'header a.language');
    expect(pathOf(page)).toBe('/dashboard/pengaduan');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Complaints');
    expect(await page.textContent('thead')).toContain('Deadline');
    expect(await page.textContent('tbody .badge')).toMatch(/on time|due soon|overdue/);
    expect(await page.textContent('header button')).toBe('Sign out');
    expect(await page.textContent('main')).toContain(numbers.siti);
    await screenshot(page, 'dashboard-pengaduan-en');

    await clickAndWait(page, `a:text("${numbers.siti}")`);
    expect(await page.textContent('main h2')).toBe('The complaint');
    expect(await page.isVisible('button:text("Send the reply")')).toBe(true);
    expect(cspViolations).toEqual([]);
  });

  it('refuses the complaints pages to a mentor', async () => {
    const { page } = await openTab(browser);
    await page.goto(`${base}/dashboard/masuk`);
    await signIn(page, '0813-0000-0201', PASSWORD);
    const inbox = await page.goto(`${base}/dashboard/pengaduan`);
    expect(inbox?.status()).toBe(403);
    expect(await page.textContent('main')).toContain('hanya untuk petugas Puskesos');
    expect(await page.textContent('main')).not.toContain('PGD-');
  });
});
