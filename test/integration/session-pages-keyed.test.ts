import { Types } from 'mongoose';
import { sessionFactsKeyed } from '../../src/db/migrations/session-facts-keyed';
import { setPassword } from '../../src/auth';
import {
  planSession,
  rebuildSessionIndex,
  recordAttendance,
  recordSessionAnswer,
  type SessionContext,
} from '../../src/domain/sessions';
import { createHttpApp } from '../../src/http';
import { apiV1Router } from '../../src/http/api/v1';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { useWatchedDatabase } from '../support/watched-database';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

/**
 * The session pages, the API's session list and the broadcast form read keyed documents: on
 * FerretDB any other filter reads a whole collection, and these collections grow with the programme.
 */
const db = useWatchedDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/** Monday 23 November 2026, 09.00 in Bandung Barat. */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';
const LOGINS = { dewi: '+6281300000004', tono: '+6281300000201', ujang: '+6281300000202' };
/** Collections that grow with every participant and every session held. */
const BIG = new Set(['participants', 'mentoring_sessions', 'session_responses', 'session_attendance']);
const context: SessionContext = { now, timeZone: 'Asia/Jakarta', allowedFrom: (due) => due };

let base = '';
let close: () => Promise<void> = async () => {};
const ids = { tono: '', ujang: '', held: '', coming: '', ujangs: '' };

