import { randomBytes } from 'node:crypto';
import { setPassword, type Account } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import type { Models } from '../../src/db/models';
import {
  rebuildParticipantRoster,
  readMentorRoster,
  readWholeRoster,
} from '../../src/domain/participants/roster';
import { eraseHoldings, gatherHoldings, participantSubject } from '../../src/domain/privacy';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import { createHttpApp } from '../../src/http';
import {
  changeParticipant,
  currentValuesOf,
  type StoredParticipant,
} from '../../src/http/actions/participants';
import { apiV1Router } from '../../src/http/api/v1';
import { dashboardRouter } from '../../src/http/dashboard';
import { storeParticipants } from '../../src/imports/store';
import { NikVault } from '../../src/domain/identity';
import type { ParticipantRow } from '../../src/domain/imports/participant-row';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { useWatchedDatabase, type WatchedCommand } from '../support/watched-database';

/**
 * The participant roster: the lists, the weekly reports and the overview read who is in scope from
 * it by key, never by searching `participants` or `weekly_reports`; and every change of a record
 * keeps it as a rebuild from the records would make it.
 */
const db = useWatchedDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/** Monday of 2026-W48 in Bandung Barat. */
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-daftar-2026';
const LOGINS = { dewi: '+6281300000004', tono: '+6281300000201', ujang: '+6281300000202' };
const ids = { dewi: '', tono: '', ujang: '' };

let base = '';
let close: () => Promise<void> = async () => {};
let addressCounter = 0;

const row = (
  overrides: Partial<ParticipantRow> & Pick<ParticipantRow, 'name' | 'phone'>,
): ParticipantRow => ({
  row: 2,
  kecamatan: 'Cililin',
  desa: 'Batulayang',
  cluster: 'kuliner',
  stage: 'start_up',
  ...overrides,
});

const nikVault = new NikVault(randomBytes(32));
const importRows = (rows: ParticipantRow[]) => storeParticipants(rows, { models: db.models, nikVault });

beforeAll(async () => {
  const [dewi] = await db.models.staff.create([{ name: 'Dewi (Dinsos)', phone: LOGINS.dewi, role: 'admin' }]);
  const [tono, ujang] = await db.models.mentors.create([
    { name: 'Tono', phone: LOGINS.tono, type: 'MiBi', kecamatan: ['Cililin', 'Cihampelas'] },
    { name: 'Ujang', phone: LOGINS.ujang, type: 'TKSK', kecamatan: ['Cililin'] },
  ]);
  Object.assign(ids, { dewi: String(dewi?._id), tono: String(tono?._id), ujang: String(ujang?._id) });
  // Through the import, as a programme's participants arrive: the roster is written with them.
  await importRows([
    row({ name: 'Siti Aminah', phone: '+6281200007777', mibiPhone: LOGINS.tono, tkskPhone: LOGINS.ujang }),
    row({
      name: 'Kokom',
      phone: '+6281200009999',
      kecamatan: 'Cihampelas',
      desa: 'Pataruman',
      mibiPhone: LOGINS.tono,
    }),
    row({ name: 'Euis', phone: '+6281200008888', tkskPhone: LOGINS.ujang }),
  ]);
  const siti = await db.models.participants.findOne({ name: 'Siti Aminah' }).lean();
  const euis = await db.models.participants.findOne({ name: 'Euis' }).lean();
  for (const [participant, week, sales] of [
    [siti?._id, '2026-W47', 1_200_000],
    [siti?._id, '2026-W48', 1_000_000],
    [euis?._id, '2026-W48', 800_000],
  ] as const) {
    if (!participant) throw new Error('not imported');
    await submitWeeklyReport(db.models, {
      participant,
      week,
      sales,
      spending: 0,
      savingsDeposit: 10_000,
      savingsWithdrawal: 0,
      channel: 'simulator',
      submittedAt: now,
    });
  }
  for (const login of Object.values(LOGINS)) await setPassword(db.models, login, PASSWORD);
  const dependencies = testApiDependencies({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    clock,
    logger,
  });
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.models.participants.db),
    routers: [apiV1Router(dependencies), dashboardRouter(dependencies)],
    logger,
    trustProxy: ['loopback'],
  });
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

