import { defaultSchedule } from '../support/schedule';
import { acquireLease } from '../../src/db/leases';
import { createLogger } from '../../src/log';
import { JobRunner, programJobs } from '../../src/scheduler';
import { useTestDatabase } from '../support/database';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';

const db = useTestDatabase();
const logger = createLogger('silent');

let now = new Date('2026-11-22T23:59:00Z'); // Monday 23 November, 06:59 in Jakarta
const clock = () => new Date(now.getTime());

const settings = defaultSchedule();
const runner = () => new JobRunner(db.models, programJobs(db.models, settings), clock, logger);
/** What a tick ran, leaving out the jobs that other tests look at (savings nudge, complaint jobs). */
const tick = async (): Promise<string[]> =>
  (await runner().tick()).filter(
    (run) => !/^(savings-nudge|complaint-sla|handover-sla|staff-digest)/.test(run) && !run.includes('@'),
  );

const consent = { purpose: 'test', givenAt: new Date('2026-09-01T00:00:00Z'), channel: 'telegram' };
const window = { start: new Date('2026-09-01T00:00:00Z'), end: new Date('2026-12-31T00:00:00Z') };
const base = {
  kecamatan: 'Cililin',
  desa: 'Batulayang',
  cluster: 'kuliner' as const,
  stage: 'start_up' as const,
  mentoringWindow: window,
};

const remindersFor = async (week: string, round: string) =>
  (
    await db.models.outbox
      .find({ dedupeKey: new RegExp(`^weekly-report-reminder:.*:${week}:${round}$`) })
      .lean()
  )
    .map((entry) => entry.chatId)
    .sort();

