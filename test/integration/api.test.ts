import ExcelJS from 'exceljs';
import type { Types } from 'mongoose';
import type { z } from 'zod';
import { removeExpiredWebSessions, setPassword } from '../../src/auth';
import { simulatorRouters } from '../../src/channels/simulator';
import { databaseReachable } from '../../src/db/connect';
import { openComplaint } from '../../src/domain/complaints';
import { rebuildComplaintIndexes } from '../../src/domain/complaints/complaint-index';
import { createHttpApp } from '../../src/http';
import { apiV1Router } from '../../src/http/api/v1';
import * as responses from '../../src/http/api/v1/responses';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK, testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { rebuildWeekSummaries } from '../../src/domain/reports/week-summaries';
import { useTestDatabase } from '../support/database';
import { listenOnLoopback } from '../support/http';
import { siti } from '../support/participants';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** A Monday morning in Bandung Barat; the test moves it by hand. */
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());

const PASSWORD = 'rahasia-puskesos-2026';
const settings = TEST_COMPLAINT_DESK;

let base = '';
let close: () => Promise<void> = async () => {};
const numbers: Record<'siti' | 'euis' | 'cihampelas', string> = { siti: '', euis: '', cihampelas: '' };

beforeAll(async () => {
  const [lumpaat, cihampelas] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
    { name: 'Puskesos Cihampelas', desa: 'Cihampelas', kecamatan: 'Cihampelas' },
  ]);
  const staff = (
    name: string,
    phone: string,
    role: 'front_office' | 'back_office' | 'koordinator' | 'admin',
    puskesos?: Types.ObjectId,
    email?: string,
  ) => ({
    name,
    phone,
    role,
    ...(puskesos ? { puskesos } : {}),
    ...(email ? { email } : {}),
  });
  await db.models.staff.create([
    staff('Rina', '+6281300000001', 'front_office', lumpaat?._id, 'rina@lumpaat.example'),
    staff('Budi', '+6281300000002', 'back_office', lumpaat?._id),
    staff('Asep', '+6281300000003', 'koordinator', lumpaat?._id),
    staff('Dewi (Dinsos)', '+6281300000004', 'admin'),
    staff('Yuni', '+6281300000005', 'front_office', cihampelas?._id),
  ]);
  const [tono, ujang] = await db.models.mentors.create([
    { name: 'Tono', phone: '+6281300000201', type: 'MiBi', kecamatan: ['Cililin'] },
    { name: 'Ujang', phone: '+6281300000202', type: 'MiBi', kecamatan: ['Cililin'] },
  ]);
  const sitiRecord = await db.models.participants.create({
    ...siti('+6281200007777', { consentedOn: 'simulator', at: now }),
    nik: { encrypted: 'x', hash: 'h-siti', masked: '3217**********01' },
    business: { name: 'Warung Siti' },
    mentors: { mibi: tono?._id },
  });
  const euis = await db.models.participants.create({
    ...siti('+6281200008888', { consentedOn: 'simulator', at: now }),
    name: 'Euis',
    mentors: { mibi: ujang?._id },
  });
  await db.models.participants.create({
    ...siti('+6281200009999', { consentedOn: 'simulator', at: now }),
    name: 'Kokom',
    mentors: { mibi: tono?._id },
  });
  for (const [participant, sales] of [
    [sitiRecord, 1_200_000],
    [euis, 800_000],
  ] as const) {
    await db.models.weeklyReports.create({
      participant: participant._id,
      week: '2026-W47',
      sales,
      channel: 'simulator',
      submittedAt: now,
    });
  }
  // Written around the service, as a seed is: who reported a week is read from its summary.
  await rebuildWeekSummaries(db.models);
  const file = async (participant: typeof sitiRecord | undefined, phone: string, desa: string) => {
    const opened = await openComplaint(
      db.models,
      {
        participant: participant?._id,
        complainantPhone: phone,
        complainantChat: { channel: 'simulator', chatId: phone },
        language: 'id',
        desa,
        category: 'PKH',
        text: 'Bantuan belum cair sejak bulan lalu',
        photos: [],
        at: now,
      },
      settings,
    );
    if (!opened.ok) throw new Error('complaint not opened');
    return opened.number;
  };
  numbers.siti = await file(sitiRecord, '+6281200007777', 'Batulayang');
  numbers.euis = await file(euis, '+6281200008888', 'Batulayang');
  numbers.cihampelas = await file(undefined, '+6281200006666', 'Cihampelas');

  for (const login of [
    '+6281300000001',
    '+6281300000002',
    '+6281300000003',
    '+6281300000004',
    '+6281300000005',
  ]) {
    await setPassword(db.models, login, PASSWORD);
  }
  await setPassword(db.models, '+6281300000201', PASSWORD);

  const conversations = testConversationService(db.models, clock, logger);
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [
      apiV1Router(
        testApiDependencies({
          models: db.models,
          conversations,
          complaints: settings,
          clock,
          logger,
          maxAttemptsPerAddress: 6,
        }),
      ),
      ...simulatorRouters({ models: db.models, conversations, clock }),
    ],
    logger,
    // The tests stand for clients at different addresses by X-Forwarded-For, as behind a proxy.
    trustProxy: ['loopback'],
  });
  // Participants written around the service, as a seed is: the lists read the roster built from them.
  await rebuildParticipantRoster(db.models);
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

