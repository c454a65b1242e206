import ExcelJS from 'exceljs';
import type { Types } from 'mongoose';
import { setPassword } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import { rebuildComplaintIndexes } from '../../src/domain/complaints/complaint-index';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { siti } from '../support/participants';

/** The complaints inbox as officers work it (search, filters, pages) and the complaints report, over HTTP. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
// Thursday 31 December 2026, 10:00 in Jakarta: every complaint's answer deadline has passed.
const now = new Date('2026-12-31T03:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-dinsos-2026';
const ADMIN = '+6281300000004';
const RINA = '+6281300000001';
const TONO = '+6281300000002';
const HOUR = 3_600_000;

let base = '';
let close: () => Promise<void> = async () => {};
let lumpaat: Types.ObjectId;
let cipatik: Types.ObjectId;
let rinaId: Types.ObjectId;
let addressCounter = 0;
const browserAt = () => formBrowser(base, { address: `10.3.0.${++addressCounter}`, password: PASSWORD });
const numberOf = (serial: number) => `PGD-2026-${String(serial).padStart(6, '0')}`;
/** The complaint numbers of an inbox page's table, newest first (a page shows its overdue ones first). */
const listed = (text: string) =>
  [
    ...text
      .slice(text.indexOf('<table', text.indexOf('form class="filters')))
      .matchAll(/>(PGD-\d{4}-\d{6})<\/a>/g),
  ]
    .map((match) => match[1] ?? '')
    .sort()
    .reverse();

beforeAll(async () => {
  const [one, two] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
    { name: 'Puskesos Cipatik', desa: 'Cipatik', kecamatan: 'Cihampelas' },
  ]);
  lumpaat = one!._id;
  cipatik = two!._id;
  const [rina] = await db.models.staff.create([
    { name: 'Rina', phone: RINA, role: 'front_office', puskesos: lumpaat },
    { name: 'Dewi (Dinsos)', phone: ADMIN, role: 'admin' },
  ]);
  rinaId = rina!._id;
  await db.models.mentors.create({ name: 'Tono', phone: TONO, type: 'MiBi', kecamatan: ['Cililin'] });
  for (const login of [RINA, ADMIN, TONO]) await setPassword(db.models, login, PASSWORD);
  const participant = await db.models.participants.create(siti('+6281200007777'));

  // 60 complaints at Lumpaat over November and December (one a day, two a day from 1 December), and
  // three at Cipatik. Number 7 is Siti's, about a flood; number 60 was taken and answered by Rina.
  const complaints = [];
  for (let serial = 1; serial <= 63; serial++) {
    const filed = new Date(Date.UTC(2026, 10, 1, 2) + Math.floor((serial - 1) * 0.75) * 24 * HOUR);
    const at = (hours: number) => new Date(filed.getTime() + hours * HOUR);
    const atCipatik = serial > 60;
    const answered = serial % 3 === 0;
    complaints.push({
      number: numberOf(serial),
      puskesos: atCipatik ? cipatik : lumpaat,
      ...(serial === 7
        ? { participant: participant._id }
        : { complainantPhone: `+62857000${String(serial).padStart(4, '0')}` }),
      desa: atCipatik ? 'Cipatik' : 'Batulayang',
      category: serial % 2 === 0 ? 'pkh' : 'rtlh',
      text: serial === 7 ? 'Rumah kami kebanjiran, atap bocor' : `Bantuan belum cair (${serial})`,
      status: answered ? 'answered' : serial % 5 === 0 ? 'closed' : 'new',
      ...(serial === 60 ? { assignee: rinaId, assigneeName: 'Rina' } : {}),
      answerBy: at(5 * 24),
      events: [
        { kind: 'status', at: filed, to: 'new' },
        ...(answered
          ? [
              { kind: 'status', at: at(serial % 2 === 0 ? 2 : 4), from: 'new', to: 'acknowledged' },
              { kind: 'status', at: at(serial % 6 === 0 ? 10 : 200), from: 'acknowledged', to: 'answered' },
            ]
          : []),
      ],
      ...(answered ? { rating: { score: serial % 2 === 0 ? 5 : 3, solved: serial % 2 === 0 } } : {}),
      createdAt: filed,
    });
  }
  await db.models.complaints.insertMany(complaints, { lean: true });
  // Written around the service, as a seed is: the inbox reads them from their Puskesos's index.
  await rebuildComplaintIndexes(db.models);

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
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

