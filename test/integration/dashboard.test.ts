import type { Types } from 'mongoose';
import { setPassword } from '../../src/auth';
import { gridFsMediaStore } from '../../src/db/media-store';
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

/** The dashboard's forms over plain HTTP: what a browser test would only see from one side. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-puskesos-2026';
const settings = TEST_COMPLAINT_DESK;

let base = '';
let close: () => Promise<void> = async () => {};
const numbers = { lumpaat: '', cihampelas: '', withPhoto: '', cihampelasPhoto: '' };
/** A photo a complainant sent: a JPEG's first bytes, then its body. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 9)]);
let addressCounter = 0;

beforeAll(async () => {
  // The second Puskesos is only where the other complaint goes, by its desa.
  const [lumpaat] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
    { name: 'Puskesos Cihampelas', desa: 'Cihampelas', kecamatan: 'Cihampelas' },
  ]);
  const staff = (name: string, phone: string, role: 'front_office' | 'admin', puskesos?: Types.ObjectId) => ({
    name,
    phone,
    role,
    ...(puskesos ? { puskesos } : {}),
  });
  await db.models.staff.create([
    staff('Rina', '+6281300000001', 'front_office', lumpaat?._id),
    staff('Budi', '+6281300000002', 'front_office', lumpaat?._id),
    staff('Asep', '+6281300000003', 'front_office', lumpaat?._id),
    staff('Dewi (Dinsos)', '+6281300000004', 'admin'),
  ]);
  const file = async (phone: string, desa: string, photos: string[] = []) => {
    const opened = await openComplaint(
      db.models,
      {
        complainantPhone: phone,
        complainantChat: { channel: 'simulator', chatId: phone },
        language: 'id',
        desa,
        category: 'PKH',
        text: 'Bantuan belum cair',
        photos,
        at: now,
      },
      settings,
    );
    if (!opened.ok) throw new Error('complaint not opened');
    return opened.number;
  };
  numbers.lumpaat = await file('+6281200007777', 'Batulayang');
  numbers.cihampelas = await file('+6281200006666', 'Cihampelas');
  const photo = await gridFsMediaStore(db.connection).save('complaint-photo:test', JPEG, 'image/jpeg');
  numbers.withPhoto = await file('+6281200005555', 'Batulayang', [photo]);
  numbers.cihampelasPhoto = await file('+6281200004444', 'Cihampelas', [photo]);
  for (const login of ['+6281300000001', '+6281300000002', '+6281300000003', '+6281300000004']) {
    await setPassword(db.models, login, PASSWORD);
  }
  const dependencies = testApiDependencies({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    complaints: settings,
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

/** Each browser from its own address, so that one's failed sign-ins do not lock out the next. */
const browserAt = (address = `10.1.0.${++addressCounter}`) =>
  formBrowser(base, { address, password: PASSWORD });

describe('dashboard sign-in', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    const { response } = await browserAt().request('GET', '/dashboard/pengaduan');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboard/masuk');
  });

  it('gives the sign-in form a token that must match its own HttpOnly, SameSite=Strict cookie', async () => {
    const browser = browserAt();
    const form = await browser.request('GET', '/dashboard/masuk');
    const cookie = form.response.headers.getSetCookie().find((line) => line.startsWith('pendamping_signin='));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const token = browser.csrf;
    expect(token).toHaveLength(43);

    // Another site's form: the right password, but no cookie to match its token.
    const forged = await browserAt().request('POST', '/dashboard/masuk', {
      csrf: token,
      login: '+6281300000001',
      password: PASSWORD,
    });
    expect(forged.response.status).toBe(403);
    expect(forged.text).toContain('kedaluwarsa');
    expect(forged.response.headers.getSetCookie().join()).not.toContain('pendamping_session=');

    const signedIn = await browser.request('POST', '/dashboard/masuk', {
      csrf: token,
      login: '0813-0000-0001',
      password: PASSWORD,
    });
    expect(signedIn.response.status).toBe(303);
    expect(signedIn.response.headers.get('location')).toBe('/dashboard/pengaduan');
    expect(browser.cookies.has('pendamping_session')).toBe(true);
    const again = await browser.request('GET', '/dashboard/masuk');
    expect(again.response.status).toBe(303);
    expect(again.response.headers.get('location')).toBe('/dashboard/pengaduan');
    const inbox = await browser.request('GET', '/dashboard/pengaduan');
    expect(inbox.response.status).toBe(200);
    expect(inbox.response.headers.get('cache-control')).toBe('no-store');
    expect(inbox.text).toContain(numbers.lumpaat);
    expect(inbox.text).not.toContain(numbers.cihampelas);
  });

  it('says on the page when the password is wrong, and when the account is locked', async () => {
    const browser = browserAt();
    for (let failure = 0; failure < 5; failure++) {
      const wrong = await browser.signIn('+6281300000003', 'salah-salah-salah');
      expect(wrong.response.status).toBe(401);
      expect(wrong.text).toContain('kata sandi salah');
    }
    const locked = await browser.signIn('+6281300000003');
    expect(locked.response.status).toBe(429);
    expect(locked.text).toMatch(/dikunci sementara .* Coba lagi dalam 15 menit/);
    // The page's outcome carries the header: a script or a proxy knows when to try again.
    expect(Number(locked.response.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(browser.cookies.has('pendamping_session')).toBe(false);
  });
});