let addressCounter = 0;
const nextAddress = () => `10.0.0.${++addressCounter}`;

interface Call {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Call> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined || options.raw !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.raw !== undefined ? { body: options.raw } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
  unsafe: Record<string, string>;
}

async function signInAs(login: string, password = PASSWORD, from = nextAddress()): Promise<Session> {
  const signedIn = await call('POST', '/api/v1/session', {
    body: { login, password },
    headers: { 'x-forwarded-for': from },
  });
  if (signedIn.status !== 200)
    throw new Error(`sign-in of ${login}: ${signedIn.status} ${JSON.stringify(signedIn.body)}`);
  const cookie = (signedIn.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const csrf = String(signedIn.body.csrfToken);
  // Later requests come from the same address, as the audit log should show.
  const headers = { cookie, 'x-forwarded-for': from };
  return { cookie, csrf, headers, unsafe: { ...headers, 'x-csrf-token': csrf } };
}

const itemsOf = (result: Call) => result.body.items as Record<string, unknown>[];

describe('sign-in and sessions', () => {
  it('signs staff in by phone in any spelling or by e-mail, with an HttpOnly SameSite=Lax cookie', async () => {
    const signedIn = await call('POST', '/api/v1/session', {
      body: { login: '0813-0000-0001', password: PASSWORD },
      headers: { 'x-forwarded-for': nextAddress() },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.account).toMatchObject({ kind: 'staff', name: 'Rina', role: 'front_office' });
    const cookie = signedIn.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^pendamping_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure'); // plain http here; behind TLS it is set

    const sessionId = decodeURIComponent(cookie.split(';')[0]?.split('=')[1] ?? '');
    const stored = await db.models.webSessions.find().lean();
    expect(JSON.stringify(stored)).not.toContain(sessionId);

    const byEmail = await signInAs('RINA@lumpaat.example');
    const me = await call('GET', '/api/v1/me', { headers: byEmail.headers });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ via: 'session', account: { name: 'Rina' }, csrfToken: byEmail.csrf });
  });

  it('marks the cookie Secure when a trusted proxy says the request came over https', async () => {
    const signedIn = await call('POST', '/api/v1/session', {
      body: { login: '+6281300000002', password: PASSWORD },
      headers: { 'x-forwarded-for': nextAddress(), 'x-forwarded-proto': 'https' },
    });
    expect(signedIn.headers.getSetCookie()[0]).toContain('Secure');
  });

  it('counts wrong passwords, locks the account after five, even for the right one, and lets it in after the window', async () => {
    const attempt = (password: string) =>
      call('POST', '/api/v1/session', {
        body: { login: '+6281300000003', password },
        headers: { 'x-forwarded-for': nextAddress() },
      });
    const lefts: unknown[] = [];
    for (let failure = 0; failure < 5; failure++) {
      const wrong = await attempt('salah-salah-salah');
      expect(wrong.status).toBe(401);
      lefts.push(wrong.body.failuresLeft);
    }
    expect(lefts).toEqual([4, 3, 2, 1, 0]);
    const locked = await attempt(PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe('locked');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      await db.models.auditEvents.countDocuments({
        action: 'sign_in.wrong_credentials',
        target: '+6281300000003',
      }),
    ).toBe(5);

    now = new Date(now.getTime() + 16 * 60_000);
    expect((await attempt(PASSWORD)).status).toBe(200);
  });

  it('locks the account, not the login typed: failures by phone lock its e-mail too', async () => {
    const attempt = (login: string, password: string) =>
      call('POST', '/api/v1/session', {
        body: { login, password },
        headers: { 'x-forwarded-for': nextAddress() },
      });
    const failures = ['+6281300000001', '0813-0000-0001', '0813 0000 0001', '+6281300000001', '081300000001'];
    for (const login of failures) expect((await attempt(login, 'salah-salah-salah')).status).toBe(401);
    const byEmail = await attempt('rina@lumpaat.example', PASSWORD);
    expect(byEmail.status).toBe(429);
    expect(byEmail.body.error).toBe('locked');

    now = new Date(now.getTime() + 16 * 60_000);
    expect((await attempt('rina@lumpaat.example', PASSWORD)).status).toBe(200);
  });

  it('limits attempts from one address whatever the login', async () => {
    const from = '192.0.2.77';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const answer = await call('POST', '/api/v1/session', {
        body: { login: `08130000${String(attempt).padStart(4, '9')}`, password: 'tebak-tebak-tebak' },
        headers: { 'x-forwarded-for': from },
      });
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses.slice(6)).toEqual([429, 429]);
  });

  it('refuses unsafe requests of a browser session without its CSRF token, and signs out with it', async () => {
    const rina = await signInAs('+6281300000001');
    const path = `/api/v1/complaints/${numbers.cihampelas}/actions`;
    const without = await call('POST', path, { body: { action: 'note', text: 'x' }, headers: rina.headers });
    expect(without.status).toBe(403);
    expect(without.body.error).toBe('csrf');
    const wrong = await call('POST', path, {
      body: { action: 'note', text: 'x' },
      headers: { ...rina.headers, 'x-csrf-token': 'not-the-token' },
    });
    expect(wrong.body.error).toBe('csrf');
    expect((await call('DELETE', '/api/v1/session', { headers: rina.headers })).status).toBe(403);

    expect((await call('DELETE', '/api/v1/session', { headers: rina.unsafe })).status).toBe(204);
    expect((await call('GET', '/api/v1/me', { headers: rina.headers })).status).toBe(401);
  });

  it('refuses a form post where JSON is expected, so another site cannot sign someone in', async () => {
    const response = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `login=%2B6281300000001&password=${PASSWORD}`,
    });
    expect(response.status).toBe(415);
  });

  it('answers 401 to nobody and to an unknown token', async () => {
    expect((await call('GET', '/api/v1/complaints')).status).toBe(401);
    const bad = await call('GET', '/api/v1/complaints', {
      headers: { authorization: 'Bearer pdp_not-a-real-token' },
    });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('bad_token');
  });
});