describe('the complaints inbox', () => {
  it('is read 50 at a time, newest first, the next page keyed on the last number and keeping the filters', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const first = await admin.get('/dashboard/pengaduan?status=semua');
    const firstPage = listed(first.text);
    expect(firstPage).toHaveLength(50);
    expect(new Set(firstPage)).toEqual(new Set(Array.from({ length: 50 }, (_, back) => numberOf(63 - back))));
    const next = /rel="next" href="([^"]+)"/.exec(first.text)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBe(`/dashboard/pengaduan?status=semua&sebelum=${numberOf(14)}`);
    const second = await admin.get(next ?? '');
    expect(listed(second.text)).toEqual(Array.from({ length: 13 }, (_, back) => numberOf(13 - back)));
    expect(second.text).not.toContain('rel="next"');
    // The status chosen stays chosen on the next page.
    expect(second.text).toContain('<option value="semua" selected>');
  });

  it('finds a complaint by its number, the complainant’s name or its text', async () => {
    const rina = browserAt();
    await rina.signIn(RINA);
    expect(listed((await rina.get('/dashboard/pengaduan?cari=7')).text)).toEqual([numberOf(7)]);
    expect(listed((await rina.get(`/dashboard/pengaduan?cari=${numberOf(8)}`)).text)).toEqual([numberOf(8)]);
    const byName = await rina.get('/dashboard/pengaduan?cari=siti');
    expect(listed(byName.text)).toEqual([numberOf(7)]);
    expect(byName.text).toContain('Siti Aminah');
    expect(listed((await rina.get('/dashboard/pengaduan?cari=BANJIR')).text)).toEqual([numberOf(7)]);
    expect(byName.text).toContain('value="siti"');
  });

  it('filters by status, category, Puskesos, assignee and dates, and says when nothing matches', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const atCipatik = listed(
      (await admin.get(`/dashboard/pengaduan?status=semua&puskesos=${String(cipatik)}`)).text,
    );
    expect(atCipatik).toEqual([numberOf(63), numberOf(62), numberOf(61)]);
    const closedPkh = listed((await admin.get('/dashboard/pengaduan?status=closed&kategori=pkh')).text);
    expect(closedPkh).toEqual([numberOf(50), numberOf(40), numberOf(20), numberOf(10)]);
    expect(
      listed((await admin.get(`/dashboard/pengaduan?status=semua&petugas=${String(rinaId)}`)).text),
    ).toEqual([numberOf(60)]);
    // Filed 1 to 3 November in Jakarta: numbers 1 to 4.
    expect(
      listed((await admin.get('/dashboard/pengaduan?status=semua&dari=2026-11-01&sampai=2026-11-03')).text),
    ).toEqual([numberOf(4), numberOf(3), numberOf(2), numberOf(1)]);
    const none = await admin.get('/dashboard/pengaduan?cari=tidak-ada-kata-ini');
    expect(none.text).toContain('Tidak ada pengaduan yang cocok dengan pilihan ini.');
    expect(listed(none.text)).toEqual([]);
  });

  it('refuses a choice it cannot read, with an example', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const refused = await admin.get('/dashboard/pengaduan?dari=kemarin');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('dari tanggal (contoh 2026-11-01)');
  });

  it('shows staff only their Puskesos, whatever the address asks, and refuses a mentor', async () => {
    const rina = browserAt();
    await rina.signIn(RINA);
    const asked = await rina.get(`/dashboard/pengaduan?status=semua&puskesos=${String(cipatik)}`);
    const shown = listed(asked.text);
    expect(shown).toHaveLength(50);
    expect(shown).not.toContain(numberOf(61));
    expect(asked.text).not.toContain('Puskesos Cipatik');
    const tono = browserAt();
    await tono.signIn(TONO);
    expect((await tono.get('/dashboard/pengaduan')).status).toBe(403);
    expect((await tono.get('/dashboard/pengaduan/laporan')).status).toBe(403);
    expect((await tono.get('/dashboard/pengaduan/laporan/unduh?format=csv')).status).toBe(403);
  });

  it('records each list read in the audit log, with the choices but not the words searched for', async () => {
    const before = await db.models.auditEvents.countDocuments({ action: 'complaints.list' });
    const rina = browserAt();
    await rina.signIn(RINA);
    await rina.get('/dashboard/pengaduan?cari=siti&kategori=rtlh');
    const events = await db.models.auditEvents.find({ action: 'complaints.list' }).sort({ _id: -1 }).lean();
    expect(events).toHaveLength(before + 1);
    expect(events[0]?.details).toMatchObject({ filters: ['cari', 'kategori'], count: 1 });
    expect(JSON.stringify(events[0])).not.toContain('siti');
  });
});

