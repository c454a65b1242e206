import mongoose, { Types, type Connection } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import type { Account } from '../../src/auth';
import { shiftIsoWeek } from '../../src/domain/calendar';
import { formatRupiah } from '../../src/domain/display';
import { rebuildWeekSummaries } from '../../src/domain/reports/week-summaries';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import { buildIndexes, createModels, type Models } from '../../src/db/models';
import { createHttpApp } from '../../src/http';
import { participantScopeOf } from '../../src/auth/scopes';
import { dashboardRouter } from '../../src/http/dashboard';
import { gatherParticipantFigures } from '../../src/http/dashboard/overview';
import { rosterInScope } from '../../src/http/actions/roster';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';
import { participantFigures, TREND_WEEKS } from '../../src/http/dashboard/overview-figures';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { testServerUri } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { siti } from '../support/participants';
import {
  LOGINS,
  OVERVIEW_NOW,
  OVERVIEW_PASSWORD,
  seedOverview,
  THIS_WEEK,
  type SeededOverview,
} from '../support/overview-data';

/**
 * The overview's figures come from the week summaries, kept with every report: they must be the
 * figures the reports themselves give, for every scope, after corrections, late entries and people
 * changing mentor, kecamatan or status; a rebuild must give the same summaries; and the page must not
 * search the reports. The commands are watched with the driver's command monitoring.
 */
let connection: Connection;
let models: Models;
const commands: CommandStartedEvent[] = [];
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date(OVERVIEW_NOW.getTime());
let seeded: SeededOverview;
let base = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  connection = mongoose.createConnection(testServerUri(), {
    dbName: `test_summaries_${Date.now().toString(36)}`,
    autoIndex: false,
    autoCreate: false,
    monitorCommands: true,
  });
  await connection.asPromise();
  connection.getClient().on('commandStarted', (event) => commands.push(event));
  models = createModels(connection);
  await buildIndexes(models);
  seeded = await seedOverview(models);
  const dependencies = testApiDependencies({
    models,
    conversations: testConversationService(models, clock, logger),
    clock,
    logger,
  });
  const app = createHttpApp({
    databaseReady: async () => true,
    routers: [dashboardRouter(dependencies)],
    logger,
    trustProxy: ['loopback'],
  });
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(async () => {
  await close();
  await connection.dropDatabase();
  await connection.close();
});

const participantNamed = async (name: string) => {
  const participant = await models.participants.findOne({ name }).lean();
  if (!participant) throw new Error(`${name} was not seeded`);
  return participant._id;
};

const report = (participant: Types.ObjectId, week: string, sales: number, extra: object = {}) =>
  submitWeeklyReport(models, {
    participant,
    week,
    sales,
    spending: 0,
    savingsDeposit: sales / 10,
    savingsWithdrawal: sales / 50,
    channel: 'simulator',
    submittedAt: clock(),
    ...extra,
  });

const accounts = (): Record<string, Account> => ({
  admin: { kind: 'staff', id: seeded.ids.admin, name: 'Dewi Lestari', role: 'admin' },
  tono: { kind: 'mentor', id: seeded.ids.tono, name: 'Tono Sutisna', mentorType: 'MiBi' },
  ujang: { kind: 'mentor', id: seeded.ids.ujang, name: 'Ujang Hidayat', mentorType: 'TKSK' },
});

/** The overview's participant figures as the page computes them, from the week summaries. */
async function fromSummaries(account: Account) {
  const roster = await rosterInScope(models, account);
  if (!roster) throw new Error('no scope');
  return (await gatherParticipantFigures(models, roster.participants, account.kind === 'mentor', THIS_WEEK))
    .figures;
}

