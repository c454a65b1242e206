import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { setPassword } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import { weeklyReportKey } from '../../src/db/models/weekly-report';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { rebuildWeekSummaries } from '../../src/domain/reports/week-summaries';
import { rebuildComplaintIndexes } from '../../src/domain/complaints/complaint-index';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

/**
 * A Dinsos admin's files of a whole programme: larger than the page reads at once (5,000
 * participants), written as they are read, and still complete.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/** Monday 23 November 2026, 09:00 WIB: ISO week 2026-W48. */
const now = new Date('2026-11-23T02:00:00Z');
const PASSWORD = 'rahasia-ekspor-besar-2026';
const ADMIN = '+6281300000004';
const PARTICIPANTS = 5_050;
const WEEKS = ['2026-W46', '2026-W47'];
/** More than the export reads names for at once (a thousand). */
const COMPLAINTS = 1_200;

const phoneOf = (index: number) => `+62812${String(index).padStart(8, '0')}`;
/** Every third participant did not report in the first week; everyone else sold 100,000 plus their number. */
const reported = (index: number, week: number) => week === 1 || index % 3 !== 0;

let base = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const [puskesos] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
  ]);
  await db.models.staff.create({ name: 'Dewi (Dinsos)', phone: ADMIN, role: 'admin' });
  const ids = Array.from({ length: PARTICIPANTS }, () => new Types.ObjectId());
  await db.models.participants.collection.insertMany(
    ids.map((_id, index) => ({
      _id,
      name: `Peserta ${String(index).padStart(4, '0')}`,
      phone: phoneOf(index),
      kecamatan: 'Cililin',
      desa: 'Batulayang',
      cluster: 'kuliner',
      stage: 'start_up',
      language: 'id',
      status: 'active',
      channels: {},
    })),
  );
  await db.models.weeklyReports.insertMany(
    WEEKS.flatMap((week, w) =>
      ids.flatMap((participant, index) =>
        reported(index, w)
          ? [
              {
                _id: weeklyReportKey(participant, week),
                participant,
                week,
                sales: 100_000 + index,
                spending: 0,
                savingsDeposit: 10_000,
                savingsWithdrawal: 0,
                savingsBalance: 10_000,
                channel: 'simulator',
                submittedAt: now,
                revisions: [],
              },
            ]
          : [],
      ),
    ),
  );
  // Written around the service, as a seed is: who reported a week is read from its summary.
  await rebuildWeekSummaries(db.models);
  await db.models.complaints.collection.insertMany(
    Array.from({ length: COMPLAINTS }, (_, index) => ({
      number: `PGD-2026-${String(index + 1).padStart(6, '0')}`,
      puskesos: puskesos?._id,
      participant: ids[index],
      desa: 'Batulayang',
      category: 'pkh',
      text: 'Bantuan belum cair',
      photos: [],
      status: 'closed',
      events: [],
      // One a minute, so that the file's order (newest first) is known.
      createdAt: new Date(now.getTime() - (COMPLAINTS - index) * 60_000),
      updatedAt: now,
    })),
  );
  // Listed by Puskesos, as `summaries:rebuild` lists a seed's complaints.
  await rebuildComplaintIndexes(db.models);
  await setPassword(db.models, ADMIN, PASSWORD);
  const clock = () => new Date(now.getTime());
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

/** The first sheet's rows after the header, each as its cells' values. */
async function rowsOf(bytes: Uint8Array): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row, number) => {
    if (number > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

async function download(path: string) {
  const browser = formBrowser(base, { address: '10.4.0.1', password: PASSWORD });
  expect((await browser.signIn(ADMIN)).status).toBe(303);
  const answer = await browser.get(path);
  expect(answer.status).toBe(200);
  return rowsOf(answer.bytes);
}

describe('a whole programme’s files', () => {
  it('lists every participant in every week of the range, beyond the 5,000 a page reads', async () => {
    const rows = await download(`/dashboard/laporan/unduh?dari=${WEEKS[0]}&sampai=${WEEKS[1]}&format=xlsx`);
    expect(rows).toHaveLength(PARTICIPANTS * WEEKS.length);
    const ofWeek = (week: string) => rows.filter((row) => row[6] === week);
    expect(ofWeek(WEEKS[0] ?? '')).toHaveLength(PARTICIPANTS);
    // Columns: name, phone, ..., week (7th), status (8th), sales (9th).
    const notReported = ofWeek(WEEKS[0] ?? '').filter((row) => row[7] === 'belum lapor');
    expect(notReported).toHaveLength(Math.ceil(PARTICIPANTS / 3));
    const last = ofWeek(WEEKS[1] ?? '').find((row) => row[0] === `Peserta ${PARTICIPANTS - 1}`);
    expect(last?.[8]).toBe(100_000 + PARTICIPANTS - 1);
  });

  it('gives every complaint with its complainant’s name, past the first thousand', async () => {
    const rows = await download('/dashboard/pengaduan/unduh?status=semua&format=xlsx');
    expect(rows).toHaveLength(COMPLAINTS);
    // Newest first: the oldest complaint, by participant 0, is the last row.
    expect(rows[0]?.[0]).toBe(`PGD-2026-${String(COMPLAINTS).padStart(6, '0')}`);
    expect(rows[COMPLAINTS - 1]?.[5]).toBe('Peserta 0000');
    expect(rows.filter((row) => row[5] === 'bukan peserta')).toHaveLength(0);
    // Names from the complaint index, phones (masked) from one read of the participants: every row has both.
    expect(rows[0]?.[5]).toBe(`Peserta ${String(COMPLAINTS - 1).padStart(4, '0')}`);
    expect(rows[0]?.[6]).toBe(`0812-****-${phoneOf(COMPLAINTS - 1).slice(-4)}`);
    expect(rows.filter((row) => !/^0812-\*{4}-\d{4}$/.test(String(row[6])))).toHaveLength(0);
  });
});