describe('the complaints report', () => {
  it('shows each Puskesos’s months with counts by category, medians, the share within deadline and ratings', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const report = await admin.get('/dashboard/pengaduan/laporan?dari=2026-11&sampai=2026-12');
    expect(report.status).toBe(200);
    expect(report.text).toContain('<svg');
    const cipatikRow = /<tr>\s*<td>Puskesos Cipatik<\/td>[\s\S]*?<\/tr>/.exec(report.text)?.[0] ?? '';
    // 61 to 63, filed in December: 62 pkh, 61 and 63 rtlh; 63 acknowledged after 4 hours and answered
    // after 200 (past its 5 days), rated 3, not solved.
    expect(
      cipatikRow
        .replace(/<[^>]+>/g, '|')
        .replace(/\s+/g, '')
        .split('|')
        .filter(Boolean),
    ).toEqual(['PuskesosCipatik', 'Des2026', '3', '1', '2', '4', '200', '0%', '3', '0%', '1']);
    const staff = browserAt();
    await staff.signIn(RINA);
    const own = await staff.get('/dashboard/pengaduan/laporan?dari=2026-11&sampai=2026-12');
    expect(own.text).toContain('Puskesos Lumpaat');
    expect(own.text).not.toContain('Puskesos Cipatik');
    expect(await db.models.auditEvents.countDocuments({ action: 'complaints.report' })).toBe(2);
  });

  it('downloads as CSV for Excel with Indonesian settings and as .xlsx with the same figures', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const csv = await admin.get('/dashboard/pengaduan/laporan/unduh?dari=2026-11&sampai=2026-12&format=csv');
    expect(csv.response.headers.get('content-type')).toContain('text/csv');
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'Puskesos;Bulan;Jumlah;PKH (bantuan tunai);RTLH (rumah tidak layak huni);Median diterima (jam);Median dijawab (jam);Tepat waktu;Nilai rata-rata;Selesai menurut pelapor;Jumlah penilaian',
    );
    expect(lines).toContain('Puskesos Cipatik;2026-12;3;1;2;4;200;0;3;0;1');
    const lumpaatNovember = lines.find((line) => line.startsWith('Puskesos Lumpaat;2026-11'));
    // November at Lumpaat: 1 to 40, all past their deadline; 13 answered (3, 6 ... 39), 6 of them in
    // time (the multiples of 6, after 10 hours): 15 % within deadline; 6 of the 13 ratings solved.
    expect(lumpaatNovember).toBe('Puskesos Lumpaat;2026-11;40;20;20;4;200;15;3,9;46,2;13');

    const xlsx = await admin.get(
      '/dashboard/pengaduan/laporan/unduh?dari=2026-11&sampai=2026-12&format=xlsx',
    );
    expect(xlsx.response.headers.get('content-disposition')).toContain(
      'laporan-pengaduan-2026-11-2026-12.xlsx',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows = (sheet?.getSheetValues() ?? []).filter(Boolean) as unknown[][];
    expect(rows[0]?.slice(1, 4)).toEqual(['Puskesos', 'Bulan', 'Jumlah']);
    const cipatikRow = rows.find((row) => row[1] === 'Puskesos Cipatik');
    expect(cipatikRow?.slice(1)).toEqual(['Puskesos Cipatik', '2026-12', 3, 1, 2, 4, 200, 0, 3, 0, 1]);
    const november = rows.find((row) => row[1] === 'Puskesos Lumpaat' && row[2] === '2026-11');
    expect(november?.[8]).toBeCloseTo(6 / 40);
    expect(november?.[10]).toBeCloseTo(6 / 13);
    expect(sheet?.getCell('H1').value).toBe('Tepat waktu');
    expect(sheet?.getColumn(8).numFmt).toBe('0.0%');
    expect(await db.models.auditEvents.countDocuments({ action: 'complaints.report.export' })).toBe(2);
  });

  it('defaults to the last six months and refuses a range it cannot read, with an example', async () => {
    const rina = browserAt();
    await rina.signIn(RINA);
    const report = await rina.get('/dashboard/pengaduan/laporan');
    expect(report.text).toContain('value="2026-07"');
    expect(report.text).toContain('value="2026-12"');
    const refused = await rina.get('/dashboard/pengaduan/laporan?dari=2026-13');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('2026-06 sampai 2026-11');
    const empty = await rina.get('/dashboard/pengaduan/laporan?dari=2025-01&sampai=2025-02');
    expect(empty.text).toContain('Tidak ada pengaduan pada bulan-bulan ini.');
  });
});
