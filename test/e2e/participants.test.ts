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
import { rebuildReportLedgers } from '../../src/domain/reports/weekly-report-service';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** A Monday morning in Bandung Barat (ISO week 2026-W48). */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';
const SITI_PHONE = '+6281200007777';

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;
let sitiId = '';
let botReply = '';

beforeAll(async () => {
  const [tono, ujang] = await db.models.mentors.create([
    { name: 'Tono', phone: '+6281300000201', type: 'MiBi', kecamatan: ['Cililin'] },
    { name: 'Ujang', phone: '+6281300000202', type: 'MiBi', kecamatan: ['Cililin'] },
  ]);
  const record = await db.models.participants.create({
    ...siti(SITI_PHONE, { consentedOn: 'simulator', at: now }),
    nik: { encrypted: 'v1.secret', hash: 'h-siti', masked: '3217**********01' },
    business: { name: 'Warung Nasi Kuning Siti' },
    mentors: { mibi: tono?._id },
  });
  sitiId = String(record._id);
  await db.models.participants.create([
    {
      ...siti('+6281200009999', { consentedOn: 'simulator', at: now }),
      name: 'Kokom Komariah',
      desa: 'Pataruman',
      kecamatan: 'Cihampelas',
      cluster: 'ritel',
      mentors: { mibi: tono?._id },
    },
    {
      ...siti('+6281200008888', { consentedOn: 'simulator', at: now }),
      name: 'Euis',
      mentors: { mibi: ujang?._id },
    },
  ]);
  let balance = 0;
  for (const [week, sales, deposit] of [
    ['2026-W45', 900_000, 40_000],
    ['2026-W46', 1_100_000, 50_000],
    ['2026-W48', 1_500_000, 60_000],
  ] as const) {
    balance += deposit;
    await db.models.weeklyReports.create({
      participant: record._id,
      week,
      sales,
      savingsDeposit: deposit,
      savingsBalance: balance,
      channel: 'simulator',
      submittedAt: now,
    });
  }
  // Written around the service, as a seed is: the participant's weeks are read from their ledger.
  await rebuildReportLedgers(db.models);
  await setPassword(db.models, '+6281300000201', PASSWORD);

  // Participants written around the service, as a seed is: the lists read the roster built from them.
  await rebuildParticipantRoster(db.models);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  // Siti writes to the bot through the web simulator, the same path as WhatsApp and Telegram.
  const sent = await fetch(`${base}/api/simulator/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: '0812-0000-7777', text: 'Halo, ini Siti dari Batulayang', id: 'e2e-1' }),
  });
  const body = (await sent.json()) as { replies: { text: string }[] };
  botReply = body.replies[0]?.text ?? '';
  if (!botReply) throw new Error('the bot did not answer in the simulator');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

describe('the participants pages in a browser', () => {
  it('lets a mentor find a participant, read their history and chat, and correct their desa', async () => {
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard/peserta`);
    expect(pathOf(page)).toBe('/dashboard/masuk');
    await signIn(page, '0813-0000-0201', PASSWORD);
    await page.goto(`${base}/dashboard/peserta`);
    expect(await page.textContent('header nav a[aria-current=page]')).toBe('Peserta');
    const everyone = (await page.locator('table.participants tbody td:first-child').allTextContents()).map(
      (name) => name.trim(),
    );
    expect(everyone).toEqual(['Kokom Komariah', 'Siti Aminah']);
    expect(await page.textContent('main')).not.toContain('Euis');

    await page.fill('#filter-q', '0812 0000 7777');
    await clickAndWait(page, 'form.filters button[type=submit]');
    expect(await page.locator('table.participants tbody tr').count()).toBe(1);
    expect(await page.textContent('table.participants tbody')).toContain('Siti Aminah');
    expect(await page.inputValue('#filter-q')).toBe('0812 0000 7777');
    await screenshot(page, 'dashboard-peserta');

    await clickAndWait(page, 'a:text("Siti Aminah")');
    expect(pathOf(page)).toBe(`/dashboard/peserta/${sitiId}`);
    expect(await page.textContent('main h1')).toBe('Siti Aminah');
    expect(await page.textContent('main .card dl')).toContain('3217**********01');
    // The chart: one line and one point per reported week for sales; the week without a report is a gap.
    expect(await page.locator('figure.chart svg polyline.series-a').count()).toBe(2);
    expect(await page.locator('figure.chart svg circle.series-a').count()).toBe(3);
    expect(await page.textContent('figure.chart')).toContain('Saldo tabungan');
    expect(await page.textContent('table.weeks')).toContain('Rp1.500.000');
    const transcript = (await page.textContent('ol.transcript')) ?? '';
    expect(transcript).toContain('Halo, ini Siti dari Batulayang');
    expect(transcript).toContain(botReply.slice(0, 40));
    await screenshot(page, 'dashboard-peserta-detail');

    await clickAndWait(page, 'a:text("Ubah data")');
    expect(pathOf(page)).toBe(`/dashboard/peserta/${sitiId}/ubah`);
    await page.fill('#field-desa', 'Mukapayung');
    await page.fill('#field-phone', '0812-00');
    await clickAndWait(page, 'form.participant-edit button[type=submit]');
    expect(await page.textContent('[role=alert]')).toContain('No. HP');
    expect(await page.textContent('#error-phone')).toContain('panjang nomor HP tidak wajar');
    expect(await page.inputValue('#field-desa')).toBe('Mukapayung');
    expect(await page.inputValue('#field-phone')).toBe('0812-00');
    await screenshot(page, 'dashboard-peserta-ubah');

    await page.fill('#field-phone', '0812-0000-7777');
    await clickAndWait(page, 'form.participant-edit button[type=submit]');
    expect(pathOf(page)).toBe(`/dashboard/peserta/${sitiId}`);
    expect(await page.textContent('.flash.ok')).toContain('Data peserta disimpan: Desa.');
    expect(await page.textContent('main .card dl')).toContain('Mukapayung');
    await page.reload();
    expect(await page.locator('.flash').count()).toBe(0);
    expect((await db.models.participants.findById(sitiId).lean())?.desa).toBe('Mukapayung');
    expect(cspViolations).toEqual([]);
  });
});
