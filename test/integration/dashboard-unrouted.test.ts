import type { Types } from 'mongoose';
import { setPassword } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import { openComplaint } from '../../src/domain/complaints';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK, testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';

/** Complaints no Puskesos serves: the Dinsos admin's queue, and passing one on, over real HTTP. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
// Filed on Monday 23 November; passed on on Wednesday 25 November, 09:00 in Jakarta.
const filedAt = new Date('2026-11-23T02:00:00Z');
let now = filedAt;
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-dinsos-2026';
const ADMIN = '+6281300000004';
const RINA = '+6281300000001';
const RESIDENT = '+6285700001234';

let base = '';
let close: () => Promise<void> = async () => {};
let lumpaat: Types.ObjectId;
let addressCounter = 0;
const browserAt = () => formBrowser(base, { address: `10.2.0.${++addressCounter}`, password: PASSWORD });

const file = async (desa: string, phone = RESIDENT) =>
  openComplaint(
    db.models,
    {
      complainantPhone: phone,
      complainantChat: { channel: 'simulator', chatId: phone },
      language: 'id',
      desa,
      category: 'rtlh',
      text: 'Rumah kami rusak berat sejak banjir',
      photos: [],
      at: clock(),
    },
    TEST_COMPLAINT_DESK,
  );

beforeAll(async () => {
  const created = await db.models.puskesos.create({
    name: 'Puskesos Lumpaat',
    desa: 'Batulayang',
    kecamatan: 'Cililin',
  });
  lumpaat = created._id;
  await db.models.staff.create([
    {
      name: 'Rina',
      phone: RINA,
      role: 'front_office',
      puskesos: lumpaat,
      channels: { telegramUserId: '7001' },
    },
    { name: 'Dewi (Dinsos)', phone: ADMIN, role: 'admin' },
  ]);
  for (const login of [RINA, ADMIN]) await setPassword(db.models, login, PASSWORD);
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

describe('the "Belum ada Puskesos" queue', () => {
  it('shows the admin a complaint from a desa no Puskesos serves, and lets them pass it on, which routes it as usual', async () => {
    const opened = await file('Kertajaya');
    expect(opened).toMatchObject({ ok: false, reason: 'no_puskesos' });
    const { number } = opened;
    // The admin comes to it two days later.
    now = new Date('2026-11-25T02:00:00Z');

    const admin = browserAt();
    await admin.signIn(ADMIN);
    const inbox = await admin.get('/dashboard/pengaduan');
    expect(inbox.text).toContain('Belum ada Puskesos (1)</h2>');
    const queue = inbox.text.slice(inbox.text.indexOf('id="belum-ada-puskesos"'));
    expect(queue).toContain(`href="/dashboard/pengaduan/${number}"`);
    expect(queue).toContain('Kertajaya');
    expect(queue).toContain('RTLH (rumah tidak layak huni)');

    const detail = await admin.get(`/dashboard/pengaduan/${number}`);
    expect(detail.text).toContain('Teruskan ke Puskesos');
    expect(detail.text).toContain(`<option value="${String(lumpaat)}">Puskesos Lumpaat (Cililin)</option>`);
    // Nobody can take, answer or close it before it has a Puskesos: those are not offered.
    expect(detail.text).not.toContain('value="take"');
    expect(detail.text).not.toContain('value="close"');

    const refused = await admin.post(`/dashboard/pengaduan/${number}/aksi`, { action: 'take' });
    expect(refused.status).toBe(303);
    expect((await admin.get(`/dashboard/pengaduan/${number}`)).text).toContain(
      'Belum diteruskan ke Puskesos: teruskan dulu',
    );
    await admin.post(`/dashboard/pengaduan/${number}/aksi`, { action: 'route', puskesos: '' });
    expect((await admin.get(`/dashboard/pengaduan/${number}`)).text).toContain('Pilih Puskesos tujuannya.');

    const routed = await admin.post(`/dashboard/pengaduan/${number}/aksi`, {
      action: 'route',
      puskesos: String(lumpaat),
    });
    expect(routed.location).toBe(`/dashboard/pengaduan/${number}`);
    expect((await admin.get(`/dashboard/pengaduan/${number}`)).text).toContain(
      `${number} diteruskan ke Puskesos Lumpaat oleh Dewi (Dinsos).`,
    );

    const complaint = await db.models.complaints.findOne({ number }).lean();
    expect(complaint).toMatchObject({ status: 'new', puskesos: lumpaat });
    // Its deadlines count from when the Puskesos got it: one working day after Wednesday 09:00.
    expect(complaint?.acknowledgeBy).toEqual(new Date('2026-11-26T02:00:00Z'));
    expect(complaint?.dueAt).toEqual(complaint?.acknowledgeBy);
    expect(await db.models.unroutedComplaints.countDocuments()).toBe(0);
    expect((await admin.get('/dashboard/pengaduan')).text).toContain('Belum ada Puskesos (0)</h2>');
    expect((await admin.get('/dashboard/pengaduan')).text).toContain('Semua pengaduan sudah punya Puskesos.');

    // Its staff get it in their chat app as any new complaint; the complainant hears it was passed on.
    const posted = await db.models.outbox.find({ channel: 'telegram', chatId: '7001' }).lean();
    expect(posted.map((entry) => (entry.message as { text: string }).text)).toEqual([
      expect.stringContaining(
        `Pengaduan baru ${number}\nKategori: RTLH (rumah tidak layak huni)\nDesa: Kertajaya`,
      ),
    ]);
    const told = await db.models.outbox.find({ channel: 'simulator', chatId: RESIDENT }).lean();
    expect(told.map((entry) => (entry.message as { text: string }).text)).toContain(
      `Pengaduan ${number} sudah diteruskan ke Puskesos Lumpaat dan menunggu petugas.`,
    );
    expect(await db.models.auditEvents.countDocuments({ action: 'complaint.route', target: number })).toBe(1);

    // Rina now sees it in her Puskesos's inbox.
    const rina = browserAt();
    await rina.signIn(RINA);
    expect((await rina.get('/dashboard/pengaduan')).text).toContain(number);
  });

  it('is the admin’s alone: Puskesos staff neither see the queue nor open or pass on its complaints', async () => {
    const { number } = await file('Sukamaju', '+6285700002222');
    const rina = browserAt();
    await rina.signIn(RINA);
    const inbox = await rina.get('/dashboard/pengaduan');
    expect(inbox.text).not.toContain('Belum ada Puskesos');
    expect(inbox.text).not.toContain(number);
    expect((await rina.get(`/dashboard/pengaduan/${number}`)).status).toBe(403);
    await rina.post(`/dashboard/pengaduan/${number}/aksi`, { action: 'route', puskesos: String(lumpaat) });
    expect(await db.models.complaints.findOne({ number }).lean()).toMatchObject({ status: 'unrouted' });
    expect(await db.models.unroutedComplaints.countDocuments({ _id: number })).toBe(1);
  });

  it('is read a page at a time, oldest first', async () => {
    for (let more = 0; more < 21; more++)
      await file('Cipatik', `+62857000030${String(more).padStart(2, '0')}`);
    const waiting = (await db.models.unroutedComplaints.find({}).sort({ _id: 1 }).lean()).map(
      (entry) => entry._id,
    );
    expect(waiting).toHaveLength(22);
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const first = await admin.get('/dashboard/pengaduan');
    expect(first.text).toContain('Belum ada Puskesos (22)');
    const queueOf = (text: string) =>
      text.slice(text.indexOf('id="belum-ada-puskesos"'), text.indexOf('</section>'));
    expect(queueOf(first.text)).toContain(`>${waiting[19]}</a>`);
    expect(queueOf(first.text)).not.toContain(`>${waiting[20]}</a>`);
    const next = /rel="next" href="([^"]+)"/.exec(queueOf(first.text))?.[1];
    expect(next).toBe(`/dashboard/pengaduan?antrean=${waiting[19]}`);
    const second = queueOf((await admin.get(next ?? '')).text);
    expect(second).toContain(`>${waiting[20]}</a>`);
    expect(second).toContain(`>${waiting[21]}</a>`);
    expect(second).not.toContain(`>${waiting[19]}</a>`);
    expect(second).not.toContain('rel="next"');
  });
});

describe('complaint actions as the status allows', () => {
  it('offers Ambil until it is taken and refuses Tutup before an answer, telling the complainant nothing', async () => {
    const opened = await file('Batulayang', '+6285700004444');
    if (!opened.ok) throw new Error('complaint not routed');
    const { number } = opened;
    const rina = browserAt();
    await rina.signIn(RINA);
    const before = await rina.get(`/dashboard/pengaduan/${number}`);
    expect(before.text).toContain('value="take"');
    expect(before.text).not.toContain('value="close"');
    expect(before.text).not.toContain('value="route"');

    await rina.post(`/dashboard/pengaduan/${number}/aksi`, { action: 'take' });
    const taken = await rina.get(`/dashboard/pengaduan/${number}`);
    expect(taken.text).toContain('diambil oleh Rina');
    expect(taken.text).not.toContain('value="take"');

    // A form from an older page, or the API: the server refuses it too, and says why.
    await rina.post(`/dashboard/pengaduan/${number}/aksi`, { action: 'close', text: '' });
    expect((await rina.get(`/dashboard/pengaduan/${number}`)).text).toContain(
      'Belum dijawab: kirim jawaban (Selesai) dulu, baru bisa ditutup',
    );
    expect(await db.models.complaints.findOne({ number }).lean()).toMatchObject({ status: 'in_progress' });
    const told = await db.models.outbox.find({ channel: 'simulator', chatId: '+6285700004444' }).lean();
    expect(told.map((entry) => (entry.message as { text: string }).text).join('\n')).not.toContain('ditutup');

    await rina.post(`/dashboard/pengaduan/${number}/aksi`, {
      action: 'answer',
      text: 'Tim survei datang Kamis.',
    });
    const answered = await rina.get(`/dashboard/pengaduan/${number}`);
    expect(answered.text).toContain('value="close"');
  });

  it('names categories and, for the admin, each complaint’s Puskesos in the inbox', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const inbox = await admin.get('/dashboard/pengaduan');
    const table = inbox.text.slice(inbox.text.indexOf('</section>'));
    expect(table).toContain('<th>Puskesos</th>');
    expect(table).toMatch(
      /RTLH \(rumah tidak layak huni\)<\/td>\s*<td class="optional">Batulayang<\/td>\s*<td>\s*Puskesos Lumpaat/,
    );
    expect(table).not.toMatch(/<td class="optional">rtlh<\/td>/);
    const rina = browserAt();
    await rina.signIn(RINA);
    expect((await rina.get('/dashboard/pengaduan')).text).not.toContain('<th>Puskesos</th>');
  });
});
