import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../src/db/connect';
import { buildIndexes, createModels, type Models } from '../../src/db/models';
import { rebuildReportLedgers } from '../../src/domain/reports/weekly-report-service';
import { programJobs } from '../../src/scheduler';
import { testServerUri } from '../support/database';
import { defaultSchedule } from '../support/schedule';

/**
 * The proof that batch jobs read each collection at most once per run: every job runs against a
 * program of 2 mentors and one of 20, and the commands that read a collection other than by `_id`
 * (on FerretDB each reads the whole collection) are counted per collection.
 */

const now = new Date('2026-12-05T09:00:00Z'); // Saturday 5 December, 16:00 in Jakarta
const PARTICIPANTS_PER_MENTOR = 3;
const settings = defaultSchedule();

interface Program {
  connection: Connection;
  models: Models;
  /** Reads other than by `_id`, per collection, since the last `reset`. */
  scans: Map<string, number>;
}

const READ_FILTERS: Record<string, (command: Record<string, unknown>) => unknown[]> = {
  find: (command) => [command.filter],
  count: (command) => [command.query],
  distinct: (command) => [command.query],
  findAndModify: (command) => [command.query],
  aggregate: () => [undefined],
  update: (command) => (command.updates as { q: unknown }[]).map((update) => update.q),
  delete: (command) => (command.deletes as { q: unknown }[]).map((deletion) => deletion.q),
};

/** `{_id: <one value>}`, the only filter FerretDB hands to SQLite's index. */
function isKeyed(filter: unknown): boolean {
  if (typeof filter !== 'object' || filter === null) return false;
  const keys = Object.keys(filter);
  const id = (filter as { _id?: unknown })._id;
  return (
    keys.length === 1 &&
    keys[0] === '_id' &&
    (typeof id !== 'object' || id === null || id.constructor.name === 'ObjectId')
  );
}

async function openProgram(mentors: number): Promise<Program> {
  const connection = await connectDatabase(testServerUri(), `batch_${randomBytes(4).toString('hex')}`, {
    monitorCommands: true,
  });
  const models = createModels(connection);
  await buildIndexes(models);
  await seed(models, mentors);
  // The reports were written around the service, as a seed does: the ledgers the digest reads follow.
  await rebuildReportLedgers(models);
  const scans = new Map<string, number>();
  connection.getClient().on('commandStarted', (event) => {
    const filters = READ_FILTERS[event.commandName]?.(event.command);
    if (!filters) return;
    const collection = String(event.command[event.commandName]);
    const unkeyed = filters.filter((filter) => !isKeyed(filter)).length;
    if (unkeyed > 0) scans.set(collection, (scans.get(collection) ?? 0) + unkeyed);
  });
  return { connection, models, scans };
}

const week = (n: number) => `2026-W${String(n).padStart(2, '0')}`;

/**
 * Per mentor: a Puskesos with a koordinator and a front office, three participants who report
 * every week up to the last (one saving nothing for three weeks), a session planned, and two open
 * complaints, one long overdue and one due within the hour.
 */