describe('what each role sees', () => {
  it('gives Puskesos staff their own Puskesos’s complaints, and participants only as a complaint needs them', async () => {
    const rina = await signInAs('+6281300000001');
    const complaints = await call('GET', '/api/v1/complaints', { headers: rina.headers });
    expect(complaints.status).toBe(200);
    expect(
      itemsOf(complaints)
        .map((item) => item.number)
        .sort(),
    ).toEqual([numbers.siti, numbers.euis].sort());
    expect(complaints.body).toMatchObject({ page: 1, limit: 20, total: 2 });

    const participants = await call('GET', '/api/v1/participants', { headers: rina.headers });
    expect(itemsOf(participants).map((item) => item.name)).toEqual(['Euis', 'Siti Aminah']);
    expect(itemsOf(participants)[1]).toEqual({
      id: expect.any(String),
      name: 'Siti Aminah',
      phone: '0812-****-7777',
      kecamatan: 'Cililin',
      desa: 'Batulayang',
      language: 'id',
    });
    expect(
      (await call('GET', '/api/v1/weekly-reports?week=2026-W47', { headers: rina.headers })).status,
    ).toBe(403);

    const audit = await db.models.auditEvents
      .findOne({ action: 'participants.list' })
      .sort({ _id: -1 })
      .lean();
    expect(audit).toMatchObject({
      actor: expect.stringMatching(/^staff:/),
      from: expect.stringMatching(/^10\.0\.0\./),
    });
  });

  it('never shows staff a NIK typed into a complaint: stored masked, and masked when read from older data', async () => {
    const opened = await openComplaint(
      db.models,
      {
        complainantPhone: '+6281200007799',
        complainantChat: { channel: 'simulator', chatId: '+6281200007799' },
        language: 'id',
        desa: 'Batulayang',
        category: 'PKH',
        text: 'NIK saya 3217014501900001 belum terdaftar',
        photos: [],
        at: now,
      },
      settings,
    );
    if (!opened.ok) throw new Error('complaint not opened');
    const stored = await db.models.complaints.findOne({ number: opened.number }).lean();
    expect(stored?.text).toBe('NIK saya [NIK] belum terdaftar');
    const posts = await db.models.outbox
      .find({ dedupeKey: new RegExp(`^complaint:${opened.number}:posted`) })
      .lean();
    expect(posts.length).toBeGreaterThan(0);
    expect(JSON.stringify(posts)).not.toContain('3217014501900001');

    try {
      // A complaint stored before masking began still reads masked.
      await db.models.complaints.updateOne(
        { number: opened.number },
        {
          $set: { text: 'NIK saya 3217014501900001 belum terdaftar' },
          $push: { events: { kind: 'message', at: now, text: 'Ini NIK suami 3217014501900002' } },
        },
      );
      const rina = await signInAs('+6281300000001');
      const read = await call('GET', `/api/v1/complaints/${opened.number}`, { headers: rina.headers });
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.body)).not.toMatch(/32170145019000\d\d/);
      expect(JSON.stringify(read.body)).toContain('NIK saya [NIK] belum terdaftar');
      expect(JSON.stringify(read.body)).toContain('Ini NIK suami [NIK]');
    } finally {
      // Removed around the service (it never deletes a complaint): its list is built again.
      await db.models.complaints.deleteOne({ number: opened.number });
      await rebuildComplaintIndexes(db.models);
    }
  });

  it('refuses staff another Puskesos’s complaint, to read or to act on', async () => {
    const yuni = await signInAs('+6281300000005');
    const list = await call('GET', '/api/v1/complaints', { headers: yuni.headers });
    expect(itemsOf(list).map((item) => item.number)).toEqual([numbers.cihampelas]);
    expect((await call('GET', `/api/v1/complaints/${numbers.siti}`, { headers: yuni.headers })).status).toBe(
      403,
    );
    const acted = await call('POST', `/api/v1/complaints/${numbers.siti}/actions`, {
      body: { action: 'take' },
      headers: yuni.unsafe,
    });
    expect(acted.status).toBe(403);
    expect((await db.models.complaints.findOne({ number: numbers.siti }).lean())?.status).toBe('new');
  });

  it('shows a mentor their own participants in full (NIK masked) and their reports, and no complaints', async () => {
    const tono = await signInAs('0813-0000-0201');
    expect((await call('GET', '/api/v1/complaints', { headers: tono.headers })).status).toBe(403);
    const participants = await call('GET', '/api/v1/participants', { headers: tono.headers });
    expect(itemsOf(participants).map((item) => item.name)).toEqual(['Kokom', 'Siti Aminah']);
    expect(itemsOf(participants)[1]).toMatchObject({
      phone: '+6281200007777',
      nik: '3217**********01',
      business: { name: 'Warung Siti' },
    });
    expect(JSON.stringify(participants.body)).not.toMatch(/encrypted|h-siti/);
    const reports = await call('GET', '/api/v1/weekly-reports?week=2026-W47', { headers: tono.headers });
    expect(itemsOf(reports)).toEqual([
      expect.objectContaining({
        participant: expect.objectContaining({ name: 'Siti Aminah' }),
        sales: 1_200_000,
      }),
    ]);
  });

  it('shows a Dinsos admin everything, paginated', async () => {
    const dewi = await signInAs('+6281300000004');
    const complaints = await call('GET', '/api/v1/complaints?limit=2&page=2', { headers: dewi.headers });
    expect(complaints.body).toMatchObject({ page: 2, limit: 2, total: 3 });
    expect(itemsOf(complaints)).toHaveLength(1);
    expect((await call('GET', '/api/v1/participants', { headers: dewi.headers })).body.total).toBe(3);
    const reports = await call('GET', '/api/v1/weekly-reports?week=2026-W47', { headers: dewi.headers });
    expect(reports.body).toMatchObject({ week: '2026-W47', total: 2 });
    const filtered = await call('GET', '/api/v1/complaints?status=closed', { headers: dewi.headers });
    expect(filtered.body.total).toBe(0);
  });
});