/** The reference: the same figures computed from every report of the weeks shown, as before summaries. */
async function fromReports(account: Account) {
  const scope = await participantScopeOf(models, account);
  if (!scope) throw new Error('no scope');
  const participants = await models.participants.find(scope.filter).lean();
  const ids = new Set(participants.map((participant) => String(participant._id)));
  const reports = await models.weeklyReports
    .find({ week: { $gte: shiftIsoWeek(THIS_WEEK, -(TREND_WEEKS - 1)), $lte: THIS_WEEK } })
    .lean();
  return participantFigures(
    participants.map((participant) => ({
      id: String(participant._id),
      kecamatan: participant.kecamatan,
      cluster: participant.cluster,
      stage: participant.stage,
      status: participant.status,
    })),
    reports
      .filter((stored) => account.kind !== 'mentor' || ids.has(String(stored.participant)))
      .map((stored) => ({
        participant: String(stored.participant),
        week: stored.week,
        sales: stored.sales,
        savingsDeposit: stored.savingsDeposit,
        savingsWithdrawal: stored.savingsWithdrawal,
      })),
    THIS_WEEK,
  );
}

const summariesStored = async () =>
  (await models.weekSummaries.find({}).lean()).sort((a, b) => a._id.localeCompare(b._id));

describe('the week summaries', () => {
  it('give the overview the figures of the reports, for every scope, after corrections and a late entry', async () => {
    const [sitiAminah, euis, aminah, dadang, cucu, entin] = await Promise.all(
      [
        'Siti Aminah',
        'Euis Kurniasih',
        'Aminah Sari',
        'Dadang Suhendar',
        'Cucu Komariah',
        'Entin Suryani',
      ].map(participantNamed),
    );
    if (!sitiAminah || !euis || !aminah || !dadang || !cucu || !entin) throw new Error('not seeded');
    // Siti corrects this week herself, then her mentor corrects an earlier week on the dashboard.
    await report(sitiAminah, THIS_WEEK, 1_750_000, { inboundKey: 'simulator:s-1' });
    await report(sitiAminah, shiftIsoWeek(THIS_WEEK, -3), 600_000, {
      submittedBy: seeded.ids.tono,
      reason: 'salah ketik',
    });
    // Euis reports a week she had missed, five weeks late; Cucu this week, for the first time.
    await report(euis, shiftIsoWeek(THIS_WEEK, -5), 300_000);
    await report(cucu, THIS_WEEK, 1_400_000, { inboundKey: 'simulator:c-1' });
    // People change after reporting: another mentor, another kecamatan, graduated.
    await models.participants.updateOne({ _id: aminah }, { $set: { 'mentors.tksk': seeded.ids.ujang } });
    await models.participants.updateOne({ _id: aminah }, { $unset: { 'mentors.mibi': 1 } });
    await models.participants.updateOne({ _id: entin }, { $set: { kecamatan: 'Cihampelas' } });
    await models.participants.updateOne({ _id: dadang }, { $set: { status: 'graduated' } });
    // Written around the service here: the roster the overview reads is built again from the records.
    await rebuildParticipantRoster(models);

    for (const [name, account] of Object.entries(accounts())) {
      expect({ name, figures: await fromSummaries(account) }).toEqual({
        name,
        figures: await fromReports(account),
      });
    }
    // Each report as its week's summary holds it, with the savings balance the late and corrected
    // weeks moved in the weeks after them.
    const held = new Map(
      (await models.weekSummaries.find({}).lean()).map((summary) => [
        summary._id,
        summary.reporters as Record<string, unknown>,
      ]),
    );
    for (const stored of await models.weeklyReports.find({}).lean()) {
      const key = `${String(stored.participant)}:${stored.week}`;
      expect({ key, held: held.get(stored.week)?.[String(stored.participant)] }).toEqual({
        key,
        held: {
          sales: stored.sales,
          spending: stored.spending ?? 0,
          savingsDeposit: stored.savingsDeposit,
          savingsWithdrawal: stored.savingsWithdrawal,
          savingsBalance: stored.savingsBalance,
        },
      });
    }
    // The corrections are in, not added to what they replaced.
    const admin = await fromSummaries(accounts().admin!);
    expect(admin.thisWeek.sales).toBe(1_750_000 + 2_400_000 + 250_000 + 1_400_000 + 2_200_000);
  });

  it('count a message handled twice once, and reports sent at the same moment all', async () => {
    const cucu = await participantNamed('Cucu Komariah');
    const week = shiftIsoWeek(THIS_WEEK, -1);
    // The same message again after a fault, as the sweep handles it: one report, counted once.
    await report(cucu, week, 900_000, { inboundKey: 'simulator:twice' });
    await report(cucu, week, 900_000, { inboundKey: 'simulator:twice' });
    const summary = await models.weekSummaries.findById(week).lean();
    const stored = await models.weeklyReports.findById(`${String(cucu)}:${week}`).lean();
    expect((summary?.reporters as Record<string, unknown>)[String(cucu)]).toEqual({
      sales: 900_000,
      spending: stored?.spending ?? 0,
      savingsDeposit: 90_000,
      savingsWithdrawal: 18_000,
      savingsBalance: stored?.savingsBalance,
    });
    expect(await fromSummaries(accounts().admin!)).toEqual(await fromReports(accounts().admin!));

    // Twenty participants reporting the same week at once: FerretDB would lose all but a few of
    // twenty updates of one document made together, so they are written under the week's lease, the
    // ones that arrive while one is written together in the next update.
    const many = await models.participants.create(
      Array.from({ length: 20 }, (_, index) => ({
        ...siti(`+6281200008${String(index).padStart(3, '0')}`),
        name: `Peserta ${index}`,
        mentors: { mibi: new Types.ObjectId(seeded.ids.tono) },
      })),
    );
    await rebuildParticipantRoster(models);
    commands.length = 0;
    await Promise.all(
      many.map((participant, index) => report(participant._id, THIS_WEEK, (index + 1) * 10_000)),
    );
    const summaryUpdates = commands.filter(
      (event) => event.commandName === 'update' && event.command.update === 'week_summaries',
    );
    expect(summaryUpdates.length).toBeLessThan(10);
    const thisWeek = await models.weekSummaries.findById(THIS_WEEK).lean();
    for (const participant of many) {
      expect(Object.keys(thisWeek?.reporters ?? {})).toContain(String(participant._id));
    }
    for (const account of Object.values(accounts())) {
      expect(await fromSummaries(account)).toEqual(await fromReports(account));
    }
  });

  it('are rebuilt from the reports, reading them once, the same as kept', async () => {
    const kept = await summariesStored();
    expect(kept.length).toBeGreaterThanOrEqual(8);
    await models.weekSummaries.deleteMany({});
    // A week left behind with no report any more is removed.
    await models.weekSummaries.create({ _id: '2020-W01', reporters: { someone: { sales: 1 } } });

    commands.length = 0;
    expect(await rebuildWeekSummaries(models)).toBe(kept.length);
    const reads = commands.filter(
      (event) => event.commandName === 'find' && event.command.find === 'weekly_reports',
    );
    expect(reads).toHaveLength(1);
    expect(await summariesStored()).toEqual(kept);
  });

  it('let the overview page show each role its figures without searching the reports or the participants', async () => {
    for (const [login, account] of [
      [LOGINS.admin, accounts().admin!],
      [LOGINS.tono, accounts().tono!],
    ] as const) {
      const browser = formBrowser(base, { address: '10.3.0.1', password: OVERVIEW_PASSWORD });
      expect((await browser.signIn(login)).response.status).toBe(303);
      const expected = await fromReports(account);
      commands.length = 0;
      const { response, text } = await browser.request('GET', '/dashboard/ringkasan');
      expect(response.status).toBe(200);
      expect(text).toContain(formatRupiah(expected.thisWeek.sales));
      const used = commands.filter((event) =>
        ['find', 'aggregate', 'count', 'distinct'].includes(event.commandName),
      );
      const ofReports = used.filter((event) => event.command[event.commandName] === 'weekly_reports');
      expect(ofReports).toEqual([]);
      // Nor the participants' records: who is in scope comes from the roster, each document by `_id`.
      const ofParticipants = used.filter((event) => event.command[event.commandName] === 'participants');
      expect(ofParticipants).toEqual([]);
      const roster = used.filter((event) => event.command.find === 'participant_roster');
      expect(roster.length).toBeGreaterThan(0);
      for (const event of roster) expect(Object.keys(event.command.filter as object)).toEqual(['_id']);
      const summaries = used.filter((event) => event.command.find === 'week_summaries');
      expect(summaries).toHaveLength(TREND_WEEKS);
      for (const event of summaries) expect(Object.keys(event.command.filter as object)).toEqual(['_id']);
    }
  });
});
