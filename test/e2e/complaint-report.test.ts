import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { setPassword } from '../../src/auth';
import { actOnComplaint, openComplaint } from '../../src/domain/complaints';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK } from '../support/api';
import {
  ARTIFACTS,
  clickAndWait,
  launchChromium,
  openTab,
  pathOf,
  serveDashboard,
  signIn,
  type Tab,
} from '../support/browser';
import { useTestDatabase } from '../support/database';
import { openCsv } from '../support/downloads';

/**
 * The complaints report downloaded from its page in a browser, as each role that may: a month chosen
 * in the page's form, the file saved and opened, and its figures checked against complaints made here
 * through the complaint desk (counts per category, medians in hours, the share within deadline,
 * ratings). A mentor gets neither the page nor the file.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** Monday 30 November 2026, 10:00 WIB. */
const now = new Date('2026-11-30T03:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-laporan-2026';
const LOGINS = { rina: '0813-0000-0001', dewi: '0813-0000-0004', tono: '0813-0000-0201' };
const HOUR = 3_600_000;
const HEADERS = [
  'Puskesos',
  'Bulan',
  'Jumlah',
  'PKH (bantuan tunai)',
  'RTLH (rumah tidak layak huni)',
  'Median diterima (jam)',
  'Median dijawab (jam)',
  'Tepat waktu',
  'Nilai rata-rata',
  'Selesai menurut pelapor',
  'Jumlah penilaian',
];

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;
const tabs = new Map<string, Tab>();

beforeAll(async () => {
  const [lumpaat] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
    { name: 'Puskesos Cihampelas', desa: 'Cihampelas', kecamatan: 'Cihampelas' },
  ]);
  const rina = await db.models.staff.create({
    name: 'Rina',
    phone: '+6281300000001',
    role: 'front_office',
    puskesos: lumpaat?._id,
  });
  await db.models.staff.create({ name: 'Dewi (Dinsos)', phone: '+6281300000004', role: 'admin' });
  await db.models.mentors.create({ name: 'Tono', phone: '+6281300000201', type: 'MiBi' });
  const byRina = { kind: 'staff' as const, staffId: String(rina._id) };

  let serial = 0;
  const complain = async (desa: string, category: string, at: Date) => {
    const phone = `+62812000090${String(++serial).padStart(2, '0')}`;
    const opened = await openComplaint(
      db.models,
      {
        complainantPhone: phone,
        complainantChat: { channel: 'simulator', chatId: phone },
        language: 'id',
        desa,
        category,
        text: `Pengaduan ${serial}`,
        photos: [],
        at,
      },
      TEST_COMPLAINT_DESK,
    );
    if (!opened.ok) throw new Error(`complaint in ${desa} not routed`);
    return { number: opened.number, chat: { channel: 'simulator', chatId: phone } };
  };
  const act = async (number: string, action: Parameters<typeof actOnComplaint>[2], at: Date) => {
    const outcome = await actOnComplaint(db.models, number, action, byRina, at, TEST_COMPLAINT_DESK);
    if (!outcome.ok) throw new Error(`${action.kind} on ${number} refused: ${outcome.reason}`);
  };
  const rate = async (
    complaint: { number: string; chat: { channel: string; chatId: string } },
    score: number,
    solved: boolean,
    at: Date,
  ) => {
    const outcome = await actOnComplaint(
      db.models,
      complaint.number,
      { kind: 'rate', score, solved },
      { kind: 'complainant', chat: complaint.chat },
      at,
      TEST_COMPLAINT_DESK,
    );
    if (!outcome.ok) throw new Error(`rating ${complaint.number} refused: ${outcome.reason}`);
  };
  const later = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR);

  // Lumpaat in November: taken after 2, 4 and 6 hours (median 4); the first answered after 10 hours,
  // in time, and rated 5, solved; the second answered a day after its deadline and rated 2, not
  // solved; the third never answered, its deadline long past. Within deadline: 1 of 3.
  const first = await complain('Batulayang', 'pkh', new Date('2026-11-02T01:00:00Z'));
  await act(first.number, { kind: 'take' }, later(new Date('2026-11-02T01:00:00Z'), 2));
  await act(
    first.number,
    { kind: 'answer', text: 'Sudah cair.' },
    later(new Date('2026-11-02T01:00:00Z'), 10),
  );
  await rate(first, 5, true, later(new Date('2026-11-02T01:00:00Z'), 12));

  const second = await complain('Batulayang', 'pkh', new Date('2026-11-03T01:00:00Z'));
  await act(second.number, { kind: 'take' }, later(new Date('2026-11-03T01:00:00Z'), 4));
  const late = await db.models.complaints.findOne({ number: second.number }, { answerBy: 1 }).lean();
  if (!late?.answerBy) throw new Error('no deadline');
  await act(second.number, { kind: 'answer', text: 'Maaf terlambat.' }, later(late.answerBy, 24));
  await rate(second, 2, false, later(late.answerBy, 26));

  const third = await complain('Batulayang', 'rtlh', new Date('2026-11-04T01:00:00Z'));
  await act(third.number, { kind: 'take' }, later(new Date('2026-11-04T01:00:00Z'), 6));

  // October's, and another Puskesos's: never in Lumpaat's November.
  await complain('Batulayang', 'pkh', new Date('2026-10-20T01:00:00Z'));
  await complain('Cihampelas', 'pkh', new Date('2026-11-05T01:00:00Z'));

  for (const login of Object.values(LOGINS)) await setPassword(db.models, login, PASSWORD);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

