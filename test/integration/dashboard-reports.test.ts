import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { setPassword } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import { createHttpApp } from '../../src/http';
import { apiV1Router } from '../../src/http/api/v1';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { siti } from '../support/participants';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

/** The weekly reports pages and the correction endpoint over plain HTTP: scope, validation, revisions, audit. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/** Monday of 2026-W48 in Bandung Barat. */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-laporan-2026';

const LOGINS = {
  rina: '+6281300000001',
  dewi: '+6281300000004',
  tono: '+6281300000201',
  ujang: '+6281300000202',
};

let base = '';
let close: () => Promise<void> = async () => {};
let addressCounter = 0;
const ids = { siti: '', kokom: '', euis: '', tono: '', ujang: '' };

beforeAll(async () => {
  const [lumpaat] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
  ]);
  await db.models.staff.create([
    { name: 'Rina', phone: LOGINS.rina, role: 'front_office', puskesos: lumpaat?._id },
    { name: 'Dewi (Dinsos)', phone: LOGINS.dewi, role: 'admin' },
  ]);
  const [tono, ujang] = await db.models.mentors.create([
    { name: 'Tono', phone: LOGINS.tono, type: 'MiBi', kecamatan: ['Cililin', 'Cihampelas'] },
    { name: 'Ujang', phone: LOGINS.ujang, type: 'MiBi', kecamatan: ['Cililin'] },
  ]);
  const sitiRecord = await db.models.participants.create({
    ...siti('+6281200007777'),
    mentors: { mibi: tono?._id },
  });
  const kokom = await db.models.participants.create({
    ...siti('+6281200009999'),
    name: 'Kokom',
    kecamatan: 'Cihampelas',
    desa: 'Pataruman',
    mentors: { mibi: tono?._id },
  });
  const euis = await db.models.participants.create({
    ...siti('+6281200008888'),
    name: 'Euis',
    mentors: { mibi: ujang?._id },
  });
  Object.assign(ids, {
    siti: String(sitiRecord._id),
    kokom: String(kokom._id),
    euis: String(euis._id),
    tono: String(tono?._id),
    ujang: String(ujang?._id),
  });
  // Through the chat's own function, so that the balances are what the chat would have stored.
  const report = async (participant: Types.ObjectId, week: string, sales: number, savingsDeposit: number) =>
    submitWeeklyReport(db.models, {
      participant,
      week,
      sales,
      spending: 100_000,
      savingsDeposit,
      savingsWithdrawal: 0,
      channel: 'simulator',
      submittedAt: now,
    });
  await report(sitiRecord._id, '2026-W46', 900_000, 10_000);
  await report(sitiRecord._id, '2026-W47', 1_200_000, 20_000);
  await report(sitiRecord._id, '2026-W48', 1_000_000, 5_000);
  await report(euis._id, '2026-W47', 800_000, 15_000);
  for (const login of Object.values(LOGINS)) await setPassword(db.models, login, PASSWORD);

  const dependencies = testApiDependencies({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    clock,
    logger,
  });
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [apiV1Router(dependencies), dashboardRouter(dependencies)],
    logger,
    trustProxy: ['loopback'],
  });
  // Participants written around the service, as a seed is: the lists read the roster built from them.
  await rebuildParticipantRoster(db.models);
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

