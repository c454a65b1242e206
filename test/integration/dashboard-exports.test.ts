import ExcelJS from 'exceljs';
import { setPassword } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import { openComplaint } from '../../src/domain/complaints';
import { rebuildComplaintIndexes } from '../../src/domain/complaints/complaint-index';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK, testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { siti } from '../support/participants';
import { rebuildSessionIndex } from '../../src/domain/sessions';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

/** The dashboard's exports over real HTTP, opened as a person would: each role's file, cells and types. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/** Monday 23 November 2026, 09:00 WIB: ISO week 2026-W48. */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-ekspor-2026';
const LOGINS = {
  rina: '+6281300000001',
  dewi: '+6281300000004',
  agus: '+6281300000006',
  tono: '+6281300000201',
  ujang: '+6281300000202',
};

let base = '';
let close: () => Promise<void> = async () => {};
let addressCounter = 0;

beforeAll(async () => {
  const [lumpaat, cihampelas] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
    { name: 'Puskesos Cihampelas', desa: 'Cihampelas', kecamatan: 'Cihampelas' },
  ]);
  // Another Puskesos's complaint, never in Lumpaat's file.
  await db.models.complaints.create({
    number: 'PGD-2026-000099',
    puskesos: cihampelas?._id,
    complainantPhone: '+6281200005555',
    desa: 'Pataruman',
    category: 'RTLH',
    text: 'Atap bocor',
    status: 'new',
  });
  // Written around the service: listed in its Puskesos's index as a seed's are.
  await rebuildComplaintIndexes(db.models);
  await db.models.staff.create([
    { name: 'Rina', phone: LOGINS.rina, role: 'front_office', puskesos: lumpaat?._id },
    { name: 'Dewi (Dinsos)', phone: LOGINS.dewi, role: 'admin' },
    { name: 'Agus', phone: LOGINS.agus, role: 'fasilitator' },
  ]);
  const [tono, ujang] = await db.models.mentors.create([
    { name: 'Tono', phone: LOGINS.tono, type: 'MiBi', kecamatan: ['Cililin'] },
    { name: 'Ujang', phone: LOGINS.ujang, type: 'MiBi', kecamatan: ['Cililin'] },
  ]);
  const sitiRecord = await db.models.participants.create({
    ...siti('+6281200007777'),
    name: '=HYPERLINK("http://x","Siti")',
    capitalGrant: { amount: 3_500_000 },
    // 1 October 2026, 00:00 WIB.
    mentoringWindow: { start: new Date('2026-09-30T17:00:00Z'), end: new Date('2026-12-31T17:00:00Z') },
    mentors: { mibi: tono?._id },
  });
  const [kokomRecord] = await db.models.participants.create([
    {
      ...siti('+6281200009999'),
      name: 'Kokom Komariah',
      cluster: 'ritel',
      mentors: { mibi: tono?._id },
    },
    { ...siti('+6281200008888'), name: 'Euis', mentors: { mibi: ujang?._id } },
  ]);
  const [session] = await db.models.mentoringSessions.create([
    {
      mentor: tono?._id,
      // 09:00 WIB.
      startsAt: new Date('2026-11-14T02:00:00Z'),
      place: 'Balai Desa Batulayang',
      topic: 'Pembukuan sederhana',
      participants: [sitiRecord._id, kokomRecord?._id].filter((id) => id !== undefined),
      status: 'done' as const,
    },
  ]);
  await db.models.sessionAttendance.create({
    session: session?._id,
    participant: sitiRecord._id,
    present: true,
    recordedAt: now,
  });
  await db.models.sessionResponses.create({
    session: session?._id,
    participant: kokomRecord?._id,
    answer: 'decline',
    answeredAt: now,
  });
  // Written around the service: the mentors' session indexes are built again from them.
  await rebuildSessionIndex(db.models);
  const opened = await openComplaint(
    db.models,
    {
      participant: sitiRecord._id,
      complainantPhone: '+6281200007777',
      complainantChat: { channel: 'simulator', chatId: '+6281200007777' },
      language: 'id',
      desa: 'Batulayang',
      category: 'PKH',
      text: 'Bantuan belum cair',
      photos: [],
      at: now,
    },
    TEST_COMPLAINT_DESK,
  );
  if (!opened.ok) throw new Error('complaint not opened');
  for (const login of Object.values(LOGINS)) await setPassword(db.models, login, PASSWORD);
  const dependencies = testApiDependencies({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    clock,
    logger,
  });
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [dashboardRouter(dependencies)],
    logger,
    trustProxy: ['loopback'],
  });
  // Participants written around the service, as a seed is: the lists read the roster built from them.
  await rebuildParticipantRoster(db.models);
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