async function signedIn(login: string): Promise<Page> {
  const open = tabs.get(login);
  if (open) return open.page;
  const tab = await openTab(browser);
  await tab.page.goto(`${base}/dashboard/masuk`);
  await signIn(tab.page, login, PASSWORD);
  tabs.set(login, tab);
  return tab.page;
}

afterEach(() => {
  for (const tab of tabs.values()) expect(tab.cspViolations).toEqual([]);
});

/** November chosen in the report page's own form. */
async function novemberReport(page: Page) {
  await page.goto(`${base}/dashboard/pengaduan/laporan`);
  await page.fill('#dari', '2026-11');
  await page.fill('#sampai', '2026-11');
  await clickAndWait(page, 'form.filters button[type=submit]');
  expect(new URL(page.url()).searchParams.get('dari')).toBe('2026-11');
}

async function download(page: Page, link: string, saveAs: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: link, exact: true }).click(),
  ]);
  expect(file.suggestedFilename()).toBe(`laporan-pengaduan-2026-11-2026-11.${saveAs.split('.').pop()}`);
  const saved = join(ARTIFACTS, `export-${saveAs}`);
  await file.saveAs(saved);
  return saved;
}

/** Each row of the first sheet, as [header, type, value] by header. */
async function openXlsx(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`${path} has no sheet`);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const types = new Map(Object.entries(ExcelJS.ValueType).map(([name, type]) => [type, name]));
  const rows: Map<string, { type: string | undefined; value: unknown; format: string }>[] = [];
  for (let number = 2; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    rows.push(
      new Map(
        headers.map((header, index) => {
          const cell = row.getCell(index + 1);
          return [header, { type: types.get(cell.type), value: cell.value, format: cell.numFmt }];
        }),
      ),
    );
  }
  return { headers, rows };
}

/** Lumpaat's November as the complaints above make it. */
const LUMPAAT_NOVEMBER = {
  Puskesos: { type: 'String', value: 'Puskesos Lumpaat' },
  Bulan: { type: 'String', value: '2026-11' },
  Jumlah: { type: 'Number', value: 3 },
  'PKH (bantuan tunai)': { type: 'Number', value: 2 },
  'RTLH (rumah tidak layak huni)': { type: 'Number', value: 1 },
  'Median diterima (jam)': { type: 'Number', value: 4 },
  'Tepat waktu': { type: 'Number', value: 1 / 3 },
  'Nilai rata-rata': { type: 'Number', value: 3.5 },
  'Selesai menurut pelapor': { type: 'Number', value: 0.5 },
  'Jumlah penilaian': { type: 'Number', value: 2 },
};

