import type { Types } from 'mongoose';
import { setPassword } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

/** The sessions pages over plain HTTP: scoping, validation, the notices they queue, and the audit log. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/** Monday 23 November 2026, 09.00 in Bandung Barat. */
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';
const LOGINS = {
  rina: '+6281300000001',
  dewi: '+6281300000004',
  tono: '+6281300000201',
  ujang: '+6281300000202',
};
const PHONES = { siti: '+6281200007777', asep: '+6281200007778', euis: '+6281200007779' };

let base = '';
let close: () => Promise<void> = async () => {};
const ids = { tono: '', ujang: '', siti: '', asep: '', euis: '' };
let addressCounter = 0;

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
    { name: 'Ujang', phone: LOGINS.ujang, type: 'TKSK', kecamatan: ['Cihampelas'] },
  ]);
  const consent = { purpose: 'test', givenAt: now, channel: 'simulator' };
  const person = (name: string, phone: string, kecamatan: string, desa: string, mibi?: Types.ObjectId) => ({
    name,
    phone,
    kecamatan,
    desa,
    cluster: 'kuliner' as const,
    stage: 'start_up' as const,
    consent,
    mentors: { mibi },
  });
  const [siti, asep, euis] = await db.models.participants.create([
    person('Siti Aminah', PHONES.siti, 'Cililin', 'Batulayang', tono?._id),
    person('Asep Saepudin', PHONES.asep, 'Cihampelas', 'Pataruman', tono?._id),
    person('Euis Kurniasih', PHONES.euis, 'Cihampelas', 'Cihampelas', ujang?._id),
  ]);
  // Written around the service: the roster the forms list invitees from is built again from them.
  await rebuildParticipantRoster(db.models);
  Object.assign(ids, {
    tono: String(tono?._id),
    ujang: String(ujang?._id),
    siti: String(siti?._id),
    asep: String(asep?._id),
    euis: String(euis?._id),
  });
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
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

/** A browser of its own address, signed in, on the form for a new session (whose token its forms carry). */
async function signedIn(login: string) {
  const browser = formBrowser(base, { address: `10.2.0.${++addressCounter}`, password: PASSWORD });
  await browser.signIn(login);
  await browser.get('/dashboard/sesi/baru');
  return browser;
}

const noticesFor = (sessionId: string, kind: string) =>
  db.models.outbox.find({ dedupeKey: new RegExp(`^session:${sessionId}:\\d+:${kind}:`) }).lean();

const auditOf = (action: string, target?: string) =>
  db.models.auditEvents.find({ action, ...(target ? { target } : {}) }).lean();

