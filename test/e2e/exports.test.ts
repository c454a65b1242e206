import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Types } from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { auditActorOf, recordAudit, setPassword } from '../../src/auth';
import { actOnComplaint, openComplaint } from '../../src/domain/complaints';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK } from '../support/api';
import {
  ARTIFACTS,
  clickAndWait,
  launchChromium,
  openTab,
  pathOf,
  type Tab,
  serveDashboard,
  signIn,
} from '../support/browser';
import { useTestDatabase } from '../support/database';
import { openCsv } from '../support/downloads';
import { siti } from '../support/participants';
import { rebuildSessionIndex } from '../../src/domain/sessions';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

/**
 * Every export of the dashboard as its users get it, in a real browser: signed in as a role that may
 * use it, a filter set in the page's own form, the download link clicked, the file saved and opened
 * (.xlsx with exceljs, CSV as Excel with Indonesian settings reads it), and its header, rows, cells
 * and cell types compared with what the page shows for the same filter.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** Monday 23 November 2026, 09:00 WIB: ISO week 2026-W48. */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-unduhan-2026';
const LOGINS = {
  rina: '0813-0000-0001',
  dewi: '0813-0000-0004',
  tono: '0813-0000-0201',
};
const PHONES = {
  siti: '+6281200007777',
  kokom: '+6281200009999',
  eneng: '+6281200006666',
  dede: '+6281200007780',
  euis: '+6281200008888',
  resident: '+6281200005555',
};
/** A wall-clock time in WIB as a Date cell holds it: Excel has no zones, so its fields are WIB's. */
const wib = (text: string) => new Date(`${text}Z`);

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;
const tabs = new Map<string, Tab>();