async function signedIn(login: string) {
  const browser = formBrowser(base, { address: `10.4.0.${++addressCounter}`, password: PASSWORD });
  const done = await browser.signIn(login);
  if (done.status !== 303) throw new Error(`sign-in of ${login} failed: ${done.status}`);
  await browser.get('/dashboard/peserta');
  return browser;
}

/** Commands that read or change `participants` or `weekly_reports` other than by `_id`. */
const searchesOfBigCollections = (used: WatchedCommand[]) =>
  used
    .filter((command) => ['participants', 'weekly_reports'].includes(command.collection) && !command.keyed)
    .map((command) => command.text);

const PAGES = [
  '/dashboard/laporan',
  '/dashboard/laporan?minggu=2026-W47&kecamatan=Cililin',
  '/dashboard/laporan/unduh?minggu=2026-W48&format=csv',
  '/api/v1/weekly-reports?week=2026-W48',
  '/api/v1/weekly-reports/export?week=2026-W48&format=csv',
  '/dashboard/peserta',
  '/dashboard/peserta?q=siti&klaster=kuliner&belum_lapor=1',
  '/api/v1/participants',
  '/api/v1/participants?search=0812-0000-9999',
  '/dashboard/ringkasan',
];

describe('pages that list participants', () => {
  it.each([
    ['a Dinsos admin', LOGINS.dewi, ['Siti Aminah', 'Kokom', 'Euis']],
    ['a MiBi', LOGINS.tono, ['Siti Aminah', 'Kokom']],
  ])(
    'show %s their participants without searching participants or weekly reports',
    async (_who, login, names) => {
      const browser = await signedIn(login);
      const everyone = ['Siti Aminah', 'Kokom', 'Euis'];
      for (const page of PAGES) {
        let answer: Awaited<ReturnType<typeof browser.get>> | undefined;
        const used = await db.commandsOf(async () => (answer = await browser.get(page)));
        expect({ page, status: answer?.status }).toEqual({ page, status: 200 });
        expect({ page, searches: searchesOfBigCollections(used) }).toEqual({ page, searches: [] });
        if (page === '/dashboard/laporan' || page === '/dashboard/peserta') {
          for (const name of everyone)
            expect({ page, name, shown: answer?.text.includes(`>${name}</a>`) }).toEqual({
              page,
              name,
              shown: names.includes(name),
            });
        }
      }
    },
  );

  it('keep a search of the list as before: by phone in any spelling, and "no report this week"', async () => {
    const browser = await signedIn(LOGINS.dewi);
    const kokom = JSON.parse((await browser.get('/api/v1/participants?search=0812-0000-9999')).text) as {
      items: { name: string }[];
      total: number;
    };
    expect(kokom.items.map((item) => item.name)).toEqual(['Kokom']);
    const unreported = await browser.get('/dashboard/peserta?belum_lapor=1');
    expect(unreported.text).toContain('>Kokom</a>');
    expect(unreported.text).not.toContain('>Euis</a>');
  });
});

/** The roster as the lists read it: everyone, and each mentor's; a document left empty is no entry. */
async function rosterAsRead(models: Models) {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  const mentors = await models.mentors.find({}, { _id: 1 }).lean();
  return {
    everyone: (await readWholeRoster(models)).sort(byId),
    mentors: Object.fromEntries(
      await Promise.all(
        mentors.map(
          async (mentor) =>
            [String(mentor._id), (await readMentorRoster(models, String(mentor._id))).sort(byId)] as const,
        ),
      ),
    ),
  };
}

const admin = (): Account => ({ kind: 'staff', id: ids.dewi, name: 'Dewi', role: 'admin' });