const valuesOf = (row: Map<string, { type: string | undefined; value: unknown }> | undefined) =>
  Object.fromEntries(
    Object.keys(LUMPAAT_NOVEMBER).map((header) => {
      const cell = row?.get(header);
      return [header, { type: cell?.type, value: cell?.value }];
    }),
  );

describe('the complaints report, downloaded from its page in a browser and opened', () => {
  it('gives Puskesos staff their own Puskesos’s month, figures as numbers and shares as percentages', async () => {
    const page = await signedIn(LOGINS.rina);
    await novemberReport(page);
    const file = await openXlsx(await download(page, 'Unduh Excel', 'laporan-pengaduan-rina.xlsx'));
    expect(file.headers).toEqual(HEADERS);
    expect(file.rows).toHaveLength(1);
    expect(valuesOf(file.rows[0])).toEqual(LUMPAAT_NOVEMBER);
    // Answered after 10 hours and after its deadline and a day: the median of the two.
    const answered = file.rows[0]?.get('Median dijawab (jam)');
    expect(answered?.type).toBe('Number');
    expect(Number(answered?.value)).toBeGreaterThan(10);
    expect(file.rows[0]?.get('Tepat waktu')?.format).toBe('0.0%');

    const csv = await openCsv(await download(page, 'Unduh CSV', 'laporan-pengaduan-rina.csv'));
    expect(csv.headers).toEqual(HEADERS);
    expect(csv.rows.map((row) => Object.fromEntries(row))).toEqual([
      expect.objectContaining({
        Puskesos: 'Puskesos Lumpaat',
        Jumlah: '3',
        'PKH (bantuan tunai)': '2',
        'RTLH (rumah tidak layak huni)': '1',
        'Median diterima (jam)': '4',
        'Tepat waktu': '33,3',
        'Nilai rata-rata': '3,5',
        'Selesai menurut pelapor': '50',
        'Jumlah penilaian': '2',
      }),
    ]);
  });

  it('gives a Dinsos admin every Puskesos’s month, the same figures for Lumpaat', async () => {
    const page = await signedIn(LOGINS.dewi);
    await novemberReport(page);
    const file = await openXlsx(await download(page, 'Unduh Excel', 'laporan-pengaduan-dewi.xlsx'));
    expect(file.headers).toEqual(HEADERS);
    expect(file.rows.map((row) => row.get('Puskesos')?.value)).toEqual([
      'Puskesos Cihampelas',
      'Puskesos Lumpaat',
    ]);
    expect(valuesOf(file.rows[1])).toEqual(LUMPAAT_NOVEMBER);
    expect(file.rows[0]?.get('Jumlah')?.value).toBe(1);
    // Nothing measured yet: an empty cell, not a zero.
    expect(file.rows[0]?.get('Median diterima (jam)')?.type).toBe('Null');
  });

  it('refuses a mentor the page and the file, and offers no download', async () => {
    const page = await signedIn(LOGINS.tono);
    for (const address of [
      '/dashboard/pengaduan/laporan',
      '/dashboard/pengaduan/laporan/unduh?dari=2026-11&sampai=2026-11&format=xlsx',
    ]) {
      const refused = await page.goto(`${base}${address}`);
      expect([address, refused?.status(), await page.textContent('h1')]).toEqual([
        address,
        403,
        'Tidak berhak',
      ]);
      expect(await page.textContent('main')).toContain(
        'Laporan pengaduan hanya untuk petugas Puskesos dan admin Dinsos.',
      );
      expect(await page.getByRole('link', { name: /Unduh/ }).count()).toBe(0);
      expect(pathOf(page)).toBe(address.split('?')[0]);
    }
  });
});