async function seed(models: Models, mentors: number): Promise<void> {
  const consent = { purpose: 'test', givenAt: new Date('2026-09-01T00:00:00Z'), channel: 'telegram' };
  await models.staff.create([
    { name: 'Admin Dinsos', phone: '+6281390000001', role: 'admin', channels: { telegramUserId: 'admin' } },
    { name: 'Koordinator Program', phone: '+6281390000002', role: 'koordinator', channels: {} },
  ]);
  for (let m = 0; m < mentors; m++) {
    const mentor = await models.mentors.create({
      name: `Mentor ${m}`,
      phone: `+62813100${String(m).padStart(5, '0')}`,
      type: 'MiBi',
      channels: { telegramUserId: `mentor-${m}` },
    });
    const puskesos = await models.puskesos.create({
      name: `Puskesos ${m}`,
      desa: `Desa ${m}`,
      kecamatan: 'Cililin',
    });
    const [, frontOffice] = await models.staff.create([
      {
        name: `Koordinator ${m}`,
        phone: `+62813200${String(m).padStart(5, '0')}`,
        role: 'koordinator',
        puskesos: puskesos._id,
        channels: { telegramUserId: `koor-${m}` },
      },
      {
        name: `Front ${m}`,
        phone: `+62813300${String(m).padStart(5, '0')}`,
        role: 'front_office',
        puskesos: puskesos._id,
        channels: { telegramUserId: `front-${m}` },
      },
    ]);
    const participants = await models.participants.create(
      Array.from({ length: PARTICIPANTS_PER_MENTOR }, (_, p) => ({
        name: `Peserta ${m}-${p}`,
        phone: `+62812${String(m).padStart(4, '0')}${String(p).padStart(4, '0')}`,
        kecamatan: 'Cililin',
        desa: `Desa ${m}`,
        cluster: 'kuliner' as const,
        stage: 'start_up' as const,
        consent,
        mentoringWindow: { start: new Date('2026-09-01T00:00:00Z'), end: new Date('2026-12-31T00:00:00Z') },
        mentors: { mibi: mentor._id },
        channels: { telegramUserId: `p-${m}-${p}` },
      })),
    );
    await models.weeklyReports.insertMany(
      participants.flatMap((participant, p) =>
        Array.from({ length: 12 }, (_, w) => ({
          _id: `${String(participant._id)}:${week(37 + w)}`,
          participant: participant._id,
          week: week(37 + w),
          sales: 500_000,
          savingsDeposit: p === 0 && w >= 9 ? 0 : 20_000,
          channel: 'telegram',
          submittedAt: now,
        })),
      ),
    );
    await models.mentoringSessions.create({
      mentor: mentor._id,
      startsAt: new Date('2026-12-08T03:00:00Z'),
      place: 'Balai desa',
      topic: 'Pembukuan',
      participants: participants.map((participant) => participant._id),
    });
    const complaint = (n: number, dueAt: Date, assignee?: typeof frontOffice) => ({
      number: `PGD-2026-${String(m * 10 + n).padStart(6, '0')}`,
      puskesos: puskesos._id,
      participant: participants[n]?._id,
      desa: `Desa ${m}`,
      category: 'PKH',
      text: 'Bantuan belum cair',
      dueAt,
      ...(assignee
        ? { assignee: assignee._id, assigneeName: assignee.name, status: 'acknowledged' as const }
        : {}),
    });
    await models.complaints.create([
      complaint(0, new Date('2026-11-20T02:00:00Z')),
      complaint(1, new Date(now.getTime() + 3_600_000), frontOffice),
    ]);
  }
}

/** Each job's occurrence at `now`, whether or not its time of day has come. */
const OCCURRENCES: Record<string, string> = {
  'mentor-digest': '2026-W49',
  'savings-nudge': '2026-W49',
  'complaint-sla': '2026-12-05T16',
  'staff-digest': '2026-12-05',
};
const occurrenceOf = (job: string) => OCCURRENCES[job] ?? '2026-W49';

/** Runs every program job once; per job, its outcome and the collections it read other than by `_id`. */
async function runEveryJob(program: Program) {
  const runs: Record<string, { outcome: Record<string, unknown>; scans: Record<string, number> }> = {};
  for (const job of programJobs(program.models, settings)) {
    program.scans.clear();
    const outcome = await job.run(occurrenceOf(job.name), now);
    runs[job.name] = { outcome, scans: Object.fromEntries(program.scans) };
  }
  return runs;
}

describe('batch jobs read each collection at most once per run, however many mentors and participants', () => {
  const programs: Program[] = [];
  afterAll(async () => {
    for (const { connection } of programs) {
      await connection.dropDatabase();
      await connection.close();
    }
  });

  it('reads the same collections as often with 20 mentors as with 2, each at most once, also when run again', async () => {
    const small = await openProgram(2);
    const large = await openProgram(20);
    programs.push(small, large);

    const [smallRuns, largeRuns] = [await runEveryJob(small), await runEveryJob(large)];
    // The runs did their work: ten times the mentors, ten times the messages.
    expect(largeRuns['weekly-report-reminder-first']?.outcome).toMatchObject({ queued: 60 });
    expect(smallRuns['weekly-report-reminder-first']?.outcome).toMatchObject({ queued: 6 });
    expect(largeRuns['mentor-digest']?.outcome).toMatchObject({ queued: 20, programQueued: 21 });
    expect(largeRuns['savings-nudge']?.outcome).toEqual({ queued: 20 });
    expect(largeRuns['complaint-sla']?.outcome).toEqual({ reminder: 40, overdue: 20, escalated: 20 });
    expect(largeRuns['staff-digest']?.outcome).toEqual({ puskesos: 20, queued: 40 });

    for (const [name, { scans }] of Object.entries(largeRuns)) {
      expect({ job: name, scans }).toEqual({ job: name, scans: smallRuns[name]?.scans });
      for (const [collection, count] of Object.entries(scans))
        expect({ job: name, collection, count }).toEqual({ job: name, collection, count: 1 });
    }

    // A run that died half-way is run again: it queues nothing twice and reads no more.
    const queuedBefore = await large.models.outbox.countDocuments();
    const again = await runEveryJob(large);
    expect(await large.models.outbox.countDocuments()).toBe(queuedBefore);
    for (const [name, { scans }] of Object.entries(again))
      for (const [collection, count] of Object.entries(scans))
        expect({ job: name, collection, count }).toEqual({ job: name, collection, count: 1 });
  });
});