describe('validation and injection attempts', () => {
  it('names the field of a bad body or query', async () => {
    const budi = await signInAs('+6281300000002');
    const path = `/api/v1/complaints/${numbers.siti}/actions`;
    const refer = await call('POST', path, { body: { action: 'refer' }, headers: budi.unsafe });
    expect(refer.status).toBe(400);
    expect(refer.body.fields).toEqual([expect.objectContaining({ field: 'service' })]);
    const shout = await call('POST', path, { body: { action: 'shout' }, headers: budi.unsafe });
    expect(shout.body.fields).toEqual([expect.objectContaining({ field: 'action' })]);
    const extra = await call('POST', path, {
      body: { action: 'take', assignee: 'me' },
      headers: budi.unsafe,
    });
    expect(extra.status).toBe(400);
    expect(String(extra.body.message)).toContain('assignee');
    const limit = await call('GET', '/api/v1/complaints?limit=500', { headers: budi.headers });
    expect(limit.status).toBe(400);
    expect(limit.body.fields).toEqual([expect.objectContaining({ field: 'limit' })]);
    const status = await call('GET', '/api/v1/complaints?status=lost', { headers: budi.headers });
    expect(status.body.fields).toEqual([expect.objectContaining({ field: 'status' })]);
    const number = await call('GET', '/api/v1/complaints/PGD-1', { headers: budi.headers });
    expect(number.body.fields).toEqual([expect.objectContaining({ field: 'number' })]);
    expect((await db.models.complaints.findOne({ number: numbers.siti }).lean())?.status).toBe('new');
  });

  it('refuses operators in a JSON body or a query before anything reaches the database', async () => {
    const attemptsBefore = await db.models.signInAttempts.countDocuments();
    const injected = await call('POST', '/api/v1/session', {
      raw: '{"login": {"$gt": ""}, "password": {"$gt": ""}}',
      headers: { 'x-forwarded-for': nextAddress() },
    });
    expect(injected.status).toBe(400);
    expect(injected.body.fields).toEqual([expect.objectContaining({ field: 'login.$gt' })]);
    expect(await db.models.signInAttempts.countDocuments()).toBe(attemptsBefore);

    const dewi = await signInAs('+6281300000004');
    const query = await call('GET', '/api/v1/complaints?status[$ne]=x', { headers: dewi.headers });
    expect(query.status).toBe(400);
    expect(query.body.fields).toEqual([expect.objectContaining({ field: 'status[$ne]' })]);
    const where = await call('POST', `/api/v1/complaints/${numbers.siti}/actions`, {
      raw: '{"action": "take", "$where": "sleep(1000)"}',
      headers: dewi.unsafe,
    });
    expect(where.status).toBe(400);
    expect((await db.models.complaints.findOne({ number: numbers.siti }).lean())?.status).toBe('new');
  });
});

