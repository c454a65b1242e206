import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { setPassword } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import { NikVault } from '../../src/domain/identity';
import { participantColumns } from '../../src/domain/imports/columns';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { csrfOf, formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';

/** The import page over plain HTTP with real multipart bodies, as a browser's form sends them. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-dinsos-2026';
const ADMIN = '+6281300000004';
const FRONT_OFFICE = '+6281300000001';
const MENTOR = '+6281300000201';

let base = '';
let close: () => Promise<void> = async () => {};
let addressCounter = 0;

beforeAll(async () => {
  const [lumpaat] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
  ]);
  await db.models.staff.create([
    { name: 'Rina', phone: FRONT_OFFICE, role: 'front_office', puskesos: lumpaat?._id },
    { name: 'Dewi (Dinsos)', phone: ADMIN, role: 'admin' },
  ]);
  await db.models.mentors.create({ name: 'Tono', phone: MENTOR, type: 'MiBi', kecamatan: ['Cililin'] });
  for (const login of [ADMIN, FRONT_OFFICE, MENTOR]) await setPassword(db.models, login, PASSWORD);
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
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

/** A browser of its own address that sends the import form as multipart/form-data, as a real one does. */
function browserAt(address = `10.2.0.${++addressCounter}`) {
  const browser = formBrowser(base, { address, password: PASSWORD });
  return {
    cookies: browser.cookies,
    request: browser.request,
    async signIn(login: string) {
      const signedIn = await browser.signIn(login);
      expect(signedIn.response.status).toBe(303);
      // The import page, or its refusal, carries the session's token (the header's sign-out form).
      const page = await browser.get('/dashboard/impor');
      expect(csrfOf(page.text)).not.toBe('');
    },
    /** The import form as a browser sends it: the CSRF field first, then the kind, then the file. */
    upload(
      name: string,
      content: string | Uint8Array,
      options: { kind?: string; csrf?: string | null } = {},
    ) {
      const form = new FormData();
      if (options.csrf !== null) form.append('csrf', options.csrf ?? browser.csrf);
      form.append('kind', options.kind ?? 'participants');
      form.append('file', new Blob([content]), name);
      return browser.request('POST', '/dashboard/impor', form);
    },
  };
}

const PARTICIPANTS = [
  'nama,no_hp,kecamatan,desa,klaster,tahap',
  'Siti Aminah,0812-3456-7890,cililin,batulayang,Kuliner,start up',
  'Ujang Suryana,+62 857 2211 3344,CIHAMPELAS,Pataruman,agribisnis,Scale-Up',
  'Salah Klaster,0812-9999-0000,Cililin,Batulayang,makanan ringan,inkubasi',
].join('\n');

const phonesStored = async () =>
  (await db.models.participants.find({}, { phone: 1 }).sort({ phone: 1 }).lean()).map(
    (participant) => participant.phone,
  );

describe('the import page', () => {
  it('shows an admin the form and each kind’s columns as the importer defines them, with a template', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const shown = await admin.request('GET', '/dashboard/impor');
    expect(shown.response.status).toBe(200);
    expect(shown.text).toContain('enctype="multipart/form-data"');
    expect(shown.text).toContain('<option value="puskesos"');
    for (const [column, spec] of Object.entries(participantColumns)) {
      expect(shown.text).toContain(`<code>${column}</code>`);
      expect(shown.text).toContain(spec.aliases.join(', '));
    }
    expect(shown.text).toContain('0 baru, 0 diubah, N tetap');

    const template = await admin.request('GET', '/dashboard/impor/templat/participants');
    expect(template.response.status).toBe(200);
    expect(template.response.headers.get('content-type')).toContain('text/csv');
    expect(template.response.headers.get('content-disposition')).toContain('templat-participants.csv');
    expect(template.text).toBe(`${Object.keys(participantColumns).join(',')}\n`);
    expect((await admin.request('GET', '/dashboard/impor/templat/lainnya')).response.status).toBe(404);
  });

  it.each([
    ['a mentor', MENTOR],
    ['Puskesos staff', FRONT_OFFICE],
  ])('refuses %s with 403, on the page and on an upload, and stores nothing', async (_who, login) => {
    const someone = browserAt();
    await someone.signIn(login);
    const shown = await someone.request('GET', '/dashboard/impor');
    expect(shown.response.status).toBe(403);
    expect(shown.text).toContain('hanya untuk admin Dinsos');
    expect((await someone.request('GET', '/dashboard/impor/templat/participants')).response.status).toBe(403);
    const upload = await someone.upload('peserta.csv', PARTICIPANTS);
    expect(upload.response.status).toBe(403);
    expect(await phonesStored()).toEqual([]);
  });

  it('refuses an upload without the CSRF token and stores nothing', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    for (const csrf of [null, 'not-the-token']) {
      const refused = await admin.upload('peserta.csv', PARTICIPANTS, { csrf });
      expect(refused.response.status).toBe(403);
      expect(refused.text).toContain('kedaluwarsa');
    }
    expect(await phonesStored()).toEqual([]);
    expect(await db.models.auditEvents.countDocuments({ action: 'import' })).toBe(0);
  });

  it('turns an upload without a session away before reading it', async () => {
    // 100 MB announced, 1 MB sent and then nothing more: a server that read the body first would
    // wait for the rest; this one answers at the headers.
    const answer = await new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
      const request = httpRequest(
        `${base}/dashboard/impor`,
        {
          method: 'POST',
          headers: {
            'content-type': 'multipart/form-data; boundary=xyz',
            'content-length': String(100 * 1024 * 1024),
          },
        },
        (response) => {
          resolve({ status: response.statusCode ?? 0, location: response.headers.location });
          request.destroy();
        },
      );
      request.on('error', reject);
      request.write(Buffer.alloc(1024 * 1024, 'a'));
    });
    expect(answer).toEqual({ status: 303, location: '/dashboard/masuk' });
    expect(await phonesStored()).toEqual([]);
  });

  it('refuses a signed-in upload announced over 10 MB at its headers', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const cookie = [...admin.cookies.entries()].map(([name, value]) => `${name}=${value}`).join('; ');
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${base}/dashboard/impor`,
        {
          method: 'POST',
          headers: {
            cookie,
            'content-type': 'multipart/form-data; boundary=xyz',
            'content-length': String(100 * 1024 * 1024),
          },
        },
        (response) => {
          resolve(response.statusCode ?? 0);
          request.destroy();
        },
      );
      request.on('error', reject);
      request.write(Buffer.alloc(1024, 'a'));
    });
    expect(status).toBe(413);
  });

  it('refuses a file over 5 MB with a clear message and stores nothing', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const large = `${PARTICIPANTS}\n${'Isi,'.repeat((5 * 1024 * 1024) / 4)}`;
    const refused = await admin.upload('besar.csv', large);
    expect(refused.response.status).toBe(413);
    expect(refused.text).toContain('File &quot;besar.csv&quot; lebih dari 5 MB');
    expect(await phonesStored()).toEqual([]);
  });

  it.each([
    ['a broken workbook', 'peserta.xlsx', 'bukan isi Excel', 'bukan file Excel (.xlsx) yang sah'],
    ['an empty file', 'kosong.csv', '', 'file kosong'],
    ['another format', 'peserta.txt', PARTICIPANTS, 'hanya file .csv atau .xlsx'],
    [
      'a file without the required columns',
      'kurang.csv',
      'nama,no_hp\nSiti,0812-3456-7890',
      'kolom wajib tidak ada',
    ],
  ])(
    'refuses %s with the importer’s reason, names the file, stores nothing',
    async (_what, name, content, reason) => {
      const admin = browserAt();
      await admin.signIn(ADMIN);
      const refused = await admin.upload(name, content);
      expect(refused.response.status).toBe(422);
      expect(refused.text).toContain('tidak ada yang disimpan');
      expect(refused.text).toContain(`${name}: ${reason}`);
      expect(refused.text).not.toContain('pendamping-impor-');
      expect(await phonesStored()).toEqual([]);
      const audit = await db.models.auditEvents.findOne({ action: 'import', 'details.file': name }).lean();
      expect(audit?.details).toMatchObject({ kind: 'participants', error: expect.stringContaining(reason) });
    },
  );

  it('asks for the kind when the form does not name a known one, keeping nothing', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const refused = await admin.upload('peserta.csv', PARTICIPANTS, { kind: 'tamu' });
    expect(refused.response.status).toBe(400);
    expect(refused.text).toContain('Pilih jenis data yang diimpor.');
    expect(await phonesStored()).toEqual([]);
  });

  it('imports the good rows, reports the bad one by row and column, audits it, and changes nothing the second time', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    const first = await admin.upload('peserta.csv', PARTICIPANTS);
    expect(first.response.status).toBe(200);
    expect(first.text).toContain('3 baris dibaca: 2 baru, 0 diubah, 0 tetap, 1 ditolak.');
    expect(first.text).toMatch(
      /<tr>\s*<td>4<\/td>\s*<td>klaster<\/td>\s*<td>&quot;makanan ringan&quot; tidak dikenal/,
    );
    expect(first.text).toContain('<option value="participants" selected');
    expect(await phonesStored()).toEqual(['+6281234567890', '+6285722113344']);
    const siti = await db.models.participants.findOne({ phone: '+6281234567890' }).lean();
    expect(siti).toMatchObject({ name: 'Siti Aminah', kecamatan: 'Cililin', cluster: 'kuliner' });

    const audit = await db.models.auditEvents
      .find({ action: 'import', 'details.file': 'peserta.csv' })
      .lean();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'import',
      target: 'participants',
      details: {
        via: 'session',
        page: 'dashboard',
        kind: 'participants',
        file: 'peserta.csv',
        rows: 3,
        created: 2,
        updated: 0,
        unchanged: 0,
        rejected: 1,
      },
    });
    expect(audit[0]?.actor).toMatch(/^staff:/);

    const again = await admin.upload('peserta.csv', PARTICIPANTS);
    expect(again.response.status).toBe(200);
    expect(again.text).toContain('3 baris dibaca: 0 baru, 0 diubah, 2 tetap, 1 ditolak.');
    expect(await phonesStored()).toEqual(['+6281234567890', '+6285722113344']);
    expect(
      await db.models.auditEvents.countDocuments({ action: 'import', 'details.file': 'peserta.csv' }),
    ).toBe(2);
  });

  it('speaks English when asked, and says the importer’s reasons stay in Indonesian', async () => {
    const admin = browserAt();
    await admin.signIn(ADMIN);
    admin.cookies.set('pendamping_lang', 'en');
    const again = await admin.upload('peserta.csv', PARTICIPANTS);
    expect(again.text).toContain('3 rows read: 0 created, 0 updated, 2 unchanged, 1 refused.');
    expect(again.text).toContain('The importer gives its reasons in Indonesian.');
  });
});
