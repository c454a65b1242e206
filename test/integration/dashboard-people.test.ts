import { randomBytes } from 'node:crypto';
import { setPassword } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import { NikVault } from '../../src/domain/identity';
import { queueWeekDigests } from '../../src/domain/digests';
import { queueWeeklyReportReminders } from '../../src/domain/reminders';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { siti } from '../support/participants';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

/** People managed on the dashboard: graduating and withdrawing participants, disabling accounts. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/** Monday 23 November 2026 in Bandung Barat: ISO week 2026-W48. */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';

let base = '';
let close: () => Promise<void> = async () => {};
let addressCounter = 0;
const ids = { siti: '', euis: '', tono: '', rina: '' };

beforeAll(async () => {
  const [lumpaat] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
  ]);
  const [rina] = await db.models.staff.create([
    { name: 'Rina', phone: '+6281300000001', role: 'front_office', puskesos: lumpaat?._id },
    { name: 'Dewi (Dinsos)', phone: '+6281300000004', role: 'admin' },
  ]);
  const [tono] = await db.models.mentors.create([
    { name: 'Tono', phone: '+6281300000201', type: 'MiBi', kecamatan: ['Cililin'] },
  ]);
  const sitiRecord = await db.models.participants.create({
    ...siti('+6281200007777', { consentedOn: 'simulator', at: now }),
    mentors: { mibi: tono?._id },
  });
  const euis = await db.models.participants.create({
    ...siti('+6281200008888', { consentedOn: 'simulator', at: now }),
    name: 'Euis',
    mentors: { mibi: tono?._id },
  });
  ids.siti = String(sitiRecord._id);
  ids.euis = String(euis._id);
  ids.tono = String(tono?._id);
  ids.rina = String(rina?._id);
  for (const login of ['+6281300000001', '+6281300000004', '+6281300000201']) {
    await setPassword(db.models, login, PASSWORD);
  }
  const dependencies = {
    ...testApiDependencies({
      models: db.models,
      conversations: testConversationService(db.models, clock, logger),
      clock,
      logger,
    }),
    nikVault: new NikVault(randomBytes(32)),
  };
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
  await browser.get('/dashboard/ringkasan');
  return browser;
}

const lastAudit = (action: string) => db.models.auditEvents.findOne({ action }).sort({ _id: -1 }).lean();