describe('complaint actions through the API', () => {
  it('relays a staff reply to the complainant’s chat and shows it in the complaint, the phone masked', async () => {
    const budi = await signInAs('+6281300000002');
    const replied = await call('POST', `/api/v1/complaints/${numbers.siti}/actions`, {
      body: { action: 'reply', text: 'Ibu, data PKH sedang kami cek ke Dinsos.' },
      headers: budi.unsafe,
    });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({ number: numbers.siti, status: 'acknowledged' });

    const transcript = await call('GET', '/api/simulator/conversations/+6281200007777');
    const lines = JSON.stringify(transcript.body.lines);
    expect(lines).toContain('Ibu, data PKH sedang kami cek ke Dinsos.');
    expect(lines).toContain(numbers.siti);

    const detail = await call('GET', `/api/v1/complaints/${numbers.siti}`, { headers: budi.headers });
    expect(detail.body).toMatchObject({
      status: 'acknowledged',
      complainant: { participant: true, name: 'Siti Aminah', phone: '0812-****-7777' },
    });
    expect(detail.body.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'reply',
          byName: 'Budi',
          text: 'Ibu, data PKH sedang kami cek ke Dinsos.',
        }),
      ]),
    );
    expect(JSON.stringify(detail.body)).not.toContain('+6281200007777');
    expect(
      await db.models.auditEvents.countDocuments({ action: 'complaint.reply', target: numbers.siti }),
    ).toBe(1);
  });

  it('lets one of two staff taking the same complaint at once win; the other gets 409 naming who has it', async () => {
    const [rina, asep] = [await signInAs('+6281300000001'), await signInAs('+6281300000003')];
    const take = (session: Session) =>
      call('POST', `/api/v1/complaints/${numbers.euis}/actions`, {
        body: { action: 'take' },
        headers: session.unsafe,
      });
    const answers = await Promise.all([take(rina), take(asep)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const stored = await db.models.complaints.findOne({ number: numbers.euis }).lean();
    const loser = answers.find((answer) => answer.status === 409);
    expect(loser?.body).toMatchObject({ error: 'taken', by: stored?.assigneeName });
    expect(stored?.status).toBe('in_progress');
    expect(stored?.events.filter((event) => event.to === 'in_progress')).toHaveLength(1);
  });

  it('lets an admin create a token for an integration, which acts with that account’s permissions until revoked', async () => {
    const rina = await signInAs('+6281300000001');
    const refused = await call('POST', '/api/v1/tokens', {
      body: { name: 'SIKS-NG', login: '+6281300000002' },
      headers: rina.unsafe,
    });
    expect(refused.status).toBe(403);

    const dewi = await signInAs('+6281300000004');
    const issued = await call('POST', '/api/v1/tokens', {
      body: { name: 'Rekap harian', login: '0813-0000-0002' },
      headers: dewi.unsafe,
    });
    expect(issued.status).toBe(201);
    const token = String(issued.body.token);
    expect(token).toMatch(/^pdp_/);
    expect(JSON.stringify(await db.models.apiTokens.find().lean())).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const list = await call('GET', '/api/v1/complaints', { headers: bearer });
    expect(list.body.total).toBe(2);
    const noted = await call('POST', `/api/v1/complaints/${numbers.siti}/actions`, {
      body: { action: 'note', text: 'Dicek lewat integrasi' },
      headers: bearer,
    });
    expect(noted.status).toBe(200);

    const revoked = await call('DELETE', `/api/v1/tokens/${String(issued.body.id)}`, {
      headers: dewi.unsafe,
    });
    expect(revoked.status).toBe(204);
    expect((await call('GET', '/api/v1/complaints', { headers: bearer })).status).toBe(401);
  });
});