describe('a complaint’s photos', () => {
  it('shows them on the complaint to its Puskesos, served as stored, never to another Puskesos', async () => {
    const rina = browserAt();
    await rina.signIn('+6281300000001');
    const detail = await rina.request('GET', `/dashboard/pengaduan/${numbers.withPhoto}`);
    const address = `/dashboard/pengaduan/${numbers.withPhoto}/foto/0`;
    expect(detail.text).toMatch(new RegExp(`<img\\s+src="${address}"\\s+alt="Foto 1"`));
    const shown = await rina.request('GET', address);
    expect(shown.status).toBe(200);
    expect(shown.response.headers.get('content-type')).toBe('image/jpeg');
    expect(shown.response.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(shown.bytes).equals(JPEG)).toBe(true);
    expect(await db.models.auditEvents.countDocuments({ action: 'complaint.photo' })).toBe(1);

    expect((await rina.request('GET', `/dashboard/pengaduan/${numbers.withPhoto}/foto/1`)).status).toBe(404);
    expect((await rina.request('GET', `/dashboard/pengaduan/${numbers.withPhoto}/foto/x`)).status).toBe(404);
    const other = await rina.request('GET', `/dashboard/pengaduan/${numbers.cihampelasPhoto}/foto/0`);
    expect(other.status).toBe(403);
    expect(other.response.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('dashboard complaint actions', () => {
  it('shows a Dinsos admin every Puskesos’s complaints', async () => {
    const admin = browserAt();
    await admin.signIn('+6281300000004');
    const inbox = await admin.request('GET', '/dashboard/pengaduan');
    expect(inbox.text).toContain(numbers.lumpaat);
    expect(inbox.text).toContain(numbers.cihampelas);
  });

  it('refuses a form without the session’s CSRF token and changes nothing', async () => {
    const budi = browserAt();
    await budi.signIn('+6281300000002');
    const refused = await budi.request('POST', `/dashboard/pengaduan/${numbers.lumpaat}/aksi`, {
      csrf: 'not-the-token',
      action: 'take',
    });
    expect(refused.response.status).toBe(403);
    const complaint = await db.models.complaints.findOne({ number: numbers.lumpaat }).lean();
    expect(complaint?.assigneeName).toBeUndefined();
  });

  it('tells the second staff member to take a complaint who already has it', async () => {
    const budi = browserAt();
    const rina = browserAt();
    await budi.signIn('+6281300000002');
    await rina.signIn('+6281300000001');
    const take = async (browser: ReturnType<typeof browserAt>) => {
      await browser.get(`/dashboard/pengaduan/${numbers.lumpaat}`);
      const posted = await browser.post(`/dashboard/pengaduan/${numbers.lumpaat}/aksi`, {
        action: 'take',
        text: '',
      });
      expect(posted.response.status).toBe(303);
      expect(posted.response.headers.get('location')).toBe(`/dashboard/pengaduan/${numbers.lumpaat}`);
      return (await browser.request('GET', `/dashboard/pengaduan/${numbers.lumpaat}`)).text;
    };
    expect(await take(budi)).toContain('diambil oleh Budi');
    const refused = await take(rina);
    expect(refused).toContain('class="flash error"');
    expect(refused).toContain('Sudah diambil oleh Budi');
    // The message is shown once: reloading does not repeat it.
    const reloaded = await rina.request('GET', `/dashboard/pengaduan/${numbers.lumpaat}`);
    expect(reloaded.text).not.toContain('class="flash');
  });

  it('speaks English to staff who chose it: labels, refusals and form messages', async () => {
    // Budi: Asep is locked by the sign-in test above.
    const budi = browserAt();
    await budi.signIn('+6281300000002');
    budi.cookies.set('pendamping_lang', 'en');
    const inbox = await budi.request('GET', '/dashboard/pengaduan');
    expect(inbox.text).toContain('<h1>Complaints</h1>');
    expect(inbox.text).toContain('<th>Deadline</th>');
    expect(inbox.text).not.toContain('Batas waktu');
    const detail = await budi.request('GET', `/dashboard/pengaduan/${numbers.lumpaat}`);
    expect(detail.text).toContain('Reply to the complainant');
    expect(detail.text).toContain('Send the reply');
    await budi.post(`/dashboard/pengaduan/${numbers.lumpaat}/aksi`, {
      action: 'refer',
      service: ' ',
    });
    const after = await budi.request('GET', `/dashboard/pengaduan/${numbers.lumpaat}`);
    expect(after.text).toContain('Write the name of the service referred to.');
    const other = await budi.request('GET', `/dashboard/pengaduan/${numbers.cihampelas}`);
    expect(other.response.status).toBe(403);
    expect(other.text).toContain('This complaint belongs to another Puskesos.');
  });

  it('asks for the service when referring without one', async () => {
    const rina = browserAt();
    await rina.signIn('+6281300000001');
    await rina.get(`/dashboard/pengaduan/${numbers.lumpaat}`);
    await rina.post(`/dashboard/pengaduan/${numbers.lumpaat}/aksi`, {
      action: 'refer',
      service: ' ',
    });
    const after = await rina.request('GET', `/dashboard/pengaduan/${numbers.lumpaat}`);
    expect(after.text).toContain('Tulis nama layanan rujukan.');
  });
});
