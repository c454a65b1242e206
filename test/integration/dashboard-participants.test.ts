import { transcriptsKept } from '../../src/db/migrations/transcripts-kept';
import type { Types } from 'mongoose';
import { setPassword } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import { openComplaint } from '../../src/domain/complaints';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK, testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { rebuildWeekSummaries } from '../../src/domain/reports/week-summaries';
import { rebuildReportLedgers } from '../../src/domain/reports/weekly-report-service';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { siti } from '../support/participants';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

/** The participants' pages over plain HTTP: who sees whom, and how much, and how a record is changed. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/** Monday 23 November 2026 in Bandung Barat: ISO week 2026-W48. */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';
const SITI_NIK = '3217014506900001';

let base = '';
let close: () => Promise<void> = async () => {};
let addressCounter = 0;
const ids = { siti: '', kokom: '', euis: '', ujang: '' };
let complaintNumber = '';

beforeAll(async () => {
  const [lumpaat, cihampelas] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
    { name: 'Puskesos Cihampelas', desa: 'Cihampelas', kecamatan: 'Cihampelas' },
  ]);
  await db.models.staff.create([
    { name: 'Rina', phone: '+6281300000001', role: 'front_office', puskesos: lumpaat?._id },
    { name: 'Yuni', phone: '+6281300000005', role: 'front_office', puskesos: cihampelas?._id },
    { name: 'Dewi (Dinsos)', phone: '+6281300000004', role: 'admin' },
    // Staff without a Puskesos who are not Dinsos admins see no participant at all.
    { name: 'Agus', phone: '+6281300000006', role: 'fasilitator' },
  ]);
  const [tono, ujang, asih] = await db.models.mentors.create([
    { name: 'Tono', phone: '+6281300000201', type: 'MiBi', kecamatan: ['Cililin'] },
    { name: 'Ujang', phone: '+6281300000202', type: 'MiBi', kecamatan: ['Cililin'] },
    { name: 'Asih', phone: '+6281300000203', type: 'TKSK', kecamatan: ['Cililin'] },
  ]);
  ids.ujang = String(ujang?._id);
  const sitiRecord = await db.models.participants.create({
    ...siti('+6281200007777', { consentedOn: 'simulator', at: now }),
    nik: { encrypted: 'v1.secret', hash: 'h-siti', masked: '3217**********01' },
    business: { name: 'Warung Siti', description: 'nasi kuning' },
    capitalGrant: { amount: 3_500_000 },
    mentors: { mibi: tono?._id, tksk: asih?._id },
  });
  const kokom = await db.models.participants.create({
    ...siti('+6281200009999', { consentedOn: 'simulator', at: now }),
    name: 'Kokom Komariah',
    kecamatan: 'Cihampelas',
    desa: 'Pataruman',
    cluster: 'ritel',
    stage: 'scale_up',
    mentors: { mibi: tono?._id },
  });
  const euis = await db.models.participants.create({
    ...siti('+6281200008888', { consentedOn: 'simulator', at: now }),
    name: 'Euis',
    mentors: { mibi: ujang?._id },
  });
  ids.siti = String(sitiRecord._id);
  ids.kokom = String(kokom._id);
  ids.euis = String(euis._id);

  let balance = 0;
  for (const [week, sales, deposit] of [
    ['2026-W46', 1_100_000, 50_000],
    ['2026-W47', 1_350_000, 70_000],
    ['2026-W48', 1_500_000, 60_000],
  ] as const) {
    balance += deposit;
    await db.models.weeklyReports.create({
      participant: sitiRecord._id,
      week,
      sales,
      savingsDeposit: deposit,
      savingsBalance: balance,
      channel: 'simulator',
      submittedAt: now,
    });
  }
  // Written around the service, as a seed is: who reported a week is read from its summary, a
  // participant's weeks from their ledger.
  await rebuildWeekSummaries(db.models);
  await rebuildReportLedgers(db.models);
  const [session] = await db.models.mentoringSessions.create([
    {
      mentor: tono?._id,
      startsAt: new Date('2026-11-14T02:00:00Z'),
      place: 'Balai Desa Batulayang',
      topic: 'Pembukuan sederhana',
      participants: [sitiRecord._id, kokom._id],
      status: 'done',
    },
  ]);
  await db.models.sessionAttendance.create({
    session: session?._id,
    participant: sitiRecord._id,
    present: true,
    recordedAt: now,
  });
  await db.models.inboundMessages.create([
    {
      channel: 'simulator',
      platformMessageId: 'm1',
      chatId: '+6281200007777',
      receivedAt: new Date('2026-11-22T03:00:00Z'),
      status: 'processed',
      payload: { text: 'Omzet minggu ini 1,5jt' },
    },
    {
      channel: 'simulator',
      platformMessageId: 'm2',
      chatId: '+6281200007777',
      receivedAt: new Date('2026-11-22T03:02:00Z'),
      status: 'processed',
      payload: { text: `NIK saya ${SITI_NIK}` },
    },
  ]);
  await db.models.outbox.create({
    dedupeKey: 'reply-m1',
    channel: 'simulator',
    chatId: '+6281200007777',
    message: { text: 'Terima kasih Bu Siti, omzet Rp1.500.000 dicatat.' },
    dueAt: new Date('2026-11-22T03:00:01Z'),
    status: 'sent',
    sentAt: new Date('2026-11-22T03:00:01Z'),
  });
  // A chat from before transcripts were kept with it, as a database upgraded to this version holds it.
  await transcriptsKept.run(db.models);
  const opened = await openComplaint(
    db.models,
    {
      participant: sitiRecord._id as Types.ObjectId,
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
  complaintNumber = opened.number;

  for (const login of [
    '+6281300000001',
    '+6281300000005',
    '+6281300000004',
    '+6281300000006',
    '+6281300000201',
    '+6281300000202',
  ]) {
    await setPassword(db.models, login, PASSWORD);
  }
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

/** A browser of its own address, signed in, on the participants' page (whose token its forms carry). */
async function signedIn(login: string) {
  const browser = formBrowser(base, { address: `10.2.0.${++addressCounter}`, password: PASSWORD });
  const done = await browser.signIn(login);
  if (done.status !== 303) throw new Error(`sign-in of ${login} failed: ${done.status}`);
  await browser.get('/dashboard/peserta');
  return browser;
}

/** The names in the list's table, in order. */
const namesIn = (page: string) =>
  [...page.matchAll(/<td><a href="\/dashboard\/peserta\/[0-9a-f]{24}">([^<]+)<\/a><\/td>/g)].map(
    (match) => match[1],
  );

const lastAudit = (action: string) => db.models.auditEvents.findOne({ action }).sort({ _id: -1 }).lean();

const sitiForm = (overrides: Record<string, string> = {}) => ({
  name: 'Siti Aminah',
  phone: '0812-0000-7777',
  kecamatan: 'Cililin',
  desa: 'Batulayang',
  cluster: 'kuliner',
  stage: 'start_up',
  businessName: 'Warung Siti',
  businessDescription: 'nasi kuning',
  language: 'id',
  timeZone: '',
  ...overrides,
});

describe('the list of participants', () => {
  it('shows a mentor only their own participants, with phones and this week’s reporting, and audits the read', async () => {
    const tono = await signedIn('+6281300000201');
    const list = await tono.request('GET', '/dashboard/peserta');
    expect(list.status).toBe(200);
    expect(namesIn(list.text)).toEqual(['Kokom Komariah', 'Siti Aminah']);
    expect(list.text).toContain('+6281200007777');
    expect(list.text).not.toContain('/dashboard/impor');
    const audit = await lastAudit('participants.list');
    expect(audit).toMatchObject({
      actor: expect.stringMatching(/^mentor:/),
      from: expect.stringMatching(/^10\.2\.0\./),
      details: { via: 'session', page: 'dashboard', view: 'full', count: 2, pageNumber: 1, filters: [] },
    });
  });

  it('finds by name, by phone in any spelling or its last digits, and by every filter', async () => {
    const tono = await signedIn('+6281300000201');
    const names = async (query: string) =>
      namesIn((await tono.request('GET', `/dashboard/peserta?${query}`)).text);
    expect(await names('q=siti')).toEqual(['Siti Aminah']);
    expect(await names(`q=${encodeURIComponent('+62 812-0000-9999')}`)).toEqual(['Kokom Komariah']);
    expect(await names('q=081200009999')).toEqual(['Kokom Komariah']);
    expect(await names('q=7777')).toEqual(['Siti Aminah']);
    // Another mentor's participant is not found, however exactly searched for.
    expect(await names('q=Euis')).toEqual([]);
    expect(await names('q=08120000')).toEqual(['Kokom Komariah', 'Siti Aminah']);
    expect(await names('kecamatan=Cihampelas')).toEqual(['Kokom Komariah']);
    expect(await names('desa=Batulayang')).toEqual(['Siti Aminah']);
    expect(await names('klaster=ritel')).toEqual(['Kokom Komariah']);
    expect(await names('tahap=start_up&klaster=kuliner')).toEqual(['Siti Aminah']);
    expect(await names('belum_lapor=1')).toEqual(['Kokom Komariah']);
    expect(await names('q=&kecamatan=&klaster=')).toEqual(['Kokom Komariah', 'Siti Aminah']);
    const audit = await lastAudit('participants.list');
    expect(audit?.details).toMatchObject({ filters: [] });

    const bad = await tono.request('GET', '/dashboard/peserta?klaster=tambang');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('klaster');
    expect((await tono.request('GET', '/dashboard/peserta?sort[$gt]=1')).status).toBe(400);
  });

  it('shows a Dinsos admin everyone, a filter by mentor, and the link to the import', async () => {
    const dewi = await signedIn('+6281300000004');
    const list = await dewi.request('GET', '/dashboard/peserta');
    expect(namesIn(list.text)).toEqual(['Euis', 'Kokom Komariah', 'Siti Aminah']);
    expect(list.text).toContain('href="/dashboard/impor"');
    expect(list.text).toContain('Ujang (MiBi)');
    const byMentor = await dewi.request('GET', `/dashboard/peserta?pendamping=${ids.ujang}`);
    expect(namesIn(byMentor.text)).toEqual(['Euis']);
    const audit = await lastAudit('participants.list');
    expect(audit?.details).toMatchObject({ filters: ['mentor'], count: 1 });
  });

  it('shows Puskesos staff only participants with a complaint there, with name, desa and a masked phone', async () => {
    const rina = await signedIn('+6281300000001');
    const list = await rina.request('GET', '/dashboard/peserta');
    expect(list.status).toBe(200);
    expect(namesIn(list.text)).toEqual(['Siti Aminah']);
    expect(list.text).toContain('0812-****-7777');
    expect(list.text).not.toContain('+6281200007777');
    expect(list.text).not.toContain('Kuliner');
    expect(list.text).not.toContain('Laporan minggu ini');
    // Staff search by name only: a phone number typed finds no one rather than probing numbers.
    expect(namesIn((await rina.request('GET', '/dashboard/peserta?q=7777')).text)).toEqual([]);
    expect(await lastAudit('participants.list')).toMatchObject({
      actor: expect.stringMatching(/^staff:/),
      details: { view: 'complaint', count: 0 },
    });

    const yuni = await signedIn('+6281300000005');
    expect(namesIn((await yuni.request('GET', '/dashboard/peserta')).text)).toEqual([]);
    const agus = await signedIn('+6281300000006');
    const refused = await agus.request('GET', '/dashboard/peserta');
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('Siti');
  });
});

describe('one participant', () => {
  it('shows their mentor the profile (NIK masked), weekly history, sessions, complaints and the transcript without the NIK', async () => {
    const tono = await signedIn('+6281300000201');
    const detail = await tono.request('GET', `/dashboard/peserta/${ids.siti}`);
    expect(detail.status).toBe(200);
    const text = detail.text;
    expect(text).toContain('3217**********01');
    expect(text).not.toContain('v1.secret');
    expect(text).toContain('+6281200007777');
    expect(text).toContain('Asih');
    expect(text).toContain('<svg');
    expect(text).toContain('2026-W47');
    expect(text).toContain('Rp1.350.000');
    expect(text).toContain('Rp180.000');
    expect(text).toContain('Pembukuan sederhana');
    expect(text).toMatch(/badge aman">hadir/);
    expect(text).toContain(complaintNumber);
    // Mentors have no complaints pages: the number is shown without a link.
    expect(text).not.toContain(`/dashboard/pengaduan/${complaintNumber}`);
    expect(text).toContain('Omzet minggu ini 1,5jt');
    expect(text).toContain('Terima kasih Bu Siti, omzet Rp1.500.000 dicatat.');
    expect(text).toContain('NIK saya [NIK]');
    expect(text).not.toContain(SITI_NIK);
    expect(text).toContain(`/dashboard/peserta/${ids.siti}/ubah`);
    expect(await lastAudit('participant.read')).toMatchObject({
      actor: expect.stringMatching(/^mentor:/),
      target: ids.siti,
      details: { via: 'session', page: 'dashboard', view: 'full' },
    });
  });

  it('refuses a mentor another mentor’s participant (403) and answers 404 for no participant', async () => {
    const tono = await signedIn('+6281300000201');
    const other = await tono.request('GET', `/dashboard/peserta/${ids.euis}`);
    expect(other.status).toBe(403);
    expect(other.text).not.toContain('Euis');
    expect((await tono.request('GET', '/dashboard/peserta/0123456789abcdef01234567')).status).toBe(404);
    expect((await tono.request('GET', '/dashboard/peserta/bukan-id')).status).toBe(404);
  });

  it('shows Puskesos staff only what a complaint needs: no history, transcript, business or NIK', async () => {
    const rina = await signedIn('+6281300000001');
    const detail = await rina.request('GET', `/dashboard/peserta/${ids.siti}`);
    expect(detail.status).toBe(200);
    const text = detail.text;
    expect(text).toContain('Siti Aminah');
    expect(text).toContain('Batulayang');
    expect(text).toContain('0812-****-7777');
    expect(text).toContain(`href="/dashboard/pengaduan/${complaintNumber}"`);
    for (const hidden of [
      '+6281200007777',
      '3217**********01',
      '<svg',
      'Riwayat mingguan',
      'Rp1.350.000',
      'Percakapan',
      'Omzet minggu ini',
      'Warung Siti',
      'Pembukuan sederhana',
      '/ubah',
    ]) {
      expect(text).not.toContain(hidden);
    }
    expect(await lastAudit('participant.read')).toMatchObject({
      target: ids.siti,
      details: { view: 'complaint' },
    });
    expect((await rina.request('GET', `/dashboard/peserta/${ids.kokom}`)).status).toBe(403);
    expect((await rina.request('GET', `/dashboard/peserta/${ids.siti}/ubah`)).status).toBe(403);
  });
});

describe('changing a participant’s record', () => {
  it('lets only the participant’s own mentors and Dinsos admins open the form', async () => {
    const tono = await signedIn('+6281300000201');
    const form = await tono.request('GET', `/dashboard/peserta/${ids.siti}/ubah`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Batulayang"');
    expect((await tono.request('GET', `/dashboard/peserta/${ids.euis}/ubah`)).status).toBe(403);
    const refused = await tono.request('POST', `/dashboard/peserta/${ids.euis}/ubah`, {
      csrf: tono.csrf,
      ...sitiForm({ name: 'Euis', phone: '0812-0000-8888', desa: 'Dirampas' }),
    });
    expect(refused.status).toBe(403);
    expect((await db.models.participants.findById(ids.euis).lean())?.desa).toBe('Batulayang');
    const dewi = await signedIn('+6281300000004');
    expect((await dewi.request('GET', `/dashboard/peserta/${ids.euis}/ubah`)).status).toBe(200);
  });

  it('re-renders a bad form with 400, the typed values kept and the field named, and stores nothing', async () => {
    const tono = await signedIn('+6281300000201');
    const bad = await tono.request('POST', `/dashboard/peserta/${ids.siti}/ubah`, {
      csrf: tono.csrf,
      ...sitiForm({ phone: '0812-34', desa: 'Desa Baru', stage: 'raksasa' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="0812-34"');
    expect(bad.text).toContain('value="Desa Baru"');
    expect(bad.text).toMatch(/No\. HP<\/a>: panjang nomor HP tidak wajar/);
    expect(bad.text).toMatch(/Tahap<\/a>: &quot;raksasa&quot; tidak dikenal/);
    expect(bad.text).toContain('aria-invalid="true"');
    expect((await db.models.participants.findById(ids.siti).lean())?.desa).toBe('Batulayang');

    const empty = await tono.request('POST', `/dashboard/peserta/${ids.siti}/ubah`, {
      csrf: tono.csrf,
      ...sitiForm({ name: '  ' }),
    });
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/Nama<\/a>: wajib diisi/);

    const smuggled = await tono.request('POST', `/dashboard/peserta/${ids.siti}/ubah`, {
      csrf: tono.csrf,
      ...sitiForm({ nik: '3217014506900002' }),
    });
    expect(smuggled.status).toBe(400);
    expect(smuggled.text).toContain('nik');

    const forged = await tono.request('POST', `/dashboard/peserta/${ids.siti}/ubah`, {
      csrf: 'bukan-token',
      ...sitiForm({ desa: 'Palsu' }),
    });
    expect(forged.status).toBe(403);
    expect((await db.models.participants.findById(ids.siti).lean())?.desa).toBe('Batulayang');
  });

  it('refuses a phone number another participant has, with a clear message', async () => {
    const tono = await signedIn('+6281300000201');
    const taken = await tono.request('POST', `/dashboard/peserta/${ids.siti}/ubah`, {
      csrf: tono.csrf,
      ...sitiForm({ phone: '+62 812 0000 8888', desa: 'Mukapayung' }),
    });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('sudah dipakai peserta lain');
    expect(taken.text).toContain('value="+62 812 0000 8888"');
    expect(taken.text).toContain('value="Mukapayung"');
    const stored = await db.models.participants.findById(ids.siti).lean();
    expect(stored).toMatchObject({ phone: '+6281200007777', desa: 'Batulayang' });
  });

  it('saves a good change by the importer’s rules, redirects with a flash, and audits what changed', async () => {
    await db.models.participants.updateOne(
      { _id: ids.siti },
      {
        $set: {
          channels: {
            whatsappId: '6281200007777@c.us',
            whatsappCloudId: '6281200007777',
            telegramUserId: '7777001',
            lastUsed: 'whatsapp-web',
          },
        },
      },
    );
    const tono = await signedIn('+6281300000201');
    const saved = await tono.request('POST', `/dashboard/peserta/${ids.siti}/ubah`, {
      csrf: tono.csrf,
      ...sitiForm({ desa: 'MUKAPAYUNG', phone: '0812 0000 7778', stage: 'Scale Up', timeZone: 'WITA' }),
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/dashboard/peserta/${ids.siti}`);
    const stored = await db.models.participants.findById(ids.siti).lean();
    expect(stored).toMatchObject({
      desa: 'Mukapayung',
      phone: '+6281200007778',
      stage: 'scale_up',
      timeZone: 'Asia/Makassar',
      kecamatan: 'Cililin',
      nik: { hash: 'h-siti', masked: '3217**********01' },
    });
    // The old number's WhatsApp no longer stands for Siti; her Telegram account still does.
    expect(stored?.channels).toEqual({ telegramUserId: '7777001' });
    const detail = await tono.request('GET', saved.location ?? '');
    expect(detail.text).toContain('Data peserta disimpan: No. HP, Desa, Tahap, Zona waktu.');
    expect(detail.text).toContain('Mukapayung');
    const audit = await lastAudit('participant.update');
    expect(audit).toMatchObject({
      actor: expect.stringMatching(/^mentor:/),
      target: ids.siti,
      details: {
        via: 'session',
        page: 'dashboard',
        fields: ['phone', 'desa', 'stage', 'timeZone'],
        unlinked: ['channels.whatsappId', 'channels.whatsappCloudId', 'channels.lastUsed'],
        changes: {
          desa: { from: 'Batulayang', to: 'Mukapayung' },
          phone: { from: '0812-****-7777', to: '0812-****-7778' },
          stage: { from: 'start_up', to: 'scale_up' },
        },
      },
    });
    expect(JSON.stringify(audit)).not.toMatch(/h-siti|v1\.secret|3217/);

    const again = await tono.request('POST', `/dashboard/peserta/${ids.siti}/ubah`, {
      csrf: tono.csrf,
      ...sitiForm({
        desa: 'Mukapayung',
        phone: '081200007778',
        stage: 'scale_up',
        timeZone: 'Asia/Makassar',
      }),
    });
    expect(again.status).toBe(303);
    const unchanged = await tono.request('GET', `/dashboard/peserta/${ids.siti}`);
    expect(unchanged.text).toContain('Tidak ada yang berubah.');
  });
});