describe('the service around the API', () => {
  it('serves an OpenAPI 3.1 document listing every endpoint with its parameters', async () => {
    const document = await call('GET', '/api/v1/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toBe('3.1.0');
    const paths = document.body.paths as Record<string, Record<string, { parameters: { name: string }[] }>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/session',
        '/me',
        '/complaints',
        '/complaints/{number}',
        '/complaints/{number}/actions',
        '/participants',
        '/weekly-reports',
        '/tokens',
      ]),
    );
    expect(paths['/complaints']?.get?.parameters.map((parameter) => parameter.name)).toEqual([
      'status',
      'page',
      'limit',
    ]);
    expect(JSON.stringify(paths['/complaints/{number}/actions'])).toContain(
      '"enum":["reply","take","refer","answer","close","reopen","note","route"]',
    );
    // The participants' list takes the dashboard's filters.
    expect(paths['/participants']?.get?.parameters.map((parameter) => parameter.name)).toEqual([
      'search',
      'kecamatan',
      'desa',
      'cluster',
      'stage',
      'mentor',
      'notReportedThisWeek',
      'page',
      'limit',
    ]);
    // Every operation that needs a caller says what happens without one.
    const operations = document.body.paths as Record<
      string,
      Record<string, { security: unknown[]; responses: Record<string, unknown> }>
    >;
    const without401 = Object.entries(operations).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation.security.length > 0 && !operation.responses['401'])
        .map(([method]) => `${method} ${path}`),
    );
    expect(without401).toEqual([]);
  });

  it('describes the body of every successful answer, as the answers really are', async () => {
    const document = await call('GET', '/api/v1/openapi.json');
    const operations = document.body.paths as Record<
      string,
      Record<string, { responses: Record<string, { content?: unknown }> }>
    >;
    const undescribed = Object.entries(operations).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, operation]) =>
        Object.entries(operation.responses)
          .filter(([status, answer]) => /^2/.test(status) && status !== '204' && !answer.content)
          .map(([status]) => `${method} ${path} ${status}`),
      ),
    );
    expect(undescribed).toEqual([]);
    const participant = document.body.paths as Record<string, Record<string, unknown>>;
    expect(JSON.stringify(participant['/participants']?.get)).toContain('"mentoringWindow"');

    // Real answers parse with the schemas the document is made of.
    const dewi = await signInAs('+6281300000004');
    const rina = await signInAs('+6281300000001');
    const tono = await signInAs('+6281300000201');
    const parsed = async (schema: z.ZodType, path: string, headers: Record<string, string>) => {
      const answer = await call('GET', path, { headers });
      expect([path, answer.status]).toEqual([path, 200]);
      const result = schema.safeParse(answer.body);
      expect([path, result.success ? 'matches' : result.error.message]).toEqual([path, 'matches']);
      return answer.body;
    };
    await parsed(responses.meBody, '/api/v1/me', tono.headers);
    await parsed(responses.participantListBody, '/api/v1/participants', dewi.headers);
    await parsed(responses.participantListBody, '/api/v1/participants', rina.headers);
    const complaints = await parsed(responses.complaintListBody, '/api/v1/complaints', dewi.headers);
    const [first] = complaints.items as { number: string }[];
    await parsed(responses.complaintBody, `/api/v1/complaints/${first?.number}`, dewi.headers);
    await parsed(responses.weeklyReportListBody, '/api/v1/weekly-reports?week=2026-W47', dewi.headers);
    await parsed(responses.sessionListBody, '/api/v1/sessions', dewi.headers);
  });

  it('filters the participants as the dashboard does: by name or phone, klaster, tahap, mentor and no report', async () => {
    const dewi = await signInAs('+6281300000004');
    const names = async (query: string) =>
      itemsOf(await call('GET', `/api/v1/participants?${query}`, { headers: dewi.headers }))
        .map((participant) => participant.name)
        .sort();
    const everyone = await names('');
    expect(everyone.length).toBeGreaterThan(1);
    expect(await names('search=siti')).toEqual(['Siti Aminah']);
    const siti = await db.models.participants.findOne({ name: 'Siti Aminah' }).lean();
    expect(await names(`search=${siti?.phone.slice(-4)}`)).toContain('Siti Aminah');
    expect(await names(`cluster=${siti?.cluster}&stage=${siti?.stage}`)).toContain('Siti Aminah');
    expect(await names(`mentor=${String(siti?.mentors?.mibi)}`)).toContain('Siti Aminah');
    expect(await names(`mentor=${String(siti?.mentors?.mibi)}`)).not.toContain('Euis');
    await db.models.weeklyReports.create({
      participant: siti?._id,
      week: '2026-W48',
      sales: 100_000,
      savingsDeposit: 0,
      savingsBalance: 0,
      channel: 'simulator',
      submittedAt: now,
    });
    // Written around the service, as a seed is: who reported a week is read from its summary.
    await rebuildWeekSummaries(db.models);
    const silent = await names('notReportedThisWeek=true');
    expect(silent).not.toContain('Siti Aminah');
    expect(silent).toEqual(everyone.filter((name) => name !== 'Siti Aminah'));
    const bad = await call('GET', '/api/v1/participants?cluster=perikanan', { headers: dewi.headers });
    expect(bad).toMatchObject({ status: 400, body: { fields: [{ field: 'cluster' }] } });
  });

  it('sends security headers with a content security policy that allows no inline script, and the simulator still loads', async () => {
    const page = await fetch(`${base}/simulator`);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const html = await page.text();
    expect(html).not.toMatch(/<style>|<script>/);
    expect((await fetch(`${base}/simulator/app.css`)).status).toBe(200);
  });

  it('refuses a body over the size limit', async () => {
    const big = await call('POST', '/api/v1/session', {
      raw: JSON.stringify({ login: 'x'.repeat(200_000), password: 'x' }),
    });
    expect(big.status).toBe(413);
  });
});

describe('session expiry', () => {
  it('ends a session after its lifetime though the database keeps it, until the periodic cleanup removes it', async () => {
    const rina = await signInAs('+6281300000001');
    expect((await call('GET', '/api/v1/me', { headers: rina.headers })).status).toBe(200);
    now = new Date(now.getTime() + 12 * 3_600_000 + 1000);
    expect((await call('GET', '/api/v1/me', { headers: rina.headers })).status).toBe(401);
    const stored = await db.models.webSessions.countDocuments();
    expect(stored).toBeGreaterThan(0);
    expect(await removeExpiredWebSessions(db.models, clock())).toBe(stored);
    expect(await db.models.webSessions.countDocuments()).toBe(0);
  });
});