beforeAll(async () => {
  await db.models.puskesos.create({ name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' });
  await db.models.staff.create({ name: 'Dewi (Dinsos)', phone: LOGINS.dewi, role: 'admin' });
  const [tono, ujang] = await db.models.mentors.create([
    { name: 'Tono', phone: LOGINS.tono, type: 'MiBi', kecamatan: ['Cililin'] },
    { name: 'Ujang', phone: LOGINS.ujang, type: 'TKSK', kecamatan: ['Cihampelas'] },
  ]);
  const consent = { purpose: 'test', givenAt: now, channel: 'simulator' };
  const person = (name: string, phone: string, kecamatan: string, mibi?: Types.ObjectId) => ({
    name,
    phone,
    kecamatan,
    desa: 'Batulayang',
    cluster: 'kuliner' as const,
    stage: 'start_up' as const,
    consent,
    mentors: { mibi },
  });
  const [siti, asep, euis] = await db.models.participants.create([
    person('Siti Aminah', '+6281200007777', 'Cililin', tono?._id),
    person('Asep Saepudin', '+6281200007778', 'Cihampelas', tono?._id),
    person('Euis Kurniasih', '+6281200007779', 'Cihampelas', ujang?._id),
  ]);
  if (!tono || !ujang || !siti || !asep || !euis) throw new Error('seed failed');
  // Written around the service: the roster the forms list invitees from is built again from them.
  await rebuildParticipantRoster(db.models);
  const held = await planSession(
    db.models,
    {
      mentor: tono._id,
      startsAt: new Date('2026-11-20T02:00:00Z'),
      place: 'Balai Desa',
      topic: 'Pembukuan sederhana',
      participants: [siti._id, asep._id],
    },
    context,
  );
  const heldSession = await db.models.mentoringSessions.findById(held.sessionId).lean();
  if (!heldSession) throw new Error('no session');
  await recordAttendance(db.models, heldSession, new Set([String(siti._id)]), tono._id, now);
  const coming = await planSession(
    db.models,
    {
      mentor: tono._id,
      startsAt: new Date('2026-11-26T02:00:00Z'),
      place: 'Rumah Bu Siti',
      topic: 'Harga jual',
      participants: [siti._id, asep._id],
    },
    context,
  );
  await recordSessionAnswer(db.models, coming.sessionId, siti._id, 'attend', now);
  await recordSessionAnswer(db.models, coming.sessionId, asep._id, 'decline', now);
  const ujangs = await planSession(
    db.models,
    {
      mentor: ujang._id,
      startsAt: new Date('2026-11-27T02:00:00Z'),
      place: 'Kantor Desa',
      topic: 'Pemasaran daring',
      participants: [euis._id],
    },
    context,
  );
  Object.assign(ids, {
    tono: String(tono._id),
    ujang: String(ujang._id),
    held: String(held.sessionId),
    coming: String(coming.sessionId),
    ujangs: String(ujangs.sessionId),
  });
  for (const login of Object.values(LOGINS)) await setPassword(db.models, login, PASSWORD);
  const dependencies = testApiDependencies({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    clock,
    logger,
  });
  const app = createHttpApp({
    databaseReady: () => Promise.resolve(true),
    routers: [dashboardRouter(dependencies), apiV1Router(dependencies)],
    logger,
    trustProxy: ['loopback'],
  });
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

let addressCounter = 0;
async function signedIn(login: string) {
  const browser = formBrowser(base, { address: `10.3.0.${++addressCounter}`, password: PASSWORD });
  await browser.signIn(login);
  return browser;
}

/** What reading `path` sent to the big collections that was not a read or write by `_id`. */
async function searchesOf(browser: Awaited<ReturnType<typeof signedIn>>, path: string) {
  let status = 0;
  let text = '';
  const commands = await db.commandsOf(async () => {
    ({ status, text } = await browser.get(path));
  });
  return {
    status,
    text,
    searches: commands.filter((command) => BIG.has(command.collection) && !command.keyed).map((c) => c.text),
  };
}

describe('the session pages and lists read by key', () => {
  it('shows a mentor their sessions, answers, attendance and the broadcast form without searching a big collection', async () => {
    const tono = await signedIn(LOGINS.tono);
    const pages = [
      '/dashboard/sesi',
      '/dashboard/sesi?tampilan=kalender&bulan=2026-11',
      '/dashboard/sesi?kecamatan=Cihampelas',
      `/dashboard/sesi/${ids.held}/kehadiran`,
      '/api/v1/sessions',
      '/dashboard/siaran',
      '/dashboard/sesi/unduh?format=csv&kecamatan=Cililin',
      '/dashboard/sesi/baru',
      `/dashboard/sesi/${ids.coming}/ubah`,
    ];
    for (const path of pages) {
      const read = await searchesOf(tono, path);
      expect({ path, status: read.status, searches: read.searches }).toEqual({
        path,
        status: 200,
        searches: [],
      });
    }
    const list = await tono.get('/dashboard/sesi');
    expect(list.text).toContain('Harga jual');
    expect(list.text).toMatch(/ya 1 · tidak 1/);
    expect(list.text).not.toContain('Pemasaran daring');
    const attendance = await tono.get(`/dashboard/sesi/${ids.held}/kehadiran`);
    expect(attendance.text).toContain('Siti Aminah');
    expect(attendance.text).toContain('Asep Saepudin');
    // Another mentor's session is not found, though read by its id.
    expect((await tono.get(`/dashboard/sesi/${ids.ujangs}/kehadiran`)).status).toBe(404);
    // The form to plan a session lists the mentor's own participants, from their roster.
    const planning = await tono.get('/dashboard/sesi/baru');
    expect(planning.text).toContain('Siti Aminah');
    expect(planning.text).toContain('Asep Saepudin');
    expect(planning.text).not.toContain('Euis Kurniasih');
    const form = await tono.get('/dashboard/siaran');
    expect(form.text).toContain('<option value="Cihampelas"');
    expect(form.text).toContain(`<option value="${ids.coming}"`);
  });

  it('shows an admin every mentor’s sessions, filtered by mentor and kecamatan, without searching a big collection', async () => {
    const dewi = await signedIn(LOGINS.dewi);
    for (const path of [
      '/dashboard/sesi',
      `/dashboard/sesi?pendamping=${ids.ujang}`,
      '/dashboard/sesi?kecamatan=Cililin',
      '/api/v1/sessions?limit=2&page=2',
      '/dashboard/siaran',
      '/dashboard/sesi/unduh?format=csv&bulan=2026-11',
    ]) {
      const read = await searchesOf(dewi, path);
      expect({ path, status: read.status, searches: read.searches }).toEqual({
        path,
        status: 200,
        searches: [],
      });
    }
    expect((await dewi.get('/dashboard/sesi')).text).toContain('Pemasaran daring');
    const cililin = await dewi.get('/dashboard/sesi?kecamatan=Cililin');
    expect(cililin.text).toContain('Harga jual');
    expect(cililin.text).not.toContain('Pemasaran daring');
    const page = JSON.parse((await dewi.get('/api/v1/sessions?limit=2&page=2')).text) as {
      items: { id: string; participants: string[] }[];
      total: number;
    };
    // Soonest first: the held one, then Tono's coming one, then Ujang's on the second page.
    expect(page.total).toBe(3);
    expect(page.items.map((item) => item.id)).toEqual([ids.ujangs]);
    expect(page.items[0]?.participants).toHaveLength(1);
  });

  it('builds from the sessions, answers and attendance the same index the writes kept', async () => {
    const kept = async () => ({
      index: await db.models.sessionIndex.find({}).sort({ _id: 1 }).lean(),
      ledgers: await db.models.sessionLedgers.find({}).sort({ _id: 1 }).lean(),
    });
    const incremental = await kept();
    expect(incremental.index).toHaveLength(2);
    const held = (
      incremental.index.find((index) => index._id === ids.tono)?.entries as Record<string, unknown>
    )[ids.held];
    expect(held).toMatchObject({ status: 'done', present: 1, kecamatan: ['Cihampelas', 'Cililin'] });
    await db.models.sessionIndex.deleteMany({});
    await db.models.sessionLedgers.deleteMany({});
    expect(await rebuildSessionIndex(db.models)).toBe(3);
    expect(await kept()).toEqual(incremental);
  });

  it('writes an answer and attendance from chat by key, a change replacing the earlier one', async () => {
    const [siti, asep] = await Promise.all(
      ['Siti Aminah', 'Asep Saepudin'].map((name) => db.models.participants.findOne({ name }).lean()),
    );
    if (!siti || !asep) throw new Error('seed failed');
    const held = await db.models.mentoringSessions.findById(ids.held).lean();
    if (!held) throw new Error('no session');
    const commands = await db.commandsOf(async () => {
      await recordSessionAnswer(db.models, new Types.ObjectId(ids.coming), asep._id, 'attend', now);
      await recordAttendance(db.models, held, new Set([String(asep._id)]), new Types.ObjectId(ids.tono), now);
    });
    const facts = new Set(['session_responses', 'session_attendance']);
    expect(commands.filter((command) => facts.has(command.collection) && !command.keyed)).toEqual([]);
    const answers = await db.models.sessionResponses.find({ session: ids.coming }).lean();
    expect(answers.map((answer) => [String(answer.participant), answer.answer]).sort()).toEqual(
      [
        [String(siti._id), 'attend'],
        [String(asep._id), 'attend'],
      ].sort(),
    );
    const attendance = await db.models.sessionAttendance.find({ session: ids.held }).lean();
    expect(attendance.map((fact) => [String(fact.participant), fact.present]).sort()).toEqual(
      [
        [String(siti._id), false],
        [String(asep._id), true],
      ].sort(),
    );
  });

  it('moves answers and attendance stored before under their key, once', async () => {
    const session = new Types.ObjectId();
    const participant = new Types.ObjectId();
    await db.models.sessionResponses.collection.insertOne({
      _id: new Types.ObjectId() as never,
      session,
      participant,
      answer: 'decline',
      answeredAt: now,
    });
    await db.models.sessionAttendance.collection.insertOne({
      _id: new Types.ObjectId() as never,
      session,
      participant,
      present: true,
      recordedAt: now,
    });
    expect(await sessionFactsKeyed.run(db.models)).toBe(2);
    expect(await sessionFactsKeyed.run(db.models)).toBe(0);
    const key = `${String(session)}:${String(participant)}`;
    expect((await db.models.sessionResponses.findById(key).lean())?.answer).toBe('decline');
    expect((await db.models.sessionAttendance.findById(key).lean())?.present).toBe(true);
    expect(await db.models.sessionResponses.countDocuments({ session })).toBe(1);
  });
});