async function signedIn(login: string) {
  const browser = formBrowser(base, { address: `10.3.0.${++addressCounter}`, password: PASSWORD });
  const done = await browser.signIn(login);
  if (done.status !== 303) throw new Error(`sign-in of ${login} failed: ${done.status}`);
  return browser;
}

/** The workbook's first sheet as rows of cells by header: what a person opening the file sees. */
async function rowsOf(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  for (let index = 2; index <= sheet.rowCount; index += 1) {
    const values = (sheet.getRow(index).values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((header, column) => [header, values[column] ?? null])));
  }
  return rows;
}

const lastAudit = (action: string) => db.models.auditEvents.findOne({ action }).sort({ _id: -1 }).lean();

describe('exporting participants', () => {
  it('gives a mentor their own participants in full, phones as text, money as numbers, dates in WIB', async () => {
    const tono = await signedIn(LOGINS.tono);
    const { response, bytes } = await tono.request('GET', '/dashboard/peserta/unduh?format=xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="peserta.xlsx"');
    const rows = await rowsOf(bytes);
    expect(rows.map((row) => row.Nama)).toEqual(['=HYPERLINK("http://x","Siti")', 'Kokom Komariah']);
    const [sitiRow] = rows;
    expect(sitiRow).toMatchObject({
      'No. HP': '+6281200007777',
      Pendamping: 'Tono',
      Klaster: 'Kuliner',
      'Modal usaha (Rp)': 3_500_000,
    });
    expect((sitiRow?.['Mulai pendampingan'] as Date).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(await lastAudit('participants.export')).toMatchObject({
      actor: expect.stringMatching(/^mentor:/),
      details: { via: 'session', page: 'dashboard', view: 'full', format: 'xlsx', count: 2, filters: [] },
    });
  });

  it('carries the page’s filters into the download link and the file', async () => {
    const tono = await signedIn(LOGINS.tono);
    const page = await tono.get('/dashboard/peserta?klaster=ritel&halaman=1');
    expect(page.text).toContain('href="/dashboard/peserta/unduh?klaster=ritel&amp;format=csv"');
    const csv = await tono.request('GET', '/dashboard/peserta/unduh?klaster=ritel&format=csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual([
      'Nama;No. HP;Kecamatan;Desa;Klaster;Tahap;Pendamping;Status;Usaha;Modal usaha (Rp);Mulai pendampingan;Akhir pendampingan',
      expect.stringMatching(
        /^Kokom Komariah;"=""\+6281200009999""";Cililin;Batulayang;Ritel;[^;]+;Tono;aktif;/,
      ),
    ]);
    // A filter naming another mentor's participant widens nothing: Euis is never in Tono's file.
    const search = await tono.request('GET', '/dashboard/peserta/unduh?q=Euis&format=csv');
    expect(search.text).not.toContain('Euis');
    expect((await tono.get('/dashboard/peserta/unduh?format=pdf')).status).toBe(400);
  });

  it('writes a formula-like name as text in the CSV', async () => {
    const dewi = await signedIn(LOGINS.dewi);
    const csv = await dewi.request('GET', '/dashboard/peserta/unduh?format=csv');
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x"",""Siti"")";`);
    expect(csv.text).toContain('Euis;');
  });

  it('gives Puskesos staff what their page shows, the phone masked, and refuses staff of no Puskesos', async () => {
    const rina = await signedIn(LOGINS.rina);
    const csv = await rina.request('GET', '/dashboard/peserta/unduh?format=csv');
    expect(
      csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toEqual([
      'Nama;No. HP;Kecamatan;Desa',
      `"'=HYPERLINK(""http://x"",""Siti"")";0812-****-7777;Cililin;Batulayang`,
    ]);
    const agus = await signedIn(LOGINS.agus);
    expect((await agus.get('/dashboard/peserta/unduh?format=csv')).status).toBe(403);
  });
});

describe('exporting the audit log', () => {
  it('gives a Dinsos admin the entries with the page’s filters, names and times in WIB, and audits it', async () => {
    const dewi = await signedIn(LOGINS.dewi);
    const page = await dewi.get('/dashboard/audit?aksi=participants.export');
    expect(page.text).toContain('href="/dashboard/audit/unduh?aksi=participants.export&amp;format=xlsx"');
    const { response, bytes } = await dewi.request(
      'GET',
      '/dashboard/audit/unduh?aksi=participants.export&format=xlsx',
    );
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="log-audit.xlsx"');
    const rows = await rowsOf(bytes);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.Aksi === 'participants.export')).toBe(true);
    expect(rows.map((row) => row.Pelaku)).toContain('Tono');
    // Recorded at 02:00 UTC: 09:00 on the programme's clocks.
    expect((rows[0]?.Waktu as Date).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(await lastAudit('audit.export')).toMatchObject({
      details: { format: 'xlsx', count: rows.length, aksi: 'participants.export' },
    });
  });

  it('is refused with 403 to mentors and Puskesos staff', async () => {
    for (const login of [LOGINS.tono, LOGINS.rina]) {
      const browser = await signedIn(login);
      const refused = await browser.get('/dashboard/audit/unduh?format=csv');
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain('participants.export');
    }
  });
});