describe('mentoring sessions over the API', () => {
  it('lets a mentor plan, move, cancel and record attendance of their own sessions only', async () => {
    const tono = await signInAs('+6281300000201');
    const mine = itemsOf(await call('GET', '/api/v1/participants', { headers: tono.headers }));
    const siti = mine.find((participant) => participant.name === 'Siti Aminah');
    const euis = await db.models.participants.findOne({ name: 'Euis' }).lean();
    // Euis follows another mentor: she cannot be invited by Tono.
    const stranger = await call('POST', '/api/v1/sessions', {
      headers: tono.unsafe,
      body: {
        startsAt: '2026-11-26T09:00:00+07:00',
        place: 'Balai Desa',
        topic: 'Pembukuan',
        participants: [siti?.id, String(euis?._id)],
      },
    });
    expect(stranger).toMatchObject({ status: 400, body: { fields: [{ field: 'participants' }] } });
    const unknownKey = await call('POST', '/api/v1/sessions', {
      headers: tono.unsafe,
      body: {
        startsAt: '2026-11-26T09:00:00+07:00',
        place: 'Balai Desa',
        topic: 'Pembukuan',
        kecamatan: 'Cililin',
        $where: '1',
      },
    });
    expect(unknownKey.status).toBe(400);

    const planned = await call('POST', '/api/v1/sessions', {
      headers: tono.unsafe,
      body: {
        startsAt: '2026-11-26T09:00:00+07:00',
        place: 'Balai Desa Batulayang',
        topic: 'Pembukuan',
        participants: [siti?.id],
      },
    });
    expect(planned).toMatchObject({ status: 201, body: { notices: 3 } });
    const id = String(planned.body.id);
    const invitation = await db.models.outbox
      .findOne({ dedupeKey: new RegExp(`^session:${id}:.*:invitation`) })
      .lean();
    expect(invitation?.chatId).toBe('+6281200007777');

    const moved = await call('POST', `/api/v1/sessions/${id}/move`, {
      headers: tono.unsafe,
      body: { startsAt: '2026-11-27T14:00:00+07:00' },
    });
    expect(moved.status).toBe(200);
    expect((await db.models.mentoringSessions.findById(id).lean())?.startsAt).toEqual(
      new Date('2026-11-27T07:00:00Z'),
    );

    // The session is on Friday: nobody has come yet, as the page says too.
    const tooEarly = await call('PUT', `/api/v1/sessions/${id}/attendance`, {
      headers: tono.unsafe,
      body: { present: [siti?.id] },
    });
    expect(tooEarly).toMatchObject({
      status: 409,
      body: { error: 'not_started', message: expect.stringContaining('belum dimulai') },
    });
    expect(await db.models.sessionAttendance.countDocuments({ session: id })).toBe(0);
    const notInvited = await call('PUT', `/api/v1/sessions/${id}/attendance`, {
      headers: tono.unsafe,
      body: { present: [String(euis?._id)] },
    });
    expect(notInvited.status).toBe(400);

    // Another mentor, and Puskesos staff, cannot touch it; the list shows it to its mentor and to Dinsos.
    await setPassword(db.models, '+6281300000202', PASSWORD);
    const ujang = await signInAs('+6281300000202');
    expect((await call('POST', `/api/v1/sessions/${id}/cancel`, { headers: ujang.unsafe })).status).toBe(404);
    const rina = await signInAs('+6281300000001');
    expect((await call('GET', '/api/v1/sessions', { headers: rina.headers })).status).toBe(403);
    const dewi = await signInAs('+6281300000004');
    expect(
      itemsOf(await call('GET', '/api/v1/sessions', { headers: dewi.headers })).map((session) => session.id),
    ).toContain(id);
    const cancelled = await call('POST', `/api/v1/sessions/${id}/cancel`, {
      headers: tono.unsafe,
      body: { reason: 'balai desa dipakai posyandu' },
    });
    expect(cancelled.status).toBe(200);
    expect(await db.models.mentoringSessions.findById(id).lean()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'balai desa dipakai posyandu',
    });
    // The participants hear why.
    const notice = await db.models.outbox
      .findOne({ dedupeKey: { $regex: `^session:${id}:\\d+:cancelled:` } })
      .lean();
    expect(notice?.message.text).toContain('dibatalkan (balai desa dipakai posyandu)');
    const afterCancel = await call('PUT', `/api/v1/sessions/${id}/attendance`, {
      headers: tono.unsafe,
      body: { present: [siti?.id] },
    });
    expect(afterCancel).toMatchObject({ status: 409, body: { error: 'cancelled' } });
    expect(await db.models.sessionAttendance.countDocuments({ session: id })).toBe(0);
  });

  it('records the attendance of a session that has begun, and recording again corrects it', async () => {
    const tono = await signInAs('+6281300000201');
    const siti = await db.models.participants.findOne({ name: 'Siti Aminah' }).lean();
    if (!siti?.mentors?.mibi) throw new Error('Siti Aminah follows Tono');
    const held = await db.models.mentoringSessions.create({
      mentor: siti.mentors.mibi,
      startsAt: new Date(now.getTime() - 3_600_000),
      place: 'Balai Desa Batulayang',
      topic: 'Pemasaran',
      participants: [siti._id],
    });
    const path = `/api/v1/sessions/${String(held._id)}/attendance`;
    const came = await call('PUT', path, { headers: tono.unsafe, body: { present: [String(siti._id)] } });
    expect(came).toMatchObject({ status: 200, body: { present: 1, invited: 1 } });
    const corrected = await call('PUT', path, { headers: tono.unsafe, body: { present: [] } });
    expect(corrected).toMatchObject({ status: 200, body: { present: 0, invited: 1 } });
    expect(
      await db.models.sessionAttendance.find({ session: held._id }, { present: 1, _id: 0 }).lean(),
    ).toEqual([{ present: false }]);
  });
});