beforeAll(async () => {
  const [lumpaat] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
    { name: 'Puskesos Cihampelas', desa: 'Cihampelas', kecamatan: 'Cihampelas' },
  ]);
  const [rina] = await db.models.staff.create([
    { name: 'Rina', phone: '+6281300000001', role: 'front_office', puskesos: lumpaat?._id },
    { name: 'Dewi (Dinsos)', phone: '+6281300000004', role: 'admin' },
  ]);
  const [tono, ujang] = await db.models.mentors.create([
    { name: 'Tono', phone: '+6281300000201', type: 'MiBi', kecamatan: ['Cililin', 'Cihampelas'] },
    { name: 'Ujang', phone: '+6281300000202', type: 'MiBi', kecamatan: ['Cililin'] },
  ]);
  const byTono = { mentors: { mibi: tono?._id } };
  const [sitiRecord, kokom, eneng, dede, euis] = await db.models.participants.create([
    { ...siti(PHONES.siti), ...byTono, capitalGrant: { amount: 3_500_000 } },
    {
      ...siti(PHONES.kokom),
      ...byTono,
      name: 'Kokom Komariah',
      desa: 'Karanganyar',
      cluster: 'ritel',
      capitalGrant: { amount: 2_500_000 },
      // 1 October 2026 to 1 January 2027, midnight WIB.
      mentoringWindow: { start: new Date('2026-09-30T17:00:00Z'), end: new Date('2026-12-31T17:00:00Z') },
    },
    // A Sundanese name: the CSV must keep its é as Excel reads it (UTF-8 with a byte order mark).
    { ...siti(PHONES.eneng), ...byTono, name: 'Enéng Sumarni', cluster: 'kriya_fesyen' },
    { ...siti(PHONES.dede), ...byTono, name: 'Dede Rohaeni', kecamatan: 'Cihampelas', desa: 'Pataruman' },
    { ...siti(PHONES.euis), name: 'Euis Suryani', mentors: { mibi: ujang?._id } },
  ]);
  if (!sitiRecord || !kokom || !eneng || !dede || !euis || !tono || !ujang || !rina) {
    throw new Error('seed failed');
  }

  const report = (participant: Types.ObjectId, week: string, sales: number, deposit: number, at: string) =>
    submitWeeklyReport(db.models, {
      participant,
      week,
      sales,
      spending: Math.round(sales / 3),
      savingsDeposit: deposit,
      savingsWithdrawal: 0,
      channel: 'simulator',
      submittedAt: new Date(at),
    });
  await report(sitiRecord._id, '2026-W46', 1_100_000, 15_000, '2026-11-15T10:00:00Z');
  await report(sitiRecord._id, '2026-W47', 1_200_000, 20_000, '2026-11-21T09:00:00Z');
  // Sunday 22 November 23:30 UTC is Monday 23 November 06:30 in Bandung Barat.
  await report(sitiRecord._id, '2026-W48', 1_350_000, 25_000, '2026-11-22T23:30:00Z');
  await report(kokom._id, '2026-W47', 650_000, 10_000, '2026-11-21T23:30:00Z');
  await report(dede._id, '2026-W46', 900_000, 5_000, '2026-11-14T23:45:00Z');
  await report(dede._id, '2026-W48', 2_750_000, 70_000, '2026-11-23T00:10:00Z');
  await report(euis._id, '2026-W48', 500_000, 5_000, '2026-11-22T11:00:00Z');

  const complain = async (complaint: {
    participant?: Types.ObjectId;
    phone: string;
    desa: string;
    kecamatan?: string;
    category: string;
    text: string;
    at: string;
  }) => {
    const opened = await openComplaint(
      db.models,
      {
        participant: complaint.participant,
        complainantPhone: complaint.phone,
        complainantChat: { channel: 'simulator', chatId: complaint.phone },
        language: 'id',
        desa: complaint.desa,
        kecamatan: complaint.kecamatan,
        category: complaint.category,
        text: complaint.text,
        photos: [],
        at: new Date(complaint.at),
      },
      TEST_COMPLAINT_DESK,
    );
    if (!opened.ok) throw new Error(`complaint in ${complaint.desa} not routed`);
    return opened.number;
  };
  const byRina = { kind: 'staff' as const, staffId: String(rina._id) };
  // Friday 20 November, 08:00 WIB; answered at 14:45 WIB.
  const unpaid = await complain({
    participant: sitiRecord._id,
    phone: PHONES.siti,
    desa: 'Batulayang',
    category: 'pkh',
    text: 'Bantuan PKH tahap 4 belum cair',
    at: '2026-11-20T01:00:00Z',
  });
  await actOnComplaint(
    db.models,
    unpaid,
    { kind: 'reply', text: 'Sedang kami cek ke bank penyalur.' },
    byRina,
    new Date('2026-11-20T07:45:00Z'),
    TEST_COMPLAINT_DESK,
  );
  await complain({
    phone: PHONES.resident,
    desa: 'Batulayang',
    category: 'rtlh',
    text: 'Atap rumah bocor',
    at: '2026-11-21T23:30:00Z',
  });
  // Answered and closed: listed only when the inbox shows every status.
  const card = await complain({
    participant: kokom._id,
    phone: PHONES.kokom,
    desa: 'Karanganyar',
    kecamatan: 'Cililin',
    category: 'pkh',
    text: 'Saldo KKS tidak bisa ditarik',
    at: '2026-11-22T03:00:00Z',
  });
  for (const action of [
    { kind: 'answer' as const, text: 'Kartu sudah diaktifkan lagi.' },
    { kind: 'close' as const },
  ]) {
    const outcome = await actOnComplaint(db.models, card, action, byRina, now, TEST_COMPLAINT_DESK);
    if (!outcome.ok) throw new Error(`${action.kind} refused: ${outcome.reason}`);
  }
  // Another Puskesos's: never in Lumpaat's file.
  await complain({
    participant: dede._id,
    phone: PHONES.dede,
    desa: 'Pataruman',
    kecamatan: 'Cihampelas',
    category: 'pkh',
    text: 'Nama salah di KKS',
    at: '2026-11-21T02:00:00Z',
  });

  const [bookkeeping, , pricing] = await db.models.mentoringSessions.create([
    {
      mentor: tono._id,
      // Saturday 14 November, 09:00 WIB.
      startsAt: new Date('2026-11-14T02:00:00Z'),
      place: 'Balai Desa Batulayang',
      topic: 'Pembukuan sederhana',
      participants: [sitiRecord._id, kokom._id],
      status: 'done' as const,
    },
    {
      mentor: tono._id,
      startsAt: new Date('2026-11-26T03:00:00Z'),
      place: 'Kantor Desa Pataruman',
      topic: 'Izin usaha (NIB)',
      participants: [dede._id],
    },
    {
      mentor: tono._id,
      // Thursday 8 October, 14:30 WIB.
      startsAt: new Date('2026-10-08T07:30:00Z'),
      place: 'Rumah Ibu Kokom',
      topic: 'Menghitung harga jual',
      participants: [kokom._id, eneng._id],
      status: 'done' as const,
    },
    {
      mentor: ujang._id,
      startsAt: new Date('2026-11-12T02:00:00Z'),
      place: 'Balai Desa Batulayang',
      topic: 'Kemasan produk',
      participants: [euis._id],
      status: 'done' as const,
    },
  ]);
  await db.models.sessionAttendance.create([
    { session: bookkeeping?._id, participant: sitiRecord._id, present: true, recordedAt: now },
    { session: bookkeeping?._id, participant: kokom._id, present: false, recordedAt: now },
    { session: pricing?._id, participant: kokom._id, present: true, recordedAt: now },
    { session: pricing?._id, participant: eneng._id, present: true, recordedAt: now },
  ]);
  await db.models.sessionResponses.create({
    session: bookkeeping?._id,
    participant: kokom._id,
    answer: 'decline',
    answeredAt: now,
  });
  // Written around the service: the mentors' session indexes are built again from them.
  await rebuildSessionIndex(db.models);

  const changed = (mentor: string, participant: Types.ObjectId, at: string) =>
    recordAudit(
      db.models,
      {
        actor: auditActorOf({ kind: 'mentor', id: mentor }),
        action: 'participant.update',
        target: String(participant),
        details: { via: 'session', fields: ['business.name'] },
      },
      new Date(at),
    );
  await changed(String(tono._id), kokom._id, '2026-11-20T03:05:00Z');
  // Saturday 21 November 22:10 UTC: Sunday 05:10 in WIB.
  await changed(String(tono._id), eneng._id, '2026-11-21T22:10:00Z');
  await changed(String(ujang._id), euis._id, '2026-11-19T02:00:00Z');

  for (const login of Object.values(LOGINS)) await setPassword(db.models, login, PASSWORD);
  // Participants written around the service, as a seed is: the lists read the roster built from them.
  await rebuildParticipantRoster(db.models);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

