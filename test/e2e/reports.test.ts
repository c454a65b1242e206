import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Types } from 'mongoose';
import type { Browser } from 'playwright-core';
import { setPassword } from '../../src/auth';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import { createLogger } from '../../src/log';
import {
  ARTIFACTS,
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
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** A Monday morning in Bandung Barat, 2026-W48. */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-laporan-2026';
const TONO = '+6281300000201';

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;
const ids = { siti: '' };

beforeAll(async () => {
  const [tono, ujang] = await db.models.mentors.create([
    { name: 'Tono', phone: TONO, type: 'MiBi', kecamatan: ['Cililin'] },
    { name: 'Ujang', phone: '+6281300000202', type: 'MiBi', kecamatan: ['Cililin'] },
  ]);
  const sitiRecord = await db.models.participants.create({
    ...siti('+6281200007777'),
    mentors: { mibi: tono?._id },
  });
  const kokom = await db.models.participants.create({
    ...siti('+6281200009999'),
    name: 'Kokom Komariah',
    desa: 'Karanganyar',
    mentors: { mibi: tono?._id },
  });
  const euis = await db.models.participants.create({
    ...siti('+6281200008888'),
    name: 'Euis Suryani',
    mentors: { mibi: ujang?._id },
  });
  ids.siti = String(sitiRecord._id);
  const report = (
    participant: Types.ObjectId,
    week: string,
    sales: number,
    spending: number,
    deposit: number,
  ) =>
    submitWeeklyReport(db.models, {
      participant,
      week,
      sales,
      spending,
      savingsDeposit: deposit,
      savingsWithdrawal: 0,
      channel: 'simulator',
      submittedAt: now,
    });
  await report(sitiRecord._id, '2026-W47', 1_200_000, 400_000, 20_000);
  await report(sitiRecord._id, '2026-W48', 1_350_000, 500_000, 25_000);
  await report(kokom._id, '2026-W48', 650_000, 200_000, 10_000);
  await report(euis._id, '2026-W48', 2_750_000, 900_000, 70_000);
  await setPassword(db.models, TONO, PASSWORD);

  // Participants written around the service, as a seed is: the lists read the roster built from them.
  await rebuildParticipantRoster(db.models);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

describe('the weekly reports pages in a browser', () => {
  it('lets a mentor see their participants’ week, export it to Excel and correct a report', async () => {
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard/laporan`);
    expect(pathOf(page)).toBe('/dashboard/masuk');
    await signIn(page, '0813-0000-0201', PASSWORD);
    await page.goto(`${base}/dashboard/laporan`);
    expect(await page.textContent('h1')).toBe('Laporan mingguan');
    expect(await page.textContent('.weeknav strong')).toContain('2026-W48');

    const rowText = async (name: string) =>
      ((await page.locator('table.reports tbody tr', { hasText: name }).textContent()) ?? '').replace(
        /\s+/g,
        ' ',
      );
    expect(await rowText('Siti Aminah')).toContain('Rp1.350.000');
    expect(await rowText('Siti Aminah')).toContain('Rp45.000'); // 20.000 + 25.000 saved
    expect(await rowText('Kokom Komariah')).toContain('Rp650.000');
    const body = (await page.textContent('main')) ?? '';
    expect(body).not.toContain('Euis');
    expect(body).not.toContain('Rp2.750.000');
    expect(await page.textContent('table.reports tfoot')).toContain('Rp2.000.000');
    await screenshot(page, 'dashboard-laporan');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Unduh Excel')]);
    expect(download.suggestedFilename()).toBe('laporan-mingguan-2026-W48.xlsx');
    const saved = join(ARTIFACTS, 'laporan-mingguan-2026-W48.xlsx');
    await download.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(3);
    const rows = [2, 3].map((number) => {
      const row = sheet?.getRow(number);
      return [row?.getCell(1).value, row?.getCell(9).value, row?.getCell(10).value, row?.getCell(13).value];
    });
    // By desa then name: Batulayang (Siti) before Karanganyar (Kokom); amounts as numbers.
    expect(rows).toEqual([
      ['Siti Aminah', 1_350_000, 500_000, 45_000],
      ['Kokom Komariah', 650_000, 200_000, 10_000],
    ]);

    // Last week's report of Siti, corrected through the form.
    await clickAndWait(page, '.weeknav a[rel=prev]');
    expect(await rowText('Siti Aminah')).toContain('Rp1.200.000');
    expect(await rowText('Kokom Komariah')).toContain('belum lapor');
    await clickAndWait(page, 'table.reports a:text("Siti Aminah")');
    expect(pathOf(page)).toBe(`/dashboard/laporan/${ids.siti}/2026-W47`);
    expect(await page.inputValue('#sales')).toBe('1.200.000');

    await page.fill('#sales', 'sejuta lebih');
    await page.fill('#reason', 'Omzet salah ketik');
    await clickAndWait(page, 'form.correction button[type=submit]');
    expect(await page.textContent('[role=alert]')).toContain('Omzet');
    expect(await page.inputValue('#sales')).toBe('sejuta lebih');
    expect(await page.inputValue('#reason')).toBe('Omzet salah ketik');

    await page.fill('#sales', '1.250.000');
    await page.fill('#savingsDeposit', '30000');
    await clickAndWait(page, 'form.correction button[type=submit]');
    expect(pathOf(page)).toBe(`/dashboard/laporan/${ids.siti}/2026-W47`);
    expect(await page.textContent('[role=status]')).toContain('Koreksi disimpan');
    expect(await page.textContent('.balance')).toBe('Rp30.000');
    const earlier =
      (await page.locator('table.revisions tbody tr', { hasText: 'sebelumnya' }).textContent()) ?? '';
    expect(earlier).toContain('Rp1.200.000');
    expect(earlier).toContain('Rp20.000');
    const current =
      (await page.locator('table.revisions tbody tr', { hasText: 'sekarang' }).textContent()) ?? '';
    expect(current).toContain('Tono');
    expect(current).toContain('Omzet salah ketik');
    await screenshot(page, 'dashboard-laporan-koreksi');

    // The following week's balance moved with the correction: 30.000 + 25.000.
    await page.goto(`${base}/dashboard/laporan?minggu=2026-W48`);
    expect(await rowText('Siti Aminah')).toContain('Rp55.000');
    expect(cspViolations).toEqual([]);
  });
});