describe('the scheduler on the real database, with a clock the test moves', () => {
  beforeAll(async () => {
    const mibi = await db.models.mentors.create({
      name: 'Rina',
      phone: '+6281311112222',
      type: 'MiBi',
      channels: { telegramUserId: 'mentor-1' },
    });
    await db.models.participants.create([
      {
        ...base,
        name: 'Siti Aminah',
        phone: '+6281200000001',
        consent,
        channels: { telegramUserId: 'siti' },
        mentors: { mibi: mibi._id },
      },
      {
        ...base,
        name: 'Ujang',
        phone: '+6281200000002',
        consent,
        channels: { whatsappId: '6281200000002@c.us' },
        mentors: { mibi: mibi._id },
      },
      {
        ...base,
        name: 'Sudah Lapor',
        phone: '+6281200000003',
        consent,
        channels: { telegramUserId: 'reported' },
      },
      {
        ...base,
        name: 'Minta Stop',
        phone: '+6281200000004',
        consent,
        channels: { telegramUserId: 'stopped' },
        remindersStoppedAt: new Date('2026-11-20T00:00:00Z'),
      },
      { ...base, name: 'Belum Setuju', phone: '+6281200000005', channels: { telegramUserId: 'no-consent' } },
      {
        ...base,
        name: 'Sudah Lulus',
        phone: '+6281200000006',
        consent,
        channels: { telegramUserId: 'window-over' },
        mentoringWindow: { start: window.start, end: new Date('2026-11-01T00:00:00Z') },
      },
    ]);
    await db.models.staff.create({
      name: 'Koordinator',
      phone: '+6281399990001',
      role: 'koordinator',
      puskesos: mibi._id,
      channels: { telegramUserId: 'koor' },
    });
    const reported = await db.models.participants.findOne({ name: 'Sudah Lapor' }).lean();
    // Through the service, as a chat stores it: the week's summary says who reported.
    await submitWeeklyReport(db.models, {
      participant: reported!._id,
      week: '2026-W48',
      sales: 100_000,
      spending: 0,
      savingsDeposit: 0,
      savingsWithdrawal: 0,
      channel: 'telegram',
      submittedAt: now,
    });
  });

  it('queues each mentor’s digest on Monday at 07:00 for the week just ended, once', async () => {
    expect(await tick()).toEqual([]);
    now = new Date('2026-11-23T00:00:00Z');
    expect(await tick()).toEqual(['mentor-digest:2026-W48']);
    expect(await tick()).toEqual([]);
    const digests = await db.models.outbox.find({ dedupeKey: /^digest:/ }).lean();
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({
      channel: 'telegram',
      chatId: 'mentor-1',
      dedupeKey: expect.stringMatching(/:2026-W47$/),
    });
    expect((digests[0]?.message as { text: string }).text).toContain('Ringkasan pendampingan 16-22 Nov 2026');
    expect((digests[0]?.message as { text: string }).text).toContain('2 peserta, 0 melapor (0%)');
    // Under it, one tap reminds or plans a visit for those who need attention.
    expect(
      (digests[0]?.message as { choices?: { label: string }[] }).choices?.map((choice) => choice.label),
    ).toEqual(expect.arrayContaining(['🔔 Ingatkan Siti', '📅 Kunjungi Siti']));
    const program = await db.models.outbox.findOne({ dedupeKey: /^program-digest:/ }).lean();
    expect(program).toMatchObject({ channel: 'telegram', chatId: 'koor' });
    expect((program?.message as { text: string }).text).toContain(
      'Ringkasan program ProKUS 16-22 Nov 2026\n0 dari 6 peserta melapor (0%).',
    );
  });

  it('sends nothing before Saturday 16:00, then reminds exactly those who should be, once, even with two schedulers', async () => {
    now = new Date('2026-11-28T08:59:00Z');
    expect(await tick()).toEqual([]);
    now = new Date('2026-11-28T09:00:00Z');
    const [first, second] = await Promise.all([runner().tick(), runner().tick()]);
    expect([...first, ...second].filter((run) => /^weekly-report-reminder-first:/.test(run))).toEqual([
      'weekly-report-reminder-first:2026-W48',
    ]);
    expect(await remindersFor('2026-W48', 'first')).toEqual(['6281200000002@c.us', 'siti']);
    const siti = await db.models.outbox.findOne({ chatId: 'siti' }).lean();
    expect(siti).toMatchObject({ channel: 'telegram', status: 'pending', dueAt: now });
    expect((siti?.message as { text: string }).text).toContain(
      'Selamat sore, Bapak/Ibu Siti. Sudah waktunya laporan mingguan',
    );
    expect(await tick()).toEqual([]);
  });

  it('sends the gentle second reminder the next day only to those still silent', async () => {
    const siti = await db.models.participants.findOne({ name: 'Siti Aminah' }).lean();
    await submitWeeklyReport(db.models, {
      participant: siti!._id,
      week: '2026-W48',
      sales: 900_000,
      spending: 0,
      savingsDeposit: 0,
      savingsWithdrawal: 0,
      channel: 'telegram',
      submittedAt: now,
    });
    now = new Date('2026-11-29T09:00:00Z'); // Sunday 16:00
    expect(await tick()).toEqual(['weekly-report-reminder-second:2026-W48']);
    expect(await remindersFor('2026-W48', 'second')).toEqual(['6281200000002@c.us']);
  });

  it('nudges on Wednesday those whose last three reports saved nothing', async () => {
    const ujang = await db.models.participants.findOne({ name: 'Ujang' }).lean();
    const zeroWeek = (week: string) => ({
      participant: ujang?._id,
      week,
      sales: 300_000,
      savingsDeposit: 0,
      channel: 'whatsapp-web',
      submittedAt: now,
    });
    await db.models.weeklyReports.insertMany([
      zeroWeek('2026-W46'),
      zeroWeek('2026-W47'),
      zeroWeek('2026-W48'),
    ]);
    now = new Date('2026-12-02T03:00:00Z'); // Wednesday 10:00 of week 49
    expect(await runner().tick()).toEqual(
      expect.arrayContaining(['savings-nudge:2026-W49', 'mentor-digest:2026-W49']),
    );
    const nudges = await db.models.outbox.find({ dedupeKey: /^savings-nudge:/ }).lean();
    expect(nudges.map((nudge) => nudge.chatId)).toEqual(['6281200000002@c.us']);
    expect((nudges[0]?.message as { text: string }).text).toContain('tiga minggu ini belum ada tabungan');
  });

  it('takes over a run whose instance died once its lease expires, without repeating what was queued', async () => {
    now = new Date('2026-12-05T15:30:00Z'); // Saturday 22:30 of the next week: the service was down at 16:00
    const dead = await acquireLease(db.models, 'job:weekly-report-reminder-first:2026-W49', now, 10 * 60_000);
    expect(dead).toBeDefined();
    // The dead instance had queued Siti's reminder before it stopped.
    const siti = await db.models.participants.findOne({ name: 'Siti Aminah' }).lean();
    await db.models.outbox.create({
      dedupeKey: `weekly-report-reminder:${String(siti?._id)}:2026-W49:first`,
      channel: 'telegram',
      chatId: 'siti',
      message: { text: 'queued by the instance that died' },
      dueAt: new Date('2026-12-06T00:00:00Z'),
    });
    expect(await tick()).toEqual([]);
    now = new Date(now.getTime() + 11 * 60_000);
    expect(await tick()).toEqual(['weekly-report-reminder-first:2026-W49']);
    // Quiet hours: queued now, but due at 07:00 on Sunday morning.
    const entries = await db.models.outbox.find({ dedupeKey: /:2026-W49:first$/ }).lean();
    expect(entries.map((entry) => entry.dueAt.toISOString())).toEqual(
      entries.map(() => '2026-12-06T00:00:00.000Z'),
    );
    expect(entries.map((entry) => entry.chatId).sort()).toEqual(['6281200000002@c.us', 'reported', 'siti']);
  });

  it('reminds participants in WITA and WIT at 16:00 their own time, each zone once', async () => {
    await db.models.participants.create([
      {
        ...base,
        name: 'Made Wirawan',
        phone: '+6281200000011',
        consent,
        timeZone: 'Asia/Makassar',
        channels: { telegramUserId: 'made' },
      },
      {
        ...base,
        name: 'Yohana',
        phone: '+6281200000012',
        consent,
        timeZone: 'Asia/Jayapura',
        channels: { telegramUserId: 'yohana' },
      },
    ]);
    const zoneRuns = async () =>
      (await runner().tick()).filter((run) => run.startsWith('weekly-report-reminder-first'));
    now = new Date('2026-12-12T06:59:00Z'); // Saturday 15:59 in Jayapura
    expect(await zoneRuns()).toEqual([]);
    now = new Date('2026-12-12T07:00:00Z'); // 16:00 WIT
    expect(await zoneRuns()).toEqual(['weekly-report-reminder-first@Asia/Jayapura:2026-W50']);
    expect(await remindersFor('2026-W50', 'first')).toEqual(['yohana']);
    now = new Date('2026-12-12T08:00:00Z'); // 16:00 WITA
    expect(await zoneRuns()).toEqual(['weekly-report-reminder-first@Asia/Makassar:2026-W50']);
    expect(await remindersFor('2026-W50', 'first')).toEqual(['made', 'yohana']);
    now = new Date('2026-12-12T09:00:00Z'); // 16:00 WIB: everyone else, not them again
    expect(await zoneRuns()).toEqual(['weekly-report-reminder-first:2026-W50']);
    const all = await remindersFor('2026-W50', 'first');
    expect(all.filter((chat) => chat === 'made' || chat === 'yohana')).toEqual(['made', 'yohana']);
    expect(all).toContain('siti');
  });
});