/** A tab signed in as this person, opened once for the whole file. */
async function signedIn(login: string): Promise<Page> {
  const open = tabs.get(login);
  if (open) return open.page;
  const tab = await openTab(browser);
  await tab.page.goto(`${base}/dashboard/masuk`);
  await signIn(tab.page, login, PASSWORD);
  tabs.set(login, tab);
  return tab.page;
}

// The pages must work with nothing the content security policy blocks.
afterEach(() => {
  for (const tab of tabs.values()) expect(tab.cspViolations).toEqual([]);
});

/** Clicks what downloads a file, as a person would, and saves it where CI keeps the artifacts. */
async function download(page: Page, click: () => Promise<void>, fileName: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  expect(file.suggestedFilename()).toBe(fileName);
  const saved = join(ARTIFACTS, `export-${fileName}`);
  await file.saveAs(saved);
  return saved;
}

const clickLink = (page: Page, name: string) => () =>
  page.getByRole('link', { name, exact: true }).first().click();

/** The workbook's first sheet: its header row, and each data row's cells by header. */
async function openXlsx(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`${path} has no sheet`);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Map<string, ExcelJS.Cell>[] = [];
  for (let number = 2; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    rows.push(new Map(headers.map((header, index) => [header, row.getCell(index + 1)])));
  }
  return { headers, rows };
}

