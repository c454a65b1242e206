import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { setPassword } from '../../src/auth';
import { NikVault } from '../../src/domain/identity';
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

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-dinsos-2026';
const ADMIN = '+6281300000004';
const TONO = '+6281300000201';
const directory = mkdtempSync(join(tmpdir(), 'pendamping-e2e-impor-'));

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;

/** The workbook an office keeps its roster in: headings on the first row, one participant per row. */
async function rosterWorkbook(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Peserta');
  sheet.addRow(['Nama', 'No HP', 'Kecamatan', 'Desa', 'Klaster', 'Tahap', 'HP MiBi']);
  sheet.addRow([
    'Siti Aminah',
    '0812-3456-7890',
    'Cililin',
    'Batulayang',
    'Kuliner',
    'Start Up',
    '0813-0000-0201',
  ]);
  sheet.addRow(['Salah Tahap', '0812-9999-0000', 'Cililin', 'Batulayang', 'Ritel', 'tahap 4', '']);
  sheet.addRow(['Ujang Suryana', '0857-2211-3344', 'Cihampelas', 'Pataruman', 'Agribisnis', 'Scale Up', '']);
  const path = join(directory, 'peserta-cililin.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

beforeAll(async () => {
  await db.models.staff.create({ name: 'Dewi (Dinsos)', phone: ADMIN, role: 'admin' });
  await db.models.mentors.create({ name: 'Tono', phone: TONO, type: 'MiBi', kecamatan: ['Cililin'] });
  await setPassword(db.models, ADMIN, PASSWORD);
  ({ base, close } = await serveDashboard({
    connection: db.connection,
    models: db.models,
    clock,
    logger,
    dependencies: { nikVault: new NikVault(randomBytes(32)) },
  }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
  rmSync(directory, { recursive: true, force: true });
});

describe('the import page in a browser', () => {
  it('lets a Dinsos admin upload a workbook of participants and read the report of its bad row', async () => {
    const workbook = await rosterWorkbook();
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard/masuk`);
    await signIn(page, '0813-0000-0004', PASSWORD);

    await page.goto(`${base}/dashboard/impor`);
    expect(pathOf(page)).toBe('/dashboard/impor');
    expect(await page.textContent('h1')).toBe('Impor data');
    // The column guide opens without any script (a <details> element).
    await page.click('summary:has-text("Peserta (KPM)")');
    expect(await page.isVisible('details.import-kind[open] code:text("hp_mibi")')).toBe(true);
    await screenshot(page, 'dashboard-impor');

    await page.selectOption('#import-kind', 'participants');
    await page.setInputFiles('#import-file', workbook);
    await clickAndWait(page, 'button:text("Impor")');

    expect(pathOf(page)).toBe('/dashboard/impor');
    expect(await page.textContent('.import-report h2')).toContain('peserta-cililin.xlsx');
    expect(await page.textContent('.import-counts')).toContain(
      '3 baris dibaca: 2 baru, 0 diubah, 0 tetap, 1 ditolak.',
    );
    expect(await page.textContent('#count-created')).toBe('2');
    expect(await page.textContent('#count-rejected')).toBe('1');
    expect(await page.locator('.import-problems tbody tr').count()).toBe(1);
    const refused = await page.locator('.import-problems tbody td').allTextContents();
    expect(refused.map((cell) => cell.trim())).toEqual([
      '3',
      'Tahap',
      expect.stringContaining('"tahap 4" tidak dikenal'),
    ]);
    await screenshot(page, 'dashboard-impor-laporan');

    const stored = await db.models.participants.find({}).sort({ phone: 1 }).lean();
    expect(stored.map((participant) => [participant.name, participant.phone])).toEqual([
      ['Siti Aminah', '+6281234567890'],
      ['Ujang Suryana', '+6285722113344'],
    ]);
    const tono = await db.models.mentors.findOne({ phone: TONO }).lean();
    expect(stored[0]?.mentors?.mibi?.toString()).toBe(tono?._id.toString());

    // The same workbook again changes nothing, and the page says so.
    await page.selectOption('#import-kind', 'participants');
    await page.setInputFiles('#import-file', workbook);
    await clickAndWait(page, 'button:text("Impor")');
    expect(await page.textContent('.import-counts')).toContain('0 baru, 0 diubah, 2 tetap, 1 ditolak');
    expect(await db.models.participants.countDocuments()).toBe(2);
    expect(cspViolations).toEqual([]);
  });
});