describe('the mentoring sessions pages', () => {
  let sessionId = '';

  it('refuses Puskesos staff every sessions page with 403, never an empty list', async () => {
    const rina = await signedIn(LOGINS.rina);
    for (const path of ['/dashboard/sesi', '/dashboard/sesi?tampilan=kalender', '/dashboard/sesi/baru']) {
      const refused = await rina.get(path);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('hanya untuk pendamping dan admin Dinsos');
    }
    const posted = await rina.post('/dashboard/sesi/baru', {
      tanggal: '2026-11-26',
      jam: '09:00',
      tempat: 'Balai Desa',
      topik: 'Pembukuan',
      peserta: [ids.siti],
    });
    expect(posted.status).toBe(403);
    expect(await db.models.mentoringSessions.countDocuments()).toBe(0);
  });

  it('keeps what a mentor typed and names the field when the date, time or participants are wrong', async () => {
    const tono = await signedIn(LOGINS.tono);
    const form = await tono.get('/dashboard/sesi/baru');
    expect(form.status).toBe(200);
    // Tono's participants only: Euis follows Ujang.
    expect(form.text).toContain('Siti Aminah');
    expect(form.text).toContain('Asep Saepudin');
    expect(form.text).not.toContain('Euis');

    const typed = { jam: '09:00', tempat: 'Balai Desa Batulayang', topik: 'Pembukuan sederhana' };
    const past = await tono.post('/dashboard/sesi/baru', {
      ...typed,
      tanggal: '2026-11-20',
      peserta: [ids.siti],
    });
    expect(past.status).toBe(400);
    expect(past.text).toContain('Tanggal dan jam: waktu itu sudah lewat');
    expect(past.text).toContain('value="Balai Desa Batulayang"');
    expect(past.text).toContain('value="2026-11-20"');
    expect(past.text).toMatch(new RegExp(`value="${ids.siti}"\\s+checked`));

    const nobody = await tono.post('/dashboard/sesi/baru', { ...typed, tanggal: '2026-11-26' });
    expect(nobody.status).toBe(400);
    expect(nobody.text).toContain('Peserta: pilih paling sedikit satu peserta.');
    expect(nobody.text).toContain('value="Pembukuan sederhana"');

    const badTime = await tono.post('/dashboard/sesi/baru', {
      ...typed,
      jam: '25:00',
      tanggal: '2026-11-26',
      peserta: [ids.siti],
    });
    expect(badTime.status).toBe(400);
    expect(badTime.text).toContain('Jam: isi jam seperti 09:00.');
    expect(badTime.text).toContain('value="25:00"');

    const badDate = await tono.post('/dashboard/sesi/baru', {
      ...typed,
      tanggal: '2026-02-31',
      peserta: [ids.siti],
    });
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('Tanggal: isi tanggal yang benar.');

    const stranger = await tono.post('/dashboard/sesi/baru', {
      ...typed,
      tanggal: '2026-11-26',
      peserta: [ids.siti, ids.euis],
    });
    expect(stranger.status).toBe(400);
    expect(stranger.text).toContain('Peserta: ada peserta yang bukan dampingan');
    expect(await db.models.mentoringSessions.countDocuments()).toBe(0);
  });

  it('plans a session from the form and queues each participant’s invitation once', async () => {
    const tono = await signedIn(LOGINS.tono);
    const planned = await tono.post('/dashboard/sesi/baru', {
      tanggal: '2026-11-26',
      jam: '09:30',
      tempat: 'Balai Desa Batulayang',
      topik: 'Pembukuan sederhana',
      peserta: [ids.siti, ids.asep],
    });
    expect(planned.status).toBe(303);
    expect(planned.location).toBe('/dashboard/sesi');
    const session = await db.models.mentoringSessions.findOne({ topic: 'Pembukuan sederhana' }).lean();
    sessionId = String(session?._id);
    // 09.30 in Jakarta.
    expect(session?.startsAt.toISOString()).toBe('2026-11-26T02:30:00.000Z');
    expect(String(session?.mentor)).toBe(ids.tono);
    const invitations = await noticesFor(sessionId, 'invitation');
    expect(invitations.map((entry) => entry.chatId).sort()).toEqual([PHONES.siti, PHONES.asep]);
    expect(invitations[0]?.message.text).toContain('Undangan pendampingan: Pembukuan sederhana');
    expect(await noticesFor(sessionId, 'day_before')).toHaveLength(2);
    expect(await noticesFor(sessionId, 'two_hours_before')).toHaveLength(2);

    const list = await tono.get('/dashboard/sesi');
    expect(list.text).toContain('Sesi direncanakan. Undangan dan pengingat untuk 2 peserta');
    expect(list.text).toContain('Pembukuan sederhana');
    expect(list.text).toContain('Balai Desa Batulayang');
    expect(list.text).toMatch(/Kam, 26 Nov 2026,? 09[.:]30/);

    const [audit] = await auditOf('session.plan', sessionId);
    expect(audit).toMatchObject({
      actor: `mentor:${ids.tono}`,
      details: { via: 'session', page: 'dashboard', invited: 6, mentor: ids.tono },
    });
    const listed = await auditOf('sessions.list');
    expect(listed.at(-1)).toMatchObject({
      actor: `mentor:${ids.tono}`,
      details: { page: 'dashboard', count: 1 },
    });
  });

  it('shows the session in its day of the month calendar, a Monday-first table', async () => {
    const tono = await signedIn(LOGINS.tono);
    const calendar = await tono.get('/dashboard/sesi?tampilan=kalender&bulan=2026-11');
    expect(calendar.status).toBe(200);
    const cell = /<td[^>]*data-date="2026-11-26"[^>]*>([\s\S]*?)<\/td>/.exec(calendar.text)?.[1] ?? '';
    expect(cell).toContain('09.30 Pembukuan sederhana');
    expect(calendar.text).toMatch(/<th scope="col">Sen<\/th>\s*<th scope="col">Sel<\/th>/);
    expect(calendar.text).toContain('bulan=2026-10');
    expect(calendar.text).toContain('bulan=2026-12');
    const december = await tono.get('/dashboard/sesi?tampilan=kalender&bulan=2026-12');
    expect(december.text).not.toContain('Pembukuan sederhana');
    expect((await tono.get('/dashboard/sesi?tampilan=kalender&bulan=2026-13')).status).toBe(400);
  });

  it('shows Dinsos every mentor’s sessions with filters, and hides them from another mentor', async () => {
    const ujang = await signedIn(LOGINS.ujang);
    expect((await ujang.get('/dashboard/sesi')).text).not.toContain('Pembukuan sederhana');
    expect((await ujang.get(`/dashboard/sesi/${sessionId}/ubah`)).status).toBe(404);
    expect((await ujang.get(`/dashboard/sesi/${sessionId}/kehadiran`)).status).toBe(404);
    const refused = await ujang.post(`/dashboard/sesi/${sessionId}/batal`, { alasan: 'Bukan sesi saya' });
    expect(refused.status).toBe(404);
    // A mentor cannot borrow the admin's filter to see another mentor's sessions.
    expect((await ujang.get(`/dashboard/sesi?pendamping=${ids.tono}`)).text).not.toContain(
      'Pembukuan sederhana',
    );

    const dewi = await signedIn(LOGINS.dewi);
    const all = await dewi.get('/dashboard/sesi');
    expect(all.text).toContain('Pembukuan sederhana');
    expect(all.text).toContain('<td class="optional">Tono</td>');
    expect((await dewi.get(`/dashboard/sesi?pendamping=${ids.ujang}`)).text).not.toContain(
      'Pembukuan sederhana',
    );
    expect((await dewi.get(`/dashboard/sesi?pendamping=${ids.tono}`)).text).toContain('Pembukuan sederhana');
    // Both participants are invited, so both kecamatan find it; a kecamatan without them does not.
    expect((await dewi.get('/dashboard/sesi?kecamatan=Cililin')).text).toContain('Pembukuan sederhana');
    expect((await dewi.get('/dashboard/sesi?kecamatan=Lembang')).text).not.toContain('Pembukuan sederhana');
    expect((await dewi.get('/dashboard/sesi?pendamping=x')).status).toBe(400);
  });

  it('changes a session: those still invited hear the new details, the one left out hears it is off', async () => {
    const tono = await signedIn(LOGINS.tono);
    const form = await tono.get(`/dashboard/sesi/${sessionId}/ubah`);
    expect(form.text).toContain('value="2026-11-26"');
    expect(form.text).toContain('value="09:30"');
    const moved = await tono.post(`/dashboard/sesi/${sessionId}/ubah`, {
      tanggal: '2026-11-26',
      jam: '09:30',
      tempat: 'Rumah Ibu Siti',
      topik: 'Pembukuan sederhana',
      peserta: [ids.siti],
    });
    expect(moved.status).toBe(303);
    const session = await db.models.mentoringSessions.findById(sessionId).lean();
    expect(session?.place).toBe('Rumah Ibu Siti');
    expect(session?.participants.map(String)).toEqual([ids.siti]);
    const told = await db.models.outbox
      .find({ dedupeKey: new RegExp(`^session:${sessionId}:\\d+:moved:`) })
      .lean();
    expect(told.map((entry) => entry.chatId)).toEqual([PHONES.siti]);
    expect(told[0]?.message.text).toContain('Rumah Ibu Siti');
    const off = await db.models.outbox
      .find({ dedupeKey: new RegExp(`^session:${sessionId}:\\d+:cancelled:`) })
      .lean();
    expect(off.map((entry) => entry.chatId)).toEqual([PHONES.asep]);
    // The reminders at the same time are queued again for Siti, with the new place.
    const reminders = await db.models.outbox
      .find({ dedupeKey: new RegExp(`^session:${sessionId}:\\d+:day_before:`), status: 'pending' })
      .lean();
    expect(reminders.map((entry) => [entry.chatId, entry.message.text.includes('Rumah Ibu Siti')])).toEqual([
      [PHONES.siti, true],
    ]);
    expect(await auditOf('session.revise', sessionId)).toHaveLength(1);

    const bad = await tono.post(`/dashboard/sesi/${sessionId}/ubah`, {
      tanggal: '2026-11-26',
      jam: '09:30',
      tempat: 'X',
      topik: 'Pembukuan sederhana',
      peserta: [ids.siti],
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Tempat: tulis 3 sampai 120 huruf.');
    expect(bad.text).toContain('value="X"');
  });

  it('records attendance once the session began, and recording again corrects it', async () => {
    let tono = await signedIn(LOGINS.tono);
    const early = await tono.post(`/dashboard/sesi/${sessionId}/kehadiran`, { hadir: [ids.siti] });
    expect(early.status).toBe(303);
    expect((await tono.get(`/dashboard/sesi/${sessionId}/kehadiran`)).text).toContain('belum dimulai');
    expect(await db.models.sessionAttendance.countDocuments()).toBe(0);

    // Thursday at noon, after the session; a browser session lasts 12 hours, so Tono signs in again.
    now = new Date('2026-11-26T05:00:00Z');
    tono = await signedIn(LOGINS.tono);
    const recorded = await tono.post(`/dashboard/sesi/${sessionId}/kehadiran`, { hadir: [ids.siti] });
    expect(recorded.location).toBe(`/dashboard/sesi/${sessionId}/kehadiran`);
    const page = await tono.get(`/dashboard/sesi/${sessionId}/kehadiran`);
    expect(page.text).toContain('Kehadiran tercatat: 1 dari 1 peserta hadir.');
    expect(page.text).toMatch(new RegExp(`value="${ids.siti}"\\s+checked`));
    expect((await db.models.sessionAttendance.findOne({ participant: ids.siti }).lean())?.present).toBe(true);

    const corrected = await tono.post(`/dashboard/sesi/${sessionId}/kehadiran`, {});
    expect(corrected.status).toBe(303);
    const entries = await db.models.sessionAttendance.find({ session: sessionId }).lean();
    expect(entries.map((entry) => entry.present)).toEqual([false]);
    expect((await tono.get(`/dashboard/sesi/${sessionId}/kehadiran`)).text).toContain(
      'Kehadiran tercatat: 0 dari 1 peserta hadir.',
    );
    const stranger = await tono.post(`/dashboard/sesi/${sessionId}/kehadiran`, { hadir: [ids.euis] });
    expect(stranger.status).toBe(303);
    expect((await tono.get(`/dashboard/sesi/${sessionId}/kehadiran`)).text).toContain(
      'Hadir: ada yang tidak diundang',
    );
    expect((await auditOf('session.attendance', sessionId)).map((entry) => entry.details)).toEqual([
      { via: 'session', page: 'dashboard', present: 1, invited: 1 },
      { via: 'session', page: 'dashboard', present: 0, invited: 1 },
    ]);
    expect((await db.models.mentoringSessions.findById(sessionId).lean())?.status).toBe('done');
    // A session that has begun can no longer be changed.
    expect((await tono.get(`/dashboard/sesi/${sessionId}/ubah`)).status).toBe(409);
    const list = await tono.get('/dashboard/sesi');
    expect(list.text).toContain('sudah berlangsung');
  });

  it('cancels a session with a reason, tells the participants, and keeps the reason in the audit log', async () => {
    const dewi = await signedIn(LOGINS.dewi);
    const chooser = await dewi.get('/dashboard/sesi/baru');
    expect(chooser.text).toContain('Lanjut: pilih peserta');
    const form = await dewi.get(`/dashboard/sesi/baru?pendamping=${ids.ujang}`);
    expect(form.text).toContain('Euis Kurniasih');
    expect(form.text).not.toContain('Siti Aminah');
    const planned = await dewi.post('/dashboard/sesi/baru', {
      pendamping: ids.ujang,
      tanggal: '2026-12-03',
      jam: '13:00',
      tempat: 'Aula Kecamatan Cihampelas',
      topik: 'Menabung',
      peserta: [ids.euis],
    });
    expect(planned.status).toBe(303);
    const session = await db.models.mentoringSessions.findOne({ topic: 'Menabung' }).lean();
    expect(String(session?.mentor)).toBe(ids.ujang);
    const id = String(session?._id);

    const noReason = await dewi.post(`/dashboard/sesi/${id}/batal`, { alasan: ' ' });
    expect(noReason.location).toBe(`/dashboard/sesi/${id}/ubah`);
    expect((await dewi.get(`/dashboard/sesi/${id}/ubah`)).text).toContain('Alasan pembatalan: tulis');
    expect((await db.models.mentoringSessions.findById(id).lean())?.status).toBe('planned');

    const wrongToken = await dewi.request('POST', `/dashboard/sesi/${id}/batal`, {
      csrf: 'bukan-token',
      alasan: 'Hujan deras',
    });
    expect(wrongToken.status).toBe(403);

    const cancelled = await dewi.post(`/dashboard/sesi/${id}/batal`, { alasan: 'Aula dipakai rapat desa' });
    expect(cancelled.location).toBe('/dashboard/sesi');
    expect((await db.models.mentoringSessions.findById(id).lean())?.status).toBe('cancelled');
    expect((await noticesFor(id, 'cancelled')).map((entry) => entry.chatId)).toEqual([PHONES.euis]);
    expect(
      await db.models.outbox.countDocuments({ dedupeKey: new RegExp(`^session:${id}:`), status: 'pending' }),
    ).toBe(1);
    const [audit] = await auditOf('session.cancel', id);
    expect(audit).toMatchObject({
      actor: expect.stringMatching(/^staff:/),
      details: { via: 'session', page: 'dashboard', reason: 'Aula dipakai rapat desa' },
    });
  });
});

describe('a mentor with a full group', () => {
  it('plans a session for all of a hundred participants from one form', async () => {
    const mentor = await db.models.mentors.create({
      name: 'Yayan',
      phone: '+6281300000203',
      type: 'MiBi',
      kecamatan: ['Cipongkor'],
    });
    await setPassword(db.models, '+6281300000203', PASSWORD);
    const group = await db.models.participants.insertMany(
      Array.from({ length: 100 }, (_, index) => ({
        name: `Peserta ${index + 1}`,
        phone: `+62812011${String(index).padStart(5, '0')}`,
        kecamatan: 'Cipongkor',
        desa: 'Sarinagen',
        cluster: 'kuliner',
        stage: 'start_up',
        mentors: { mibi: mentor._id },
      })),
    );
    await rebuildParticipantRoster(db.models);
    const yayan = await signedIn('+6281300000203');
    const planned = await yayan.post('/dashboard/sesi/baru', {
      tanggal: '2026-11-27',
      jam: '13:00',
      tempat: 'Kantor Desa Sarinagen',
      topik: 'Pemasaran bersama',
      peserta: group.map((participant) => String(participant._id)),
    });
    expect(planned.status).toBe(303);
    const session = await db.models.mentoringSessions.findOne({ topic: 'Pemasaran bersama' }).lean();
    expect(session?.participants).toHaveLength(100);
  });
});