describe('graduating a participant or recording a drop-out', () => {
  it('lets an admin graduate a participant with a date and reason, shown on their page and audited', async () => {
    const dewi = await signedIn('+6281300000004');
    const form = await dewi.get(`/dashboard/peserta/${ids.siti}/status`);
    expect(form.status).toBe(200);
    const done = await dewi.post(`/dashboard/peserta/${ids.siti}/status`, {
      status: 'graduated',
      on: '2026-11-20',
      reason: 'Usaha sudah mandiri',
    });
    expect(done.status).toBe(303);
    const detail = await dewi.get(`/dashboard/peserta/${ids.siti}`);
    expect(detail.text).toContain('lulus');
    expect(detail.text).toContain('Usaha sudah mandiri');
    expect(await lastAudit('participant.status')).toMatchObject({
      actor: expect.stringMatching(/^staff:/),
      target: ids.siti,
      details: {
        status: { from: 'active', to: 'graduated' },
        on: '2026-11-20',
        reason: 'Usaha sudah mandiri',
      },
    });
  });

  it('sends the graduated participant no weekly reminder, while the active one still gets hers', async () => {
    await db.models.outbox.deleteMany({});
    await queueWeeklyReportReminders(db.models, {
      week: '2026-W48',
      round: 'first',
      now,
      dueAt: now,
      includeOutsideWindow: true,
      fallback: 'simulator',
    });
    const chats = (await db.models.outbox.find({}, { chatId: 1 }).lean()).map((entry) => entry.chatId);
    expect(chats).toEqual(['+6281200008888']);
  });

  it('answers bad input on the form, naming each field and keeping what was typed', async () => {
    const dewi = await signedIn('+6281300000004');
    await dewi.get(`/dashboard/peserta/${ids.euis}/status`);
    const answer = await dewi.post(`/dashboard/peserta/${ids.euis}/status`, {
      status: 'withdrawn',
      on: '2026-12-25',
      reason: 'ok',
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('Tanggal: tanggal belum lewat');
    expect(answer.text).toMatch(/Alasan: tulis alasannya, paling sedikit 5 huruf \(contoh:/);
    expect(answer.text).toContain('value="2026-12-25"');
    expect((await db.models.participants.findById(ids.euis).lean())?.status).toBe('active');
  });

  it('refuses a mentor and Puskesos staff, and changes nothing', async () => {
    for (const login of ['+6281300000201', '+6281300000001']) {
      const browser = await signedIn(login);
      expect((await browser.get(`/dashboard/peserta/${ids.euis}/status`)).status).toBe(403);
      const answer = await browser.post(`/dashboard/peserta/${ids.euis}/status`, {
        status: 'withdrawn',
        on: '2026-11-20',
        reason: 'Pindah domisili',
      });
      expect(answer.status).toBe(403);
    }
    expect((await db.models.participants.findById(ids.euis).lean())?.status).toBe('active');
  });
});

describe('disabling staff and mentors', () => {
  it('refuses a mentor and staff the people page', async () => {
    for (const login of ['+6281300000201', '+6281300000001']) {
      const browser = await signedIn(login);
      expect((await browser.get('/dashboard/orang')).status).toBe(403);
      const answer = await browser.post(`/dashboard/orang/mentor/${ids.tono}/status`, { action: 'disable' });
      expect(answer.status).toBe(403);
    }
    expect((await db.models.mentors.findById(ids.tono).lean())?.disabledAt).toBeUndefined();
  });

  it('ends a disabled mentor’s session, refuses their sign-in, keeps their participants, and audits it', async () => {
    const tono = await signedIn('+6281300000201');
    const dewi = await signedIn('+6281300000004');
    const list = await dewi.get('/dashboard/orang');
    expect(list.text).toContain('Tono');
    const done = await dewi.post(`/dashboard/orang/mentor/${ids.tono}/status`, { action: 'disable' });
    expect(done.status).toBe(303);

    expect((await db.models.mentors.findById(ids.tono).lean())?.disabledAt).toEqual(now);
    expect((await tono.get('/dashboard/peserta')).location).toBe('/dashboard/masuk');
    const again = formBrowser(base, { address: '10.3.1.1', password: PASSWORD });
    const refused = await again.signIn('+6281300000201');
    expect(refused.location).toBeNull();
    expect(await db.models.participants.countDocuments({ 'mentors.mibi': ids.tono })).toBe(2);
    expect(await lastAudit('account.disable')).toMatchObject({
      target: `mentor:${ids.tono}`,
      details: { disabledAt: { from: null } },
    });

    // An admin sees whose mentor is gone.
    const list2 = await dewi.get('/dashboard/peserta');
    expect(list2.text).toMatch(/>Euis<\/a> <span class="badge hampir">tanpa pendamping aktif/);

    // Enabled again, the same password signs in.
    await dewi.get('/dashboard/orang');
    expect((await dewi.post(`/dashboard/orang/mentor/${ids.tono}/status`, { action: 'enable' })).status).toBe(
      303,
    );
    const back = formBrowser(base, { address: '10.3.1.2', password: PASSWORD });
    expect((await back.signIn('+6281300000201')).status).toBe(303);
  });
});

describe('a disabled mentor’s digest', () => {
  it('is not queued, while an enabled mentor’s is', async () => {
    const [eka, dedi] = await db.models.mentors.create([
      { name: 'Eka', phone: '+6281300000211', type: 'MiBi', channels: { telegramUserId: '9211' } },
      {
        name: 'Dedi',
        phone: '+6281300000212',
        type: 'MiBi',
        channels: { telegramUserId: '9212' },
        disabledAt: now,
      },
    ]);
    await db.models.participants.create([
      { ...siti('+6281200001211', { consentedOn: 'simulator', at: now }), mentors: { mibi: eka?._id } },
      { ...siti('+6281200001212', { consentedOn: 'simulator', at: now }), mentors: { mibi: dedi?._id } },
    ]);
    const queued: string[] = [];
    await queueWeekDigests(db.models, {
      week: '2026-W47',
      timeZone: 'Asia/Jakarta',
      now,
      dueAt: now,
      charts: { save: async (key) => key },
      queue: async (entry) => {
        queued.push(entry.chatId);
        return true;
      },
    });
    expect(queued).toContain('9211');
    expect(queued).not.toContain('9212');
  });
});

describe('adding one participant', () => {
  const newcomer = (overrides: Record<string, string> = {}) => ({
    nama: 'Nining Suryani',
    no_hp: '0812-0000-5555',
    nik: '',
    kecamatan: 'Cililin',
    desa: 'Batulayang',
    klaster: 'kuliner',
    tahap: 'start_up',
    nama_usaha: 'Keripik Nining',
    hp_mibi: '+6281300000201',
    hp_tksk: '',
    bahasa: 'id',
    ...overrides,
  });

  it('offers the known places and mentors, and adds the participant with the import’s rules, audited', async () => {
    const dewi = await signedIn('+6281300000004');
    const form = await dewi.get('/dashboard/peserta/baru');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<option value="Cililin"');
    expect(form.text).toContain('<option value="Batulayang">');
    expect(form.text).toContain('<option value="+6281300000201"');
    const done = await dewi.post('/dashboard/peserta/baru', newcomer({ desa: 'BATULAYANG' }));
    expect(done.status).toBe(303);
    const stored = await db.models.participants.findOne({ phone: '+6281200005555' }).lean();
    expect(stored).toMatchObject({
      name: 'Nining Suryani',
      desa: 'Batulayang',
      status: 'active',
      mentors: { mibi: expect.anything() },
    });
    expect(String(stored?.mentors?.mibi)).toBe(ids.tono);
    expect(done.location).toBe(`/dashboard/peserta/${String(stored?._id)}`);
    expect(await lastAudit('participant.create')).toMatchObject({
      target: String(stored?._id),
      details: { before: null, after: { name: 'Nining Suryani', phone: '0812-****-5555' } },
    });
  });

  it('refuses a phone already in use with a clear message, keeping what was typed', async () => {
    const dewi = await signedIn('+6281300000004');
    await dewi.get('/dashboard/peserta/baru');
    const answer = await dewi.post(
      '/dashboard/peserta/baru',
      newcomer({ nama: 'Orang Lain', no_hp: '0812 0000 7777' }),
    );
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('No. HP: nomor HP ini sudah dipakai peserta lain');
    expect(answer.text).toContain('value="Orang Lain"');
    expect(await db.models.participants.countDocuments({ name: 'Orang Lain' })).toBe(0);
  });

  it('names each bad field, and refuses an unknown desa unless the admin says it is new', async () => {
    const dewi = await signedIn('+6281300000004');
    await dewi.get('/dashboard/peserta/baru');
    const bad = await dewi.post(
      '/dashboard/peserta/baru',
      newcomer({ nama: '', no_hp: '12345', klaster: 'x' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Nama: wajib diisi');
    expect(bad.text).toMatch(/No\. HP: [^<]*contoh/);
    expect(bad.text).toContain('value="12345"');

    const unknown = await dewi.post(
      '/dashboard/peserta/baru',
      newcomer({ no_hp: '0812-0000-6666', desa: 'Karyamukti' }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Desa: &quot;Karyamukti&quot; belum dikenal di Kecamatan Cililin');
    expect(await db.models.participants.exists({ phone: '+6281200006666' })).toBeNull();

    const confirmed = await dewi.post(
      '/dashboard/peserta/baru',
      newcomer({ no_hp: '0812-0000-6666', desa: 'Karyamukti', desa_baru: 'ya' }),
    );
    expect(confirmed.status).toBe(303);
    expect(await db.models.participants.exists({ phone: '+6281200006666' })).not.toBeNull();
  });

  it('refuses a mentor and Puskesos staff', async () => {
    for (const login of ['+6281300000201', '+6281300000001']) {
      const browser = await signedIn(login);
      expect((await browser.get('/dashboard/peserta/baru')).status).toBe(403);
      const answer = await browser.post('/dashboard/peserta/baru', newcomer({ no_hp: '0812-0000-4444' }));
      expect(answer.status).toBe(403);
    }
    expect(await db.models.participants.exists({ phone: '+6281200004444' })).toBeNull();
  });
});

describe('assigning or changing the mentor', () => {
  let asih = '';
  beforeAll(async () => {
    const [record] = await db.models.mentors.create([
      { name: 'Asih', phone: '+6281300000203', type: 'TKSK', kecamatan: ['Cililin'] },
    ]);
    asih = String(record?._id);
  });

  it('lets an admin set the TKSK and change the MiBi, audited with before and after', async () => {
    const dewi = await signedIn('+6281300000004');
    const form = await dewi.get(`/dashboard/peserta/${ids.euis}/pendamping`);
    expect(form.text).toMatch(new RegExp(`value="${asih}"\\s*>\\s*Asih \\(Cililin\\)`));
    const done = await dewi.post(`/dashboard/peserta/${ids.euis}/pendamping`, { mibi: '', tksk: asih });
    expect(done.status).toBe(303);
    const euis = await db.models.participants.findById(ids.euis).lean();
    expect(String(euis?.mentors?.tksk)).toBe(asih);
    expect(euis?.mentors?.mibi).toBeUndefined();
    expect(await lastAudit('participant.mentors')).toMatchObject({
      target: ids.euis,
      details: { changes: { mibi: { from: ids.tono, to: null }, tksk: { from: null, to: asih } } },
    });
  });

  it('refuses a mentor of the wrong type, naming the field', async () => {
    const dewi = await signedIn('+6281300000004');
    await dewi.get(`/dashboard/peserta/${ids.euis}/pendamping`);
    const answer = await dewi.post(`/dashboard/peserta/${ids.euis}/pendamping`, { mibi: asih, tksk: asih });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('MiBi: Asih adalah TKSK, bukan MiBi');
  });

  it('does not let a mentor reassign participants', async () => {
    const tono = await signedIn('+6281300000201');
    expect((await tono.get(`/dashboard/peserta/${ids.siti}/pendamping`)).status).toBe(403);
    const answer = await tono.post(`/dashboard/peserta/${ids.siti}/pendamping`, { mibi: '', tksk: asih });
    expect(answer.status).toBe(403);
    expect(String((await db.models.participants.findById(ids.siti).lean())?.mentors?.mibi)).toBe(ids.tono);
  });
});

describe('adding staff and mentors', () => {
  it('lets an admin add a mentor for a known kecamatan, audited', async () => {
    const dewi = await signedIn('+6281300000004');
    await dewi.get('/dashboard/orang');
    const done = await dewi.post('/dashboard/orang/pendamping', {
      nama: 'Yayan',
      no_hp: '0813-0000-0209',
      jenis: 'MiBi',
      kecamatan: 'Cililin',
    });
    expect(done.status).toBe(303);
    const yayan = await db.models.mentors.findOne({ phone: '+6281300000209' }).lean();
    expect(yayan).toMatchObject({ name: 'Yayan', type: 'MiBi', kecamatan: ['Cililin'] });
    expect(await lastAudit('mentor.create')).toMatchObject({
      target: `mentor:${String(yayan?._id)}`,
      details: { before: null, after: { name: 'Yayan', phone: '0813-****-0209' } },
    });
  });

  it('refuses a phone another person already has, and names bad fields, keeping what was typed', async () => {
    const dewi = await signedIn('+6281300000004');
    await dewi.get('/dashboard/orang');
    const taken = await dewi.post('/dashboard/orang/staf', {
      nama: 'Rina Kedua',
      no_hp: '0813-0000-0201',
      email: '',
      peran: 'front_office',
      puskesos: 'Puskesos Lumpaat',
    });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('No. HP: nomor HP ini sudah dipakai staf atau pendamping lain');
    expect(taken.text).toContain('value="Rina Kedua"');

    const bad = await dewi.post('/dashboard/orang/staf', {
      nama: 'Wawan',
      no_hp: '0813-0000-0301',
      email: 'wawan@',
      peran: 'koordinator',
      puskesos: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Email: alamat email tidak sah (contoh: nama@dinsos.go.id)');
    expect(bad.text).toContain('Puskesos: wajib diisi untuk peran koordinator');
    expect(await db.models.staff.exists({ phone: '+6281300000301' })).toBeNull();
  });

  it('refuses a mentor adding staff', async () => {
    const tono = await signedIn('+6281300000201');
    const answer = await tono.post('/dashboard/orang/staf', {
      nama: 'Wawan',
      no_hp: '0813-0000-0302',
      peran: 'admin',
      puskesos: '',
    });
    expect(answer.status).toBe(403);
    expect(await db.models.staff.exists({ phone: '+6281300000302' })).toBeNull();
  });
});
