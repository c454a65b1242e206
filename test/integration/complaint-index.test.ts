import type { Types } from 'mongoose';
import { setPassword } from '../../src/auth';
import {
  actOnComplaint,
  openComplaint,
  type ComplaintRequester,
  type DeskAction,
} from '../../src/domain/complaints';
import { rebuildComplaintIndexes } from '../../src/domain/complaints/complaint-index';
import { createHttpApp } from '../../src/http';
import { apiV1Router } from '../../src/http/api/v1';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK, testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { siti } from '../support/participants';
import { useWatchedDatabase, type WatchedCommand } from '../support/watched-database';

/**
 * The complaint index: each Puskesos's complaints listed under one document read by `_id`, kept with
 * every change of a complaint, so that the inbox, the API's list, the overview and the export never
 * search every complaint or participant (FerretDB reads a whole collection for any other filter).
 */
const db = useWatchedDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
// Tuesday 1 December 2026, 09:00 in Jakarta.
const now = new Date('2026-12-01T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-dinsos-2026';
const RINA = '+6281300000001';
const DEWI = '+6281300000004';
const SITI_PHONE = '+6281200007777';

let base = '';
let close: () => Promise<void> = async () => {};
let cipatik: Types.ObjectId;
const numbers: string[] = [];

/** Every index's entries by number, an index without entries being as good as none. */
async function indexedEntries() {
  const indexes = await db.models.complaintIndexes.find({}).sort({ _id: 1 }).lean();
  return Object.fromEntries(
    indexes
      .filter((index) => Object.keys(index.entries as object).length > 0)
      .map((index) => [index._id, index.entries as Record<string, unknown>]),
  );
}

const file = (desa: string, category: string, extra: { participant?: Types.ObjectId } = {}) => ({
  complainantPhone: extra.participant ? undefined : '+6285700000001',
  complainantChat: { channel: 'simulator', chatId: SITI_PHONE },
  language: 'id' as const,
  desa,
  category,
  text: 'Bantuan belum cair',
  photos: [],
  at: now,
  ...extra,
});

beforeAll(async () => {
  const [lumpaat, second] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
    { name: 'Puskesos Cipatik', desa: 'Cipatik', kecamatan: 'Cihampelas' },
  ]);
  cipatik = second!._id;
  const [rina, dewi] = await db.models.staff.create([
    { name: 'Rina', phone: RINA, role: 'front_office', puskesos: lumpaat!._id },
    { name: 'Dewi (Dinsos)', phone: DEWI, role: 'admin' },
  ]);
  for (const login of [RINA, DEWI]) await setPassword(db.models, login, PASSWORD);
  const participant = await db.models.participants.create(siti(SITI_PHONE));

  // Filed, taken, answered, rated and closed; another at Lumpaat, one at Cipatik, one no Puskesos serves.
  for (const complaint of [
    file('Batulayang', 'pkh', { participant: participant._id }),
    file('Batulayang', 'rtlh'),
    file('Cipatik', 'pkh'),
    file('Sukajauh', 'bpnt'),
  ]) {
    const opened = await openComplaint(db.models, complaint, TEST_COMPLAINT_DESK);
    numbers.push(opened.number);
  }
  const [first = '', , , unrouted = ''] = numbers;
  const act = (number: string, action: DeskAction, requester: ComplaintRequester) =>
    actOnComplaint(db.models, number, action, requester, now, TEST_COMPLAINT_DESK);
  const asRina: ComplaintRequester = { kind: 'staff', staffId: String(rina!._id) };
  await act(first, { kind: 'take' }, asRina);
  await act(first, { kind: 'answer', text: 'Sudah cair hari ini' }, asRina);
  const chat = { channel: 'simulator', chatId: SITI_PHONE };
  await act(first, { kind: 'rate', score: 5, solved: true }, { kind: 'complainant', chat });
  await act(
    unrouted,
    { kind: 'route', puskesosId: String(cipatik) },
    { kind: 'staff', staffId: String(dewi!._id) },
  );

  const dependencies = testApiDependencies({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    clock,
    logger,
  });
  const app = createHttpApp({
    databaseReady: async () => true,
    routers: [dashboardRouter(dependencies), apiV1Router(dependencies)],
    logger,
    trustProxy: ['loopback'],
  });
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

/** The commands that read or wrote complaints or participants other than by `_id`. */
const searches = (commands: WatchedCommand[], collections = ['complaints', 'participants']) =>
  commands.filter((command) => collections.includes(command.collection) && !command.keyed);

describe('the complaint index', () => {
  it('lists each complaint under its Puskesos as a rebuild from the complaints would', async () => {
    const [first = '', second = '', third = '', routed = ''] = numbers;
    const kept = await indexedEntries();
    const lumpaat = Object.values(kept).find((entries) => first in entries) ?? {};
    expect(Object.keys(lumpaat).sort()).toEqual([first, second]);
    expect(lumpaat[first]).toMatchObject({
      status: 'closed',
      complainant: 'Siti Aminah',
      assigneeName: 'Rina',
      firstReplyAt: now,
      closedAt: now,
    });
    // Passed on by the Dinsos, it left the list of complaints without a Puskesos.
    expect(Object.keys(kept[`puskesos:${String(cipatik)}`] ?? {}).sort()).toEqual([third, routed]);
    expect(kept['puskesos:none']).toBeUndefined();
    expect(JSON.stringify(kept)).not.toMatch(/62812000077|62857000000|Bantuan belum cair/);

    await rebuildComplaintIndexes(db.models);
    expect(await indexedEntries()).toEqual(kept);
  });

  it('serves the inbox, the API’s list and the overview without searching complaints or participants', async () => {
    const [first = '', second = '', third = '', routed = ''] = numbers;
    const dewi = formBrowser(base, { address: '10.5.0.1', password: PASSWORD });
    const rina = formBrowser(base, { address: '10.5.0.2', password: PASSWORD });
    await dewi.signIn(DEWI);
    await rina.signIn(RINA);
    const pages: Record<string, string> = {};
    const used = await db.commandsOf(async () => {
      for (const [who, browser] of [
        ['dewi', dewi],
        ['rina', rina],
      ] as const) {
        for (const path of [
          '/dashboard/pengaduan',
          '/dashboard/pengaduan?status=semua',
          '/dashboard/pengaduan?status=closed&kategori=pkh&petugas=belum',
          `/dashboard/pengaduan?cari=${first.slice(-3)}`,
          `/dashboard/pengaduan?status=semua&puskesos=${String(cipatik)}`,
          '/api/v1/complaints?limit=2&page=1',
        ]) {
          const answer = await browser.get(path);
          expect([who, path, answer.status]).toEqual([who, path, 200]);
          pages[`${who} ${path}`] = answer.text;
        }
      }
      pages['rina overview'] = (await rina.get('/dashboard/ringkasan')).text;
    });
    expect(searches(used).map((command) => command.text)).toEqual([]);
    // What they showed came from the index: each sees their scope, with the complainant's name.
    expect(pages['dewi /dashboard/pengaduan?status=semua']).toContain(routed);
    expect(pages['dewi /dashboard/pengaduan?status=semua']).toContain('Siti Aminah');
    expect(pages['rina /dashboard/pengaduan?status=semua']).toContain(first);
    expect(pages['rina /dashboard/pengaduan']).toContain(second);
    expect(pages['rina /dashboard/pengaduan']).not.toContain(first);
    expect(pages[`rina /dashboard/pengaduan?status=semua&puskesos=${String(cipatik)}`]).not.toContain(third);
    expect(pages[`dewi /dashboard/pengaduan?cari=${first.slice(-3)}`]).not.toContain(second);
    expect(JSON.parse(pages['dewi /api/v1/complaints?limit=2&page=1'] ?? '{}')).toMatchObject({ total: 4 });
    expect(JSON.parse(pages['rina /api/v1/complaints?limit=2&page=1'] ?? '{}')).toMatchObject({ total: 2 });
    expect(pages['rina overview']).toMatch(/id="dijawab-bulan-ini"[^]*?1</);
  });

  it('gives the Dinsos overview’s complaint figures without searching complaints', async () => {
    const dewi = formBrowser(base, { address: '10.5.0.3', password: PASSWORD });
    await dewi.signIn(DEWI);
    let overview = '';
    const used = await db.commandsOf(async () => {
      overview = (await dewi.get('/dashboard/ringkasan')).text;
    });
    expect(searches(used, ['complaints']).map((command) => command.text)).toEqual([]);
    expect(overview).toContain('Puskesos Cipatik');
  });

  it('writes the year’s file from the index, each complaint read by `_id` and the phones in one read', async () => {
    const dewi = formBrowser(base, { address: '10.5.0.4', password: PASSWORD });
    await dewi.signIn(DEWI);
    let file = '';
    const used = await db.commandsOf(async () => {
      file = (await dewi.get('/dashboard/pengaduan/unduh?status=semua&format=csv')).text;
    });
    expect(searches(used, ['complaints'])).toEqual([]);
    expect(searches(used, ['participants'])).toHaveLength(1);
    expect(file.trim().split('\r\n')).toHaveLength(1 + numbers.length);
    expect(file).toContain('Siti Aminah');
    expect(file).not.toContain(SITI_PHONE);
  });
});