describe('exporting weekly reports', () => {
  it('gives a mentor an Excel file of their participants’ week, and Dinsos a CSV of everyone', async () => {
    const tono = await signInAs('+6281300000201');
    const xlsx = await fetch(`${base}/api/v1/weekly-reports/export?week=2026-W47`, { headers: tono.headers });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toBe(
      'attachment; filename="laporan-mingguan-2026-W47.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('Laporan 2026-W47');
    expect(sheet?.getRow(1).getCell(1).value).toBe('Nama');
    expect(sheet?.getRow(1).getCell(9).value).toBe('Omzet (Rp)');
    // Only Tono's participant: Euis follows another mentor.
    expect(sheet?.rowCount).toBe(2);
    expect(sheet?.getRow(2).getCell(1).value).toBe('Siti Aminah');
    expect(sheet?.getRow(2).getCell(9).value).toBe(1_200_000);

    const dewi = await signInAs('+6281300000004');
    const csv = await fetch(`${base}/api/v1/weekly-reports/export?week=2026-W47&format=csv`, {
      headers: dewi.headers,
    });
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte order mark first, so that Excel reads it as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('Nama;No. HP;Kecamatan;Desa;Klaster;Pendamping;Minggu;Status;Omzet (Rp)')).toBe(
      true,
    );
    expect(text.trim().split('\r\n')).toHaveLength(3);
    expect(text).toContain('Euis;"=""+6281200008888""";Cililin;Batulayang;Kuliner;');

    const rina = await signInAs('+6281300000001');
    expect(
      (await fetch(`${base}/api/v1/weekly-reports/export?week=2026-W47`, { headers: rina.headers })).status,
    ).toBe(403);
    const bad = await call('GET', '/api/v1/weekly-reports/export?format=pdf', { headers: dewi.headers });
    expect(bad).toMatchObject({ status: 400, body: { fields: [{ field: 'format' }] } });
    expect(await db.models.auditEvents.countDocuments({ action: 'weekly_reports.export' })).toBe(2);
  });
});

describe('correcting a participant over the API', () => {
  const kokom = {
    name: 'Kokom',
    phone: '0812-0000-9999',
    kecamatan: 'Cililin',
    desa: 'Mukapayung',
    cluster: 'kuliner',
    stage: 'start up',
    businessName: '',
    businessDescription: '',
    language: 'id',
    timeZone: '',
  };

  it('lets the participant’s mentor correct the record by the importer’s rules, and no one else', async () => {
    const id = String((await db.models.participants.findOne({ name: 'Kokom' }).lean())?._id);
    const tono = await signInAs('0813-0000-0201');
    const saved = await call('PUT', `/api/v1/participants/${id}`, { headers: tono.unsafe, body: kokom });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ id, changed: ['desa'] });
    expect(await db.models.participants.findById(id).lean()).toMatchObject({ desa: 'Mukapayung' });
    expect(
      await db.models.auditEvents.findOne({ action: 'participant.update', target: id }).lean(),
    ).toMatchObject({
      details: { via: 'session', fields: ['desa'] },
    });

    const badPhone = await call('PUT', `/api/v1/participants/${id}`, {
      headers: tono.unsafe,
      body: { ...kokom, phone: '12345', stage: 'raksasa' },
    });
    expect(badPhone.status).toBe(400);
    expect((badPhone.body.fields as { field: string }[]).map((field) => field.field).sort()).toEqual([
      'phone',
      'stage',
    ]);
    const taken = await call('PUT', `/api/v1/participants/${id}`, {
      headers: tono.unsafe,
      body: { ...kokom, phone: '0812-0000-7777' },
    });
    expect(taken.status).toBe(409);
    const smuggled = await call('PUT', `/api/v1/participants/${id}`, {
      headers: tono.unsafe,
      body: { ...kokom, nik: '3217010101010001' },
    });
    expect(smuggled.status).toBe(400);

    const ujang = await signInAs('0813-0000-0202');
    expect(
      (await call('PUT', `/api/v1/participants/${id}`, { headers: ujang.unsafe, body: kokom })).status,
    ).toBe(403);
    // Not his participant: refused before the body is read, so no list of her record's fields.
    const probing = await call('PUT', `/api/v1/participants/${id}`, {
      headers: ujang.unsafe,
      body: { nik: 'x', phone: 'y' },
    });
    expect(probing).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(probing.body.fields).toBeUndefined();
    const rina = await signInAs('0813-0000-0001');
    expect(
      (await call('PUT', `/api/v1/participants/${id}`, { headers: rina.unsafe, body: kokom })).status,
    ).toBe(403);
    const unknown = await call('PUT', '/api/v1/participants/0123456789abcdef01234567', {
      headers: tono.unsafe,
      body: kokom,
    });
    expect(unknown.status).toBe(404);
    expect(await db.models.participants.findById(id).lean()).toMatchObject({
      phone: '+6281200009999',
      stage: 'start_up',
    });
  });
});
