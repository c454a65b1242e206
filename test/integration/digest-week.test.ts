import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../src/db/connect';
import { buildIndexes, createModels, type Models } from '../../src/db/models';
import { shiftIsoWeek } from '../../src/domain/calendar';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import { programJobs } from '../../src/scheduler';
import { testServerUri } from '../support/database';
import { defaultSchedule } from '../support/schedule';

/**
 * The Monday job over several mentors at once: each digest is built from what the chat stored
 * (reports through the service, a correction included), for that mentor's group alone, and the job
 * reads one ledger a participant rather than every report of the last twelve weeks.
 */

const now = new Date('2026-12-07T00:30:00Z'); // Monday 7 December, 07:30 in Jakarta
const WEEK = '2026-W49';
const MENTORS = 3;
const PER_MENTOR = 3;
const WEEKS = 12;

let connection: Connection;
let models: Models;
/** Documents the server returned, counted while `counting` is on. */
let returned = 0;
let counting = false;

beforeAll(async () => {
  connection = await connectDatabase(testServerUri(), `digests_${randomBytes(4).toString('hex')}`, {
    monitorCommands: true,
  });
  models = createModels(connection);
  await buildIndexes(models);
  connection.getClient().on('commandSucceeded', (event) => {
    const cursor = (event.reply as { cursor?: { firstBatch?: unknown[]; nextBatch?: unknown[] } }).cursor;
    if (counting) returned += (cursor?.firstBatch ?? cursor?.nextBatch ?? []).length;
  });
});

afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

async function seed(): Promise<void> {
  for (let m = 0; m < MENTORS; m++) {
    const mentor = await models.mentors.create({
      name: `Pendamping ${m}`,
      phone: `+62813100${String(m).padStart(5, '0')}`,
      type: 'MiBi',
      channels: { telegramUserId: `mentor-${m}` },
    });
    for (let p = 0; p < PER_MENTOR; p++) {
      const participant = await models.participants.create({
        name: `Peserta ${m}-${p}`,
        phone: `+62812${String(m).padStart(4, '0')}${String(p).padStart(4, '0')}`,
        kecamatan: 'Cililin',
        desa: `Desa ${m}`,
        cluster: 'kuliner',
        stage: 'start_up',
        // The first mentor is both MiBi and TKSK of their group: still one digest, each person once.
        mentors: m === 0 ? { mibi: mentor._id, tksk: mentor._id } : { mibi: mentor._id },
      });
      for (let back = WEEKS - 1; back >= 0; back--)
        await submitWeeklyReport(models, {
          participant: participant._id,
          week: shiftIsoWeek(WEEK, -back),
          sales: 100_000 * (m + 1) + 1_000 * p,
          spending: 0,
          savingsDeposit: 10_000,
          savingsWithdrawal: 0,
          channel: 'telegram',
          submittedAt: now,
        });
      // The last participant of each group corrects this week's sales, down by half.
      if (p === PER_MENTOR - 1)
        await submitWeeklyReport(models, {
          participant: participant._id,
          week: WEEK,
          sales: (100_000 * (m + 1) + 1_000 * p) / 2,
          spending: 0,
          savingsDeposit: 10_000,
          savingsWithdrawal: 0,
          channel: 'telegram',
          submittedAt: new Date(now.getTime() + 60_000),
        });
    }
  }
}

describe('the Monday digests of many mentors', () => {
  it('gives each mentor their own group’s figures, corrections included, from one ledger a participant', async () => {
    await seed();
    const job = programJobs(models, defaultSchedule(), { save: async () => '0123456789abcdef01234567' }).find(
      (scheduled) => scheduled.name === 'mentor-digest',
    );
    counting = true;
    const outcome = await job?.run('2026-W50', now);
    counting = false;
    expect(outcome).toMatchObject({ week: WEEK, queued: MENTORS });

    for (let m = 0; m < MENTORS; m++) {
      const mentor = await models.mentors.findOne({ name: `Pendamping ${m}` }).lean();
      const digest = await models.outbox.findById(`digest:${String(mentor?._id)}:${WEEK}`).lean();
      expect(digest).toMatchObject({ channel: 'telegram', chatId: `mentor-${m}` });
      const text = (digest?.message as { text: string }).text;
      // Only this mentor's people, each once.
      expect(text.match(/Peserta \d-\d/g)?.sort()).toEqual(
        Array.from({ length: PER_MENTOR }, (_, p) => `Peserta ${m}-${p}`),
      );
      const last = PER_MENTOR - 1;
      expect(text).toContain(`1. Peserta ${m}-${last} (Desa ${m}): omzet turun 50%`);
      expect(text).toContain(
        `- Peserta ${m}-0: Rp${(100 * (m + 1)).toLocaleString('id-ID')}.000 (+0%), tabungan Rp120.000, 12 minggu berturut-turut`,
      );
    }
    // Participants, their ledgers, the mentors and the few others: far fewer than the 108 reports.
    expect(returned).toBeLessThan(MENTORS * PER_MENTOR * 3 + MENTORS + 5);
  });
});