/** A cell's value and the type Excel keeps it as. */
const TYPE_NAMES = new Map(Object.entries(ExcelJS.ValueType).map(([name, type]) => [type, name]));
const typed = (cell: ExcelJS.Cell | undefined) => ({
  type: TYPE_NAMES.get(cell?.type ?? ExcelJS.ValueType.Null),
  value: cell?.value ?? null,
});
const column = (rows: Map<string, ExcelJS.Cell>[], header: string) =>
  rows.map((row) => row.get(header)?.value ?? null);

/** The text of a page's table column, found by its heading, row by row (over every table matched). */
const tableColumn = (page: Page, table: string, heading: string) =>
  page.$$eval(
    table,
    (tables, name) =>
      tables.flatMap((element) => {
        const headings = [...element.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim());
        const index = headings.indexOf(name);
        if (index < 0) throw new Error(`no column ${name} among ${headings.join(', ')}`);
        return [...element.querySelectorAll('tbody tr')].map((row) =>
          (row.children[index]?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        );
      }),
    heading,
  );

/** `Rp1.350.000` as the page writes it, as a number. */
const rupiah = (text: string) => Number(text.replace(/[^\d]/g, ''));

describe('each export, downloaded from its page in a browser and opened', () => {
  it('gives a mentor their participants with the page’s filters, as .xlsx and as CSV', async () => {
    const page = await signedIn(LOGINS.tono);
    await page.goto(`${base}/dashboard/peserta`);
    await page.selectOption('#filter-kecamatan', 'Cililin');
    await page.check('#filter-belum');
    await clickAndWait(page, 'form.filters button[type=submit]');
    expect(new URL(page.url()).searchParams.get('belum_lapor')).toBe('1');
    expect(await page.textContent('p.count')).toContain('2 peserta');
    const shown = {
      names: await tableColumn(page, 'table.participants', 'Nama'),
      phones: await tableColumn(page, 'table.participants', 'No. HP'),
    };
    // Siti reported this week, Dede is in Cihampelas, Euis is Ujang's.
    expect(shown.names).toEqual(['Enéng Sumarni', 'Kokom Komariah']);

    const xlsx = await openXlsx(await download(page, clickLink(page, 'Unduh Excel'), 'peserta.xlsx'));
    expect(xlsx.headers).toEqual([
      'Nama',
      'No. HP',
      'Kecamatan',
      'Desa',
      'Klaster',
      'Tahap',
      'Pendamping',
      'Status',
      'Usaha',
      'Modal usaha (Rp)',
      'Mulai pendampingan',
      'Akhir pendampingan',
    ]);
    expect(column(xlsx.rows, 'Nama')).toEqual(shown.names);
    expect(column(xlsx.rows, 'No. HP')).toEqual(shown.phones);
    expect(new Set(column(xlsx.rows, 'Kecamatan'))).toEqual(new Set(['Cililin']));
    const [eneng, kokom] = xlsx.rows;
    expect(typed(kokom?.get('No. HP'))).toEqual({ type: 'String', value: PHONES.kokom });
    expect(typed(kokom?.get('Modal usaha (Rp)'))).toEqual({ type: 'Number', value: 2_500_000 });
    expect(typed(kokom?.get('Mulai pendampingan'))).toEqual({ type: 'Date', value: wib('2026-10-01T00:00') });
    expect(typed(kokom?.get('Akhir pendampingan'))).toEqual({ type: 'Date', value: wib('2027-01-01T00:00') });
    expect(kokom?.get('Mulai pendampingan')?.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(typed(kokom?.get('Klaster'))).toEqual({ type: 'String', value: 'Ritel' });
    expect(typed(eneng?.get('Modal usaha (Rp)'))).toEqual({ type: 'Null', value: null });
    expect(eneng?.get('Pendamping')?.value).toBe('Tono');

    const csv = await openCsv(await download(page, clickLink(page, 'Unduh CSV'), 'peserta.csv'));
    expect(csv.headers).toEqual(xlsx.headers);
    expect(csv.rows.map((row) => row.get('Nama'))).toEqual(shown.names);
    // A phone stays text in Excel as the result of ="…"; amounts are plain digits, times in WIB.
    expect(csv.rows[1]?.get('No. HP')).toBe(`="${PHONES.kokom}"`);
    expect(csv.rows[1]?.get('Modal usaha (Rp)')).toBe('2500000');
    expect(csv.rows[1]?.get('Mulai pendampingan')).toBe('2026-10-01 00:00');
    expect(csv.rows[0]?.get('Klaster')).toBe('Kriya Tekstil/Fesyen');
  });

  it('gives a mentor the week’s unreported participants, then a range of weeks, with the filter carried', async () => {
    const page = await signedIn(LOGINS.tono);
    await page.goto(`${base}/dashboard/laporan`);
    await page.check('#belum');
    await clickAndWait(page, 'form.filters button:text("Tampilkan")');
    expect(new URL(page.url()).searchParams.get('belum')).toBe('1');
    const unreported = async () => tableColumn(page, 'table.reports', 'Peserta');
    const shownW48 = await unreported();
    expect(shownW48).toEqual(['Enéng Sumarni', 'Kokom Komariah']);

    const week = await openXlsx(
      await download(page, clickLink(page, 'Unduh Excel'), 'laporan-mingguan-2026-W48.xlsx'),
    );
    expect(week.headers).toEqual([
      'Nama',
      'No. HP',
      'Kecamatan',
      'Desa',
      'Klaster',
      'Pendamping',
      'Minggu',
      'Status',
      'Omzet (Rp)',
      'Pengeluaran (Rp)',
      'Setoran tabungan (Rp)',
      'Penarikan tabungan (Rp)',
      'Saldo tabungan (Rp)',
      'Lewat',
      'Waktu lapor',
    ]);
    expect(column(week.rows, 'Nama')).toEqual(shownW48);
    expect(new Set(column(week.rows, 'Status'))).toEqual(new Set(['belum lapor']));
    expect(new Set(column(week.rows, 'Omzet (Rp)'))).toEqual(new Set([null]));
    expect(typed(week.rows[1]?.get('No. HP'))).toEqual({ type: 'String', value: PHONES.kokom });

    // The range form below the table, with the "belum lapor" filter it carries.
    await page.fill('#dari', '2026-W46');
    await page.selectOption('#format', 'csv');
    const range = await openCsv(
      await download(
        page,
        () => page.click('button:text("Unduh rentang minggu")'),
        'laporan-mingguan-2026-W46_2026-W48.csv',
      ),
    );
    expect(range.headers).toEqual(week.headers);
    const shownByWeek: string[][] = [];
    for (const shownWeek of ['2026-W46', '2026-W47', '2026-W48']) {
      await page.goto(`${base}/dashboard/laporan?minggu=${shownWeek}&belum=1`);
      shownByWeek.push((await unreported()).map((name) => `${shownWeek} ${name}`));
    }
    expect(range.rows.map((row) => `${row.get('Minggu')} ${row.get('Nama')}`)).toEqual(shownByWeek.flat());
    expect(shownByWeek.flat()).toEqual([
      '2026-W46 Enéng Sumarni',
      '2026-W46 Kokom Komariah',
      // Cihampelas before Cililin: by kecamatan, desa and name, as the page lists them.
      '2026-W47 Dede Rohaeni',
      '2026-W47 Enéng Sumarni',
      '2026-W48 Enéng Sumarni',
      '2026-W48 Kokom Komariah',
    ]);
    expect(new Set(range.rows.map((row) => row.get('Status')))).toEqual(new Set(['belum lapor']));
    expect(range.rows[2]?.get('No. HP')).toBe(`="${PHONES.dede}"`);
    expect(range.rows[2]?.get('Klaster')).toBe('Kuliner');
    expect(range.rows[2]?.get('Omzet (Rp)')).toBe('');
  });

  it('gives a Dinsos admin a kecamatan’s week with amounts as numbers and report times in WIB', async () => {
    const page = await signedIn(LOGINS.dewi);
    await page.goto(`${base}/dashboard/laporan`);
    await page.selectOption('#kecamatan', 'Cililin');
    await clickAndWait(page, 'form.filters button:text("Tampilkan")');
    const table = 'table.reports';
    const shown = await tableColumn(page, table, 'Peserta');
    expect(shown).toEqual(['Enéng Sumarni', 'Euis Suryani', 'Siti Aminah', 'Kokom Komariah']);
    const sitiSales = rupiah((await tableColumn(page, table, 'Omzet'))[2] ?? '');
    const sitiBalance = rupiah((await tableColumn(page, table, 'Saldo tabungan'))[2] ?? '');

    const file = await openXlsx(
      await download(page, clickLink(page, 'Unduh Excel'), 'laporan-mingguan-2026-W48.xlsx'),
    );
    expect(column(file.rows, 'Nama')).toEqual(shown);
    expect(new Set(column(file.rows, 'Kecamatan'))).toEqual(new Set(['Cililin']));
    const sitiRow = file.rows[2];
    expect(typed(sitiRow?.get('Omzet (Rp)'))).toEqual({ type: 'Number', value: sitiSales });
    expect(typed(sitiRow?.get('Saldo tabungan (Rp)'))).toEqual({ type: 'Number', value: sitiBalance });
    expect(sitiBalance).toBe(60_000);
    expect(typed(sitiRow?.get('Setoran tabungan (Rp)'))).toEqual({ type: 'Number', value: 25_000 });
    expect(sitiRow?.get('Omzet (Rp)')?.numFmt).toBe('#,##0');
    // Sent at 23:30 UTC on Sunday: Monday 06:30 on the programme's clocks.
    expect(typed(sitiRow?.get('Waktu lapor'))).toEqual({ type: 'Date', value: wib('2026-11-23T06:30') });
    expect(typed(sitiRow?.get('No. HP'))).toEqual({ type: 'String', value: PHONES.siti });
    expect(sitiRow?.get('Pendamping')?.value).toBe('Tono');
    expect(file.rows[1]?.get('Pendamping')?.value).toBe('Ujang');
    expect(file.rows.map((row) => row.get('Status')?.value)).toEqual([
      'belum lapor',
      'sudah lapor',
      'sudah lapor',
      'belum lapor',
    ]);
  });

  it('gives Puskesos staff their complaints with the inbox’s choices, category names and times in WIB', async () => {
    const page = await signedIn(LOGINS.rina);
    await page.goto(`${base}/dashboard/pengaduan`);
    await page.selectOption('#status', 'semua');
    await page.selectOption('#kategori', 'pkh');
    await clickAndWait(page, 'form.filters button:text("Tampilkan")');
    expect(await page.textContent('main')).toContain('2 pengaduan di halaman ini');
    const table = 'main table';
    const shown = {
      numbers: await tableColumn(page, table, 'Nomor'),
      statuses: await tableColumn(page, table, 'Status'),
      categories: await tableColumn(page, table, 'Kategori'),
      assignees: await tableColumn(page, table, 'Petugas'),
    };

    const file = await openXlsx(await download(page, clickLink(page, 'Unduh Excel'), 'pengaduan.xlsx'));
    expect(file.headers).toEqual([
      'Nomor',
      'Masuk',
      'Puskesos',
      'Kategori',
      'Desa',
      'Pelapor',
      'No. HP',
      'Isi pengaduan',
      'Status',
      'Petugas',
      'Batas waktu',
      'Dijawab pertama',
      'Nilai (1-5)',
    ]);
    const byNumber = (numbers: unknown[], others: unknown[]) =>
      numbers.map((number, index) => `${String(number)} ${String(others[index])}`).sort();
    expect(byNumber(column(file.rows, 'Nomor'), column(file.rows, 'Status'))).toEqual(
      byNumber(shown.numbers, shown.statuses),
    );
    // The file names a category as the page does, not by the code the flows store.
    expect(byNumber(column(file.rows, 'Nomor'), column(file.rows, 'Kategori'))).toEqual(
      byNumber(shown.numbers, shown.categories),
    );
    // Nobody took the complaint: the page says so, the file leaves the cell empty.
    expect(byNumber(column(file.rows, 'Nomor'), column(file.rows, 'Petugas'))).toEqual(
      byNumber(
        shown.numbers,
        shown.assignees.map((name) => (name === 'belum diambil' ? null : name)),
      ),
    );
    expect(new Set(column(file.rows, 'Puskesos'))).toEqual(new Set(['Puskesos Lumpaat']));
    const unpaid = file.rows.find(
      (row) => row.get('Isi pengaduan')?.value === 'Bantuan PKH tahap 4 belum cair',
    );
    expect(typed(unpaid?.get('No. HP'))).toEqual({ type: 'String', value: '0812-****-7777' });
    expect(typed(unpaid?.get('Masuk'))).toEqual({ type: 'Date', value: wib('2026-11-20T08:00') });
    expect(typed(unpaid?.get('Dijawab pertama'))).toEqual({ type: 'Date', value: wib('2026-11-20T14:45') });
    expect(unpaid?.get('Pelapor')?.value).toBe('Siti Aminah');
    expect(column(file.rows, 'Status')).toContain('ditutup');
  });

  it('gives a mentor their sessions in a kecamatan with attendance, and a calendar month’s as CSV', async () => {
    const page = await signedIn(LOGINS.tono);
    await page.goto(`${base}/dashboard/sesi`);
    await page.selectOption('#filter-kecamatan', 'Cililin');
    await clickAndWait(page, 'form.filters button[type=submit]');
    const table = 'table.sessions';
    const topics = await tableColumn(page, table, 'Topik');
    const invited = (await tableColumn(page, table, 'Diundang')).map(Number);
    const present = (await tableColumn(page, table, 'Hadir')).map(Number);
    // The session in Pataruman (Cihampelas) and Ujang's are not listed.
    expect(topics).toEqual(['Pembukuan sederhana', 'Menghitung harga jual']);

    const file = await openXlsx(await download(page, clickLink(page, 'Unduh Excel'), 'sesi.xlsx'));
    expect(file.headers).toEqual([
      'Waktu',
      'Pendamping',
      'Tempat',
      'Topik',
      'Status sesi',
      'Peserta',
      'No. HP',
      'Desa',
      'Jawaban undangan',
      'Kehadiran',
    ]);
    // A row for each invited participant: as many as the page's "Diundang" add up to.
    expect(file.rows).toHaveLength(invited.reduce((sum, count) => sum + count, 0));
    expect(column(file.rows, 'Kehadiran').filter((word) => word === 'hadir')).toHaveLength(
      present.reduce((sum, count) => sum + count, 0),
    );
    expect(new Set(column(file.rows, 'Topik'))).toEqual(new Set(topics));
    const siti = file.rows.find((row) => row.get('Peserta')?.value === 'Siti Aminah');
    expect(typed(siti?.get('Waktu'))).toEqual({ type: 'Date', value: wib('2026-11-14T09:00') });
    expect(typed(siti?.get('No. HP'))).toEqual({ type: 'String', value: PHONES.siti });
    expect(siti?.get('Kehadiran')?.value).toBe('hadir');
    const kokom = file.rows.find(
      (row) => row.get('Peserta')?.value === 'Kokom Komariah' && row.get('Topik')?.value === topics[0],
    );
    expect([kokom?.get('Jawaban undangan')?.value, kokom?.get('Kehadiran')?.value]).toEqual([
      'tidak bisa',
      'tidak hadir',
    ]);

    // The calendar keeps the kecamatan; its previous month narrows the file to October.
    await clickAndWait(page, 'a:text("Tampilan kalender")');
    await clickAndWait(page, 'nav.months a[rel=prev]');
    expect(await page.textContent('nav.months h2')).toBe('Oktober 2026');
    expect(await page.textContent('td[data-date="2026-10-08"]')).toContain('14.30 Menghitung harga jual');
    const october = await openCsv(await download(page, clickLink(page, 'Unduh CSV'), 'sesi-2026-10.csv'));
    expect(october.headers).toEqual(file.headers);
    expect(october.rows.map((row) => [row.get('Waktu'), row.get('Peserta'), row.get('Kehadiran')])).toEqual([
      ['2026-10-08 14:30', 'Kokom Komariah', 'hadir'],
      ['2026-10-08 14:30', 'Enéng Sumarni', 'hadir'],
    ]);
    expect(october.rows[1]?.get('No. HP')).toBe(`="${PHONES.eneng}"`);
  });

  it('gives a Dinsos admin the audit log with the page’s filters, names and times in WIB', async () => {
    const page = await signedIn(LOGINS.dewi);
    await page.goto(`${base}/dashboard/audit`);
    await page.fill('#aksi', 'participant.update');
    await page.fill('#pelaku', 'Tono');
    await clickAndWait(page, 'form.filters button[type=submit]');
    const table = 'table#audit';
    const shown = {
      times: await tableColumn(page, table, 'Waktu (Asia/Jakarta)'),
      actors: await tableColumn(page, table, 'Pelaku'),
    };
    // Ujang's change is filtered out.
    expect(shown.times).toEqual(['2026-11-22 05:10:00', '2026-11-20 10:05:00']);

    const file = await openXlsx(await download(page, clickLink(page, 'Unduh Excel'), 'log-audit.xlsx'));
    expect(file.headers).toEqual(['Waktu', 'Pelaku', 'Akun', 'Aksi', 'Sasaran', 'Dari', 'Rincian']);
    expect(file.rows.map((row) => typed(row.get('Waktu')))).toEqual(
      shown.times.map((time) => ({ type: 'Date', value: wib(time.replace(' ', 'T')) })),
    );
    expect(column(file.rows, 'Pelaku')).toEqual(shown.actors);
    expect(new Set(column(file.rows, 'Aksi'))).toEqual(new Set(['participant.update']));
    expect(String(file.rows[0]?.get('Akun')?.value)).toMatch(/^mentor:[0-9a-f]{24}$/);
    expect(file.rows[0]?.get('Rincian')?.value).toContain('fields: business.name');
  });

  it('offers no download to a role that may not export, and refuses one asked for by its address', async () => {
    const rina = await signedIn(LOGINS.rina);
    const tono = await signedIn(LOGINS.tono);
    // Puskesos staff have no weekly reports, sessions or audit log; a mentor has no complaints.
    const refusals = [
      [rina, '/dashboard/laporan', 'Laporan mingguan hanya untuk pendamping'],
      [rina, '/dashboard/laporan/unduh?belum=1&format=xlsx', 'Laporan mingguan hanya untuk pendamping'],
      [rina, '/dashboard/sesi', 'hanya untuk pendamping dan admin Dinsos'],
      [rina, '/dashboard/sesi/unduh?format=csv', 'hanya untuk pendamping dan admin Dinsos'],
      [rina, '/dashboard/audit/unduh?format=xlsx', 'Log audit hanya untuk admin Dinsos.'],
      [tono, '/dashboard/audit/unduh?format=csv', 'Log audit hanya untuk admin Dinsos.'],
      [tono, '/dashboard/pengaduan', 'hanya untuk petugas Puskesos dan admin Dinsos'],
      [tono, '/dashboard/pengaduan/unduh?format=xlsx', 'hanya untuk petugas Puskesos dan admin Dinsos'],
    ] as const;
    for (const [page, address, reason] of refusals) {
      // A file would make goto fail ("Download is starting"); a refusal is a page.
      const refused = await page.goto(`${base}${address}`);
      expect([address, refused?.status(), await page.textContent('h1')]).toEqual([
        address,
        403,
        'Tidak berhak',
      ]);
      expect(await page.textContent('main')).toContain(reason);
      expect(await page.getByRole('link', { name: /Unduh/ }).count()).toBe(0);
      expect(pathOf(page)).toBe(address.split('?')[0]);
    }
  });
});