/** A browser of its own address, with the API beside the pages: the same session, as the dashboard's scripts use it. */
function browserAt(address = `10.2.0.${++addressCounter}`) {
  const browser = formBrowser(base, { address, password: PASSWORD });
  return {
    ...browser,
    // Not spread: a getter, the token of the latest page.
    get csrf() {
      return browser.csrf;
    },
    /** The API with this browser's session: JSON, and the session's CSRF token for a change. */
    async api(method: 'GET' | 'PUT', path: string, body?: unknown, withCsrf = true) {
      const response = await browser.send(path, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(withCsrf ? { 'x-csrf-token': browser.csrf } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
    },
    async signIn(login: string) {
      const signedIn = await browser.signIn(login);
      if (signedIn.status !== 303) throw new Error(`sign-in of ${login}: ${signedIn.status}`);
      // A page with the session's token, for the forms and the API.
      await browser.get('/dashboard/laporan?minggu=2026-W47');
      return this;
    },
  };
}

const signedIn = (login: string) => browserAt().signIn(login);

/** The text of a table's body row that names the participant (tags dropped, spaces folded). */
function rowOf(page: string, name: string): string | undefined {
  return [...page.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
    .map((match) =>
      (match[1] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .find((row) => row.startsWith(name));
}

const audits = (action: string) => db.models.auditEvents.find({ action }).sort({ at: 1, _id: 1 }).lean();

describe('who sees the weekly reports', () => {
  it('refuses Puskesos staff every page, the export, the correction and the API with 403', async () => {
    const rina = await signedIn(LOGINS.rina);
    for (const path of [
      '/dashboard/laporan',
      '/dashboard/laporan/unduh?format=xlsx',
      `/dashboard/laporan/${ids.siti}/2026-W47`,
    ]) {
      const page = await rina.get(path);
      expect(page.status).toBe(403);
      expect(page.text).toContain('hanya untuk pendamping');
    }
    await rina.get('/dashboard/laporan');
    const csrf = rina.csrf;
    const post = await rina.request('POST', `/dashboard/laporan/${ids.siti}/2026-W47`, {
      csrf,
      sales: '1',
      reason: 'coba',
    });
    expect(post.status).toBe(403);
    const api = await rina.api('PUT', `/api/v1/weekly-reports/${ids.siti}/2026-W47`, {
      sales: 1,
      spending: 0,
      savingsDeposit: 0,
      savingsWithdrawal: 0,
      reason: 'coba',
    });
    expect(api.status).toBe(403);
    expect(
      (await db.models.weeklyReports.findOne({ participant: ids.siti, week: '2026-W47' }).lean())?.sales,
    ).toBe(1_200_000);
  });

  it('shows a mentor every one of their participants for the week, with figures or “belum lapor”, and totals', async () => {
    const tono = await signedIn(LOGINS.tono);
    const before = (await audits('weekly_reports.list')).length;
    const page = await tono.get('/dashboard/laporan?minggu=2026-W47');
    expect(page.status).toBe(200);
    expect(rowOf(page.text, 'Siti Aminah')).toContain('Rp1.200.000');
    expect(rowOf(page.text, 'Siti Aminah')).toContain('Rp30.000'); // 10.000 + 20.000 saved
    expect(rowOf(page.text, 'Kokom')).toContain('belum lapor');
    // Euis follows Ujang: neither her name nor her figures.
    expect(page.text).not.toContain('Euis');
    expect(page.text).not.toContain('Rp800.000');
    // A past week is named by its dates, never "minggu ini".
    expect(page.text).toContain('1 dari 2 peserta sudah melapor minggu 16-22 Nov 2026.');
    expect(page.text).not.toContain('minggu ini');
    expect(rowOf(page.text, 'Jumlah')).toContain('Rp1.200.000');
    expect(page.text).toContain('href="/dashboard/laporan?minggu=2026-W46"');
    expect(page.text).toContain('href="/dashboard/laporan?minggu=2026-W48"');
    // The export buttons carry the shown week.
    expect(page.text).toContain('href="/dashboard/laporan/unduh?minggu=2026-W47&amp;format=xlsx"');

    const notReported = await tono.get('/dashboard/laporan?minggu=2026-W47&belum=1');
    expect(rowOf(notReported.text, 'Kokom')).toContain('belum lapor');
    expect(rowOf(notReported.text, 'Siti Aminah')).toBeUndefined();
    // The totals are of the rows shown: Siti's hidden report is not counted.
    expect(rowOf(notReported.text, 'Jumlah')).toContain('Jumlah (0 laporan)');
    expect(rowOf(notReported.text, 'Jumlah')).not.toContain('Rp1.200.000');

    // Without a week: this week in Jakarta, 2026-W48.
    const thisWeek = await tono.get('/dashboard/laporan');
    expect(thisWeek.text).toContain('(2026-W48)');
    expect(rowOf(thisWeek.text, 'Siti Aminah')).toContain('Rp1.000.000');
    expect(thisWeek.text).toContain('peserta sudah melapor minggu ini.');
    expect(thisWeek.text).not.toContain('rel="next"');

    const listed = (await audits('weekly_reports.list')).slice(before);
    expect(listed).toHaveLength(3);
    expect(listed[0]).toMatchObject({
      actor: `mentor:${ids.tono}`,
      from: tono.address,
      details: { via: 'session', page: 'dashboard', week: '2026-W47', count: 2 },
    });
    expect(listed[1]?.details).toMatchObject({ filters: { notReported: true }, count: 1 });

    // Another mentor's participant: refused, not "not found".
    expect((await tono.get(`/dashboard/laporan/${ids.euis}/2026-W47`)).status).toBe(403);
  });

  it('shows Dinsos everyone, with a mentor and a kecamatan filter', async () => {
    const dewi = await signedIn(LOGINS.dewi);
    const all = await dewi.get('/dashboard/laporan?minggu=2026-W47');
    expect(rowOf(all.text, 'Euis')).toContain('Rp800.000');
    expect(rowOf(all.text, 'Euis')).toContain('Ujang');
    expect(rowOf(all.text, 'Siti Aminah')).toContain('Rp1.200.000');
    expect(rowOf(all.text, 'Jumlah')).toContain('Rp2.000.000');
    const ujangs = await dewi.get(`/dashboard/laporan?minggu=2026-W47&mentor=${ids.ujang}`);
    expect(rowOf(ujangs.text, 'Euis')).toBeDefined();
    expect(ujangs.text).not.toContain('Siti Aminah');
    const cihampelas = await dewi.get('/dashboard/laporan?minggu=2026-W47&kecamatan=Cihampelas');
    expect(rowOf(cihampelas.text, 'Kokom')).toContain('belum lapor');
    expect(cihampelas.text).not.toContain('Euis');
    const bad = await dewi.get('/dashboard/laporan?minggu=2026-W99');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('minggu');
    expect((await dewi.get('/dashboard/laporan?minggu=2026-W47&urut=nama')).status).toBe(400);
  });
});

describe('exporting the shown week', () => {
  /** The workbook's first sheet, its cells by header: what a person reading the file sees. */
  async function sheetOf(bytes: Uint8Array) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = [];
    for (let index = 2; index <= sheet.rowCount; index += 1) {
      const values = (sheet.getRow(index).values as unknown[]).slice(1);
      rows.push(
        Object.fromEntries(headers.map((header, column) => [String(header), values[column] ?? null])),
      );
    }
    return { sheet, rows };
  }

  it('gives a mentor an Excel file of their own participants, those without a report too, in WIB, and audits it', async () => {
    const tono = await signedIn(LOGINS.tono);
    const { response, bytes } = await tono.request(
      'GET',
      '/dashboard/laporan/unduh?minggu=2026-W47&format=xlsx',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="laporan-mingguan-2026-W47.xlsx"',
    );
    const { sheet, rows } = await sheetOf(bytes);
    expect(sheet.name).toBe('Laporan 2026-W47');
    // Euis follows Ujang: never in Tono's file.
    expect(rows.map((row) => `${String(row.Nama)} ${String(row.Status)}`)).toEqual([
      'Kokom belum lapor',
      'Siti Aminah sudah lapor',
    ]);
    const [kokom, sitiRow] = rows;
    expect(sitiRow).toMatchObject({
      'No. HP': '+6281200007777',
      Klaster: expect.any(String),
      Pendamping: 'Tono',
      'Omzet (Rp)': 1_200_000,
    });
    // Submitted at 09:00 WIB (02:00 UTC): the cell is a date showing 09:00.
    const submitted = sitiRow?.['Waktu lapor'];
    expect(submitted).toBeInstanceOf(Date);
    expect((submitted as Date).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(kokom?.['Omzet (Rp)']).toBeNull();
    const [audit] = (await audits('weekly_reports.export')).slice(-1);
    expect(audit).toMatchObject({
      actor: `mentor:${ids.tono}`,
      details: { via: 'session', page: 'dashboard', week: '2026-W47', format: 'xlsx', count: 2 },
    });
  });

  it('carries "Hanya yang belum lapor" from the page into the download, over a range of weeks', async () => {
    const tono = await signedIn(LOGINS.tono);
    const page = await tono.get('/dashboard/laporan?minggu=2026-W47&belum=1');
    expect(page.text).toContain(
      'href="/dashboard/laporan/unduh?minggu=2026-W47&amp;belum=1&amp;format=xlsx"',
    );
    const { bytes } = await tono.request(
      'GET',
      '/dashboard/laporan/unduh?dari=2026-W46&sampai=2026-W48&belum=1&format=xlsx',
    );
    const { sheet, rows } = await sheetOf(bytes);
    expect(sheet.name).toBe('Laporan 2026-W46 sd 2026-W48');
    expect(rows.map((row) => `${String(row.Minggu)} ${String(row.Nama)}`)).toEqual([
      '2026-W46 Kokom',
      '2026-W47 Kokom',
      '2026-W48 Kokom',
    ]);
    const backwards = await tono.get('/dashboard/laporan/unduh?dari=2026-W48&sampai=2026-W46&format=csv');
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('dari=2026-W40&amp;sampai=2026-W48');
  });

  it('never gives a mentor another mentor’s participant, whatever the filter asks', async () => {
    const tono = await signedIn(LOGINS.tono);
    const csv = await tono.request(
      'GET',
      `/dashboard/laporan/unduh?minggu=2026-W47&mentor=${ids.ujang}&format=csv`,
    );
    expect(csv.text).not.toContain('Euis');
  });

  it('gives Dinsos a CSV with the filters of the page, for Excel with Indonesian settings', async () => {
    const dewi = await signedIn(LOGINS.dewi);
    const csv = await dewi.request(
      'GET',
      `/dashboard/laporan/unduh?minggu=2026-W47&mentor=${ids.ujang}&format=csv`,
    );
    expect(csv.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFFNama;No. HP;')).toBe(true);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      'Euis;"=""+6281200008888""";Cililin;Batulayang;Kuliner;Ujang;2026-W47;sudah lapor;800000;100000;15000;0;15000;simulator;2026-11-23 09:00',
    );
    expect((await dewi.get('/dashboard/laporan/unduh?minggu=2026-W47&format=pdf')).status).toBe(400);
  });
});

describe('correcting a report on the page', () => {
  const sitiW47 = () => `/dashboard/laporan/${ids.siti}/2026-W47`;

  it('answers bad amounts and a missing reason with 400, keeping what was typed and naming the fields', async () => {
    const tono = await signedIn(LOGINS.tono);
    const page = await tono.post(sitiW47(), {
      sales: 'sejuta lebih',
      spending: '-5000',
      savingsDeposit: '25.000',
      savingsWithdrawal: '',
      reason: ' ',
    });
    expect(page.status).toBe(400);
    expect(page.text).toContain('role="alert"');
    expect(page.text).toMatch(/Periksa isian: Omzet, Belanja\/modal, Alasan/);
    expect(page.text).toContain('value="sejuta lebih"');
    expect(page.text).toContain('value="-5000"');
    expect(page.text).toContain('value="25.000"');
    expect(page.text).toContain('Jumlahnya tidak bisa minus');
    expect(page.text).toContain('Alasan wajib diisi');
    const stored = await db.models.weeklyReports.findOne({ participant: ids.siti, week: '2026-W47' }).lean();
    expect(stored).toMatchObject({ sales: 1_200_000, revisions: [] });
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const tono = await signedIn(LOGINS.tono);
    const response = await tono.request('POST', sitiW47(), { sales: '1', reason: 'tanpa token' });
    expect(response.status).toBe(403);
  });

  it('keeps the old figures as a revision, recomputes the savings balance of this and the following week, and audits it', async () => {
    const tono = await signedIn(LOGINS.tono);
    const saved = await tono.post(sitiW47(), {
      sales: '1.250.000',
      spending: '300000',
      savingsDeposit: '50.000',
      savingsWithdrawal: '0',
      reason: 'Salah ketik di chat',
    });
    expect(saved.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe(sitiW47());
    const stored = await db.models.weeklyReports.findOne({ participant: ids.siti, week: '2026-W47' }).lean();
    expect(stored).toMatchObject({
      sales: 1_250_000,
      spending: 300_000,
      savingsDeposit: 50_000,
      channel: 'dashboard',
      reason: 'Salah ketik di chat',
      savingsBalance: 60_000, // 10.000 (W46) + 50.000
    });
    expect(String(stored?.submittedBy)).toBe(ids.tono);
    expect(stored?.revisions).toEqual([
      expect.objectContaining({ sales: 1_200_000, savingsDeposit: 20_000, channel: 'simulator' }),
    ]);
    const following = await db.models.weeklyReports
      .findOne({ participant: ids.siti, week: '2026-W48' })
      .lean();
    expect(following?.savingsBalance).toBe(65_000);

    const [audit] = (await audits('weekly_report.correct')).slice(-1);
    expect(audit).toMatchObject({
      actor: `mentor:${ids.tono}`,
      target: `${ids.siti}/2026-W47`,
      from: tono.address,
      details: { via: 'session', page: 'dashboard', week: '2026-W47', reason: 'Salah ketik di chat' },
    });

    const page = await tono.get(sitiW47());
    expect(page.text).toContain(
      'Koreksi disimpan; angka lama tetap tercatat di riwayat. Saldo tabungan minggu 16-22 Nov 2026: Rp60.000.',
    );
    expect(page.text).not.toContain('minggu ini');
    const earlier = rowOf(page.text, 'sebelumnya');
    expect(earlier).toContain('Rp1.200.000');
    expect(earlier).toContain('peserta sendiri');
    const current = rowOf(page.text, 'sekarang');
    expect(current).toContain('Tono');
    expect(current).toContain('Salah ketik di chat');
    // The flash is shown once.
    expect((await tono.get(sitiW47())).text).not.toContain('Koreksi disimpan');
  });

  it('lets the mentor enter a missing report, as a new report with its reason', async () => {
    const tono = await signedIn(LOGINS.tono);
    const empty = await tono.get(`/dashboard/laporan/${ids.kokom}/2026-W47`);
    expect(empty.text).toContain('Isi laporan yang belum ada');
    const saved = await tono.post(`/dashboard/laporan/${ids.kokom}/2026-W47`, {
      sales: '450rb',
      spending: '',
      savingsDeposit: '10000',
      savingsWithdrawal: '',
      reason: 'Dilaporkan lewat telepon',
    });
    expect(saved.status).toBe(303);
    const stored = await db.models.weeklyReports.findOne({ participant: ids.kokom, week: '2026-W47' }).lean();
    expect(stored).toMatchObject({ sales: 450_000, spending: 0, savingsBalance: 10_000, revisions: [] });
    expect((await audits('weekly_report.enter')).map((entry) => entry.target)).toEqual([
      `${ids.kokom}/2026-W47`,
    ]);
    expect((await tono.get(`/dashboard/laporan/${ids.kokom}/2099-W01`)).status).toBe(400);
    expect((await tono.get(`/dashboard/laporan/${new Types.ObjectId().toString()}/2026-W47`)).status).toBe(
      404,
    );
  });
});

describe('the correction endpoint of the API', () => {
  const body = {
    sales: 950_000,
    spending: 100_000,
    savingsDeposit: 12_000,
    savingsWithdrawal: 2_000,
    reason: 'Dicek ulang',
  };

  it('corrects a report by the same rule: a revision, and the balances of every later week', async () => {
    const tono = await signedIn(LOGINS.tono);
    const answer = await tono.api('PUT', `/api/v1/weekly-reports/${ids.siti}/2026-W46`, body);
    expect(answer).toMatchObject({
      status: 200,
      body: {
        kind: 'corrected',
        sales: 950_000,
        savingsBalance: 10_000,
        revisions: 1,
        reason: 'Dicek ulang',
      },
    });
    const balances = await db.models.weeklyReports
      .find({ participant: ids.siti }, { week: 1, savingsBalance: 1 })
      .sort({ week: 1 })
      .lean();
    // W47 deposits 50.000 after the page's correction, W48 5.000.
    expect(balances.map((report) => [report.week, report.savingsBalance])).toEqual([
      ['2026-W46', 10_000],
      ['2026-W47', 60_000],
      ['2026-W48', 65_000],
    ]);
    const [audit] = (await audits('weekly_report.correct')).slice(-1);
    expect(audit).toMatchObject({ target: `${ids.siti}/2026-W46`, details: { via: 'session' } });
    expect(audit?.details).not.toHaveProperty('page');

    const entered = await tono.api('PUT', `/api/v1/weekly-reports/${ids.kokom}/2026-W46`, body);
    expect(entered).toMatchObject({ status: 201, body: { kind: 'created', savingsBalance: 10_000 } });
    // Kokom's W47 came after: its balance now counts W46's savings too.
    const kokomW47 = await db.models.weeklyReports
      .findOne({ participant: ids.kokom, week: '2026-W47' })
      .lean();
    expect(kokomW47?.savingsBalance).toBe(20_000);
  });

  it('validates the body strictly, naming the field, and refuses what the caller may not change', async () => {
    const tono = await signedIn(LOGINS.tono);
    const path = `/api/v1/weekly-reports/${ids.siti}/2026-W47`;
    const fieldsOf = (answer: { body: Record<string, unknown> }) =>
      (answer.body.fields as { field: string }[]).map((field) => field.field);
    const fraction = await tono.api('PUT', path, { ...body, sales: 1.5 });
    expect(fraction.status).toBe(400);
    expect(fieldsOf(fraction)).toEqual(['sales']);
    const negative = await tono.api('PUT', path, { ...body, savingsWithdrawal: -1 });
    expect(fieldsOf(negative)).toEqual(['savingsWithdrawal']);
    const unknown = await tono.api('PUT', path, { ...body, savingsBalance: 1 });
    expect(unknown.status).toBe(400);
    const { reason: _reason, ...withoutReason } = body;
    expect(fieldsOf(await tono.api('PUT', path, withoutReason))).toEqual(['reason']);
    const operator = await tono.api('PUT', path, { ...body, $set: { sales: 0 } });
    expect(operator.status).toBe(400);
    expect((await tono.api('PUT', `/api/v1/weekly-reports/${ids.siti}/2026-W60`, body)).status).toBe(400);
    const future = await tono.api('PUT', `/api/v1/weekly-reports/${ids.siti}/2026-W49`, body);
    expect(future).toMatchObject({ status: 400, body: { fields: [{ field: 'week' }] } });
    expect((await tono.api('PUT', `/api/v1/weekly-reports/${ids.euis}/2026-W47`, body)).status).toBe(403);
    // Another mentor's participant is refused before the body is read: 403, not the fields of a 400.
    const probing = await tono.api('PUT', `/api/v1/weekly-reports/${ids.euis}/2026-W47`, { sales: -1 });
    expect(probing).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const nobody = await tono.api(
      'PUT',
      `/api/v1/weekly-reports/${new Types.ObjectId().toString()}/2026-W47`,
      body,
    );
    expect(nobody.status).toBe(404);
    expect((await tono.api('PUT', path, body, false)).status).toBe(403);
    // Nothing of the refused calls was stored.
    const stored = await db.models.weeklyReports.findOne({ participant: ids.siti, week: '2026-W47' }).lean();
    expect(stored).toMatchObject({ sales: 1_250_000, revisions: [expect.anything()] });
    const euis = await db.models.weeklyReports.findOne({ participant: ids.euis, week: '2026-W47' }).lean();
    expect(euis).toMatchObject({ sales: 800_000, revisions: [] });
  });

  it('is described in the OpenAPI document', async () => {
    const document = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { name: string }[] }>>;
    };
    const operation = document.paths['/weekly-reports/{participant}/{week}']?.put;
    expect(operation?.parameters?.map((parameter) => parameter.name)).toEqual(['participant', 'week']);
    expect(JSON.stringify(operation?.requestBody)).toContain('savingsWithdrawal');
  });
});

describe('the participant’s own resubmission after a correction', () => {
  it('is theirs again: the corrector and the reason move into the revision with the mentor’s figures', async () => {
    const participant = new Types.ObjectId(ids.siti);
    await submitWeeklyReport(db.models, {
      participant,
      week: '2026-W47',
      sales: 1_300_000,
      spending: 0,
      savingsDeposit: 50_000,
      savingsWithdrawal: 0,
      channel: 'simulator',
      submittedAt: now,
    });
    const stored = await db.models.weeklyReports.findOne({ participant, week: '2026-W47' }).lean();
    expect(stored?.submittedBy).toBeUndefined();
    expect(stored?.reason).toBeUndefined();
    expect(stored?.revisions.at(-1)).toMatchObject({ sales: 1_250_000, reason: 'Salah ketik di chat' });
    expect(String(stored?.revisions.at(-1)?.submittedBy)).toBe(ids.tono);
  });
});