describe('the roster', () => {
  it('is kept by every change of a record as a rebuild from the records makes it', async () => {
    // Imported again with another desa (her TKSK, not in the file, stays); a newcomer in a new kecamatan.
    await importRows([
      row({ name: 'Siti Aminah', phone: '+6281200007777', desa: 'Karangtanjung', mibiPhone: LOGINS.tono }),
      row({ name: 'Nining', phone: '+6281200005555', kecamatan: 'Batujajar', desa: 'Galanggang' }),
    ]);
    // Edited by hand: Euis moves to Cihampelas and is renamed.
    const euis = await db.models.participants.findOne({ name: 'Euis' }).lean<StoredParticipant>();
    if (!euis) throw new Error('Euis was imported');
    const edited = await changeParticipant(
      db.models,
      admin(),
      String(euis._id),
      {
        ...currentValuesOf(euis),
        name: 'Euis Kurniasih',
        kecamatan: 'Cihampelas',
        desa: 'Pataruman',
      } as never,
      { from: '10.4.0.1', via: 'session', now },
    );
    expect(edited).toMatchObject({ ok: true });
    // Graduated, and given another mentor, on the dashboard's own pages.
    const browser = await signedIn(LOGINS.dewi);
    const kokom = await db.models.participants.findOne({ name: 'Kokom' }).lean();
    const graduated = await browser.post(`/dashboard/peserta/${String(kokom?._id)}/status`, {
      status: 'graduated',
      on: '2026-11-20',
      reason: 'usaha sudah mandiri',
    });
    expect(graduated.status).toBe(303);
    const moved = await browser.post(`/dashboard/peserta/${String(kokom?._id)}/pendamping`, {
      mibi: '',
      tksk: ids.ujang,
    });
    expect(moved.status).toBe(303);
    // Nining asks for her data to be erased: the lists show her pseudonym and no number.
    const nining = await db.models.participants.findOne({ name: 'Nining' }).lean();
    const subject = await participantSubject(db.models, String(nining?._id));
    if (!subject) throw new Error('Nining was imported');
    await eraseHoldings(db.models, await gatherHoldings(db.models, subject), now);

    const kept = await rosterAsRead(db.models);
    expect(kept.everyone.map((entry) => [entry.name, entry.kecamatan, entry.status])).toEqual(
      expect.arrayContaining([
        ['Euis Kurniasih', 'Cihampelas', 'active'],
        ['Kokom', 'Cihampelas', 'graduated'],
      ]),
    );
    expect(kept.everyone.find((entry) => entry.id === String(nining?._id))?.name).not.toBe('Nining');
    expect(kept.mentors[ids.tono]?.map((entry) => entry.name).sort()).toEqual(['Siti Aminah']);
    expect(kept.mentors[ids.ujang]?.map((entry) => entry.name).sort()).toEqual([
      'Euis Kurniasih',
      'Kokom',
      'Siti Aminah',
    ]);

    const reads = await db.commandsOf(() => rebuildParticipantRoster(db.models));
    expect(reads.filter((command) => command.collection === 'participants')).toHaveLength(1);
    expect(await rosterAsRead(db.models)).toEqual(kept);
  });

  it('loses none of many changes of one kecamatan made at once', async () => {
    const phones = Array.from({ length: 20 }, (_, index) => `+62812000060${String(index).padStart(2, '0')}`);
    await Promise.all(
      phones.map((phone, index) =>
        importRows([row({ name: `Peserta ${index}`, phone, mibiPhone: LOGINS.tono })]),
      ),
    );
    const listed = new Set((await readMentorRoster(db.models, ids.tono)).map((entry) => entry.phone));
    for (const phone of phones) expect(listed).toContain(phone);
    const kept = await rosterAsRead(db.models);
    await rebuildParticipantRoster(db.models);
    expect(await rosterAsRead(db.models)).toEqual(kept);
  });
});