describe('exporting complaints', () => {
  it('gives Puskesos staff their own complaints, the phone masked and times in WIB', async () => {
    const rina = await signedIn(LOGINS.rina);
    const inbox = await rina.get('/dashboard/pengaduan?tampil=semua');
    expect(inbox.text).toContain('href="/dashboard/pengaduan/unduh?status=semua&amp;format=xlsx"');
    const { response, bytes } = await rina.request(
      'GET',
      '/dashboard/pengaduan/unduh?status=semua&format=xlsx',
    );
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="pengaduan.xlsx"');
    const rows = await rowsOf(bytes);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Puskesos: 'Puskesos Lumpaat',
      Kategori: 'PKH',
      'No. HP': '0812-****-7777',
      'Isi pengaduan': 'Bantuan belum cair',
      Status: 'baru',
    });
    expect((rows[0]?.Masuk as Date).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(await lastAudit('complaints.export')).toMatchObject({
      actor: expect.stringMatching(/^staff:/),
      details: { format: 'xlsx', count: 1, choices: ['status'] },
    });
  });

  it('carries the inbox’s search and filters into the file, and names a choice it cannot read', async () => {
    const dewi = await signedIn(LOGINS.dewi);
    const inbox = await dewi.get('/dashboard/pengaduan?cari=000099&kategori=pkh');
    expect(inbox.text).toContain(
      'href="/dashboard/pengaduan/unduh?cari=000099&amp;kategori=pkh&amp;format=csv"',
    );
    const csv = await dewi.request('GET', '/dashboard/pengaduan/unduh?cari=000099&format=csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('PGD-2026-000099;');
    const refused = await dewi.get('/dashboard/pengaduan/unduh?status=entah&format=pdf');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('format (xlsx, csv)');
    expect(refused.text).toContain('status');
  });

  it('gives a Dinsos admin every Puskesos’s complaints, and refuses a mentor', async () => {
    const dewi = await signedIn(LOGINS.dewi);
    const csv = await dewi.request('GET', '/dashboard/pengaduan/unduh?format=csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(csv.text).toContain('PGD-2026-000099;');
    expect(csv.text).toContain('0812-****-5555');
    expect(csv.text).not.toContain('+6281200005555');
    const tono = await signedIn(LOGINS.tono);
    expect((await tono.get('/dashboard/pengaduan/unduh?format=csv')).status).toBe(403);
  });
});

describe('exporting sessions with attendance', () => {
  it('gives a mentor a row per invited participant with their answer and attendance, in WIB', async () => {
    const tono = await signedIn(LOGINS.tono);
    const calendar = await tono.get('/dashboard/sesi?tampilan=kalender&bulan=2026-11');
    expect(calendar.text).toContain('href="/dashboard/sesi/unduh?bulan=2026-11&amp;format=xlsx"');
    const { response, bytes } = await tono.request('GET', '/dashboard/sesi/unduh?bulan=2026-11&format=xlsx');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="sesi-2026-11.xlsx"');
    const rows = await rowsOf(bytes);
    expect(rows.map((row) => [row.Peserta, row['Jawaban undangan'], row.Kehadiran])).toEqual([
      ['=HYPERLINK("http://x","Siti")', 'belum menjawab', 'hadir'],
      ['Kokom Komariah', 'tidak bisa', 'belum dicatat'],
    ]);
    expect(rows[0]).toMatchObject({
      Pendamping: 'Tono',
      Topik: 'Pembukuan sederhana',
      'No. HP': '+6281200007777',
    });
    expect((rows[0]?.Waktu as Date).toISOString()).toBe('2026-11-14T09:00:00.000Z');
    expect(await lastAudit('sessions.export')).toMatchObject({
      details: { format: 'xlsx', sessions: 1, count: 2, bulan: '2026-11' },
    });
  });

  it('gives another mentor none of them, Dinsos all, and refuses Puskesos staff', async () => {
    const ujang = await signedIn(LOGINS.ujang);
    const csv = await ujang.request('GET', '/dashboard/sesi/unduh?format=csv');
    expect(
      csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1);
    const dewi = await signedIn(LOGINS.dewi);
    expect((await dewi.request('GET', '/dashboard/sesi/unduh?format=csv')).text).toContain(
      'Pembukuan sederhana',
    );
    expect((await dewi.get('/dashboard/sesi/unduh?bulan=November&format=csv')).status).toBe(400);
    const rina = await signedIn(LOGINS.rina);
    expect((await rina.get('/dashboard/sesi/unduh?format=csv')).status).toBe(403);
  });
});
