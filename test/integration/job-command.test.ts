import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../src/db/connect';
import { buildIndexes, createModels, type Models } from '../../src/db/models';
import { testServerUri } from '../support/database';
import { runScript } from '../support/spawn';

const uri = `${testServerUri()}job_${randomBytes(4).toString('hex')}`;
const env = { MONGODB_URI: uri, DATA_DIR: mkdtempSync(join(tmpdir(), 'pendamping-job-')) };
const job = (...args: string[]) => runScript('src/cli/job.ts', args, env);

let connection: Connection;
let models: Models;

beforeAll(async () => {
  connection = await connectDatabase(uri);
  models = createModels(connection);
  await buildIndexes(models);
  const consent = { purpose: 'test', givenAt: new Date('2026-09-01T00:00:00Z'), channel: 'whatsapp-web' };
  const [rina, asep] = await models.mentors.create([
    { name: 'Rina', phone: '+6281311112222', type: 'MiBi', channels: { telegramUserId: 'rina' } },
    { name: 'Asep', phone: '+6281333334444', type: 'MiBi', channels: { telegramUserId: 'asep' } },
  ]);
  const person = (name: string, phone: string, mentor: typeof rina) => ({
    name,
    phone,
    kecamatan: 'Cililin',
    desa: 'Batulayang',
    cluster: 'kuliner' as const,
    stage: 'start_up' as const,
    consent,
    mentors: { mibi: mentor?._id },
    channels: { whatsappId: `${phone.slice(1)}@c.us` },
  });
  await models.participants.create([
    person('Siti Aminah', '+6281200000001', rina),
    person('Ujang', '+6281200000002', rina),
    person('Euis', '+6281200000003', asep),
  ]);
  await models.staff.create({
    name: 'Koordinator',
    phone: '+6281399990001',
    role: 'koordinator',
    channels: { telegramUserId: 'koor' },
  });
});

afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

describe('npm run job', () => {
  it('refuses an unknown job or flag with exit code 2, listing the jobs', async () => {
    const unknown = await job('weekly-remind', '--now');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown job: weekly-remind');
    for (const name of [
      'weekly-reminder',
      'weekly-reminder-second',
      'savings-nudge',
      'mentor-digest',
      'complaint-sla',
      'staff-digest',
    ])
      expect(unknown.stderr).toContain(name);
    expect((await job('weekly-reminder', '--wek', '2026-W49')).code).toBe(2);
    expect((await job('weekly-reminder', '--week', '49')).code).toBe(2);
    expect((await job('staff-digest', '--now', '--mentor', '081311112222')).code).toBe(2);
    expect((await job('weekly-reminder')).stderr).toContain('--now or --week');
    expect(await models.outbox.countDocuments()).toBe(0);
  });

  it('shows in a dry run what it would send, without phone numbers, and writes nothing', async () => {
    const dry = await job('weekly-reminder', '--week', '2026-W49', '--dry-run');
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toContain('would send: 3; sudah diantrekan sebelumnya / already queued: 0');
    expect(dry.stdout).toMatch(/Selamat (pagi|siang|sore|malam), Bapak\/Ibu Siti\./);
    expect(dry.stdout).not.toMatch(/8120000000\d/);
    expect(await models.outbox.countDocuments()).toBe(0);
  });

  it('reminds now, for a week, and run again the same week reminds nobody twice', async () => {
    const first = await job('weekly-reminder', '--week', '2026-W49');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('weekly-report-reminder-first: {"queued":3,"skipped":0}');
    const again = await job('weekly-reminder', '--week', '2026-W49');
    expect(again.stdout).toContain('weekly-report-reminder-first: {"queued":0,"skipped":3}');
    expect(
      await models.outbox.countDocuments({ dedupeKey: /^weekly-report-reminder:.*:2026-W49:first$/ }),
    ).toBe(3);
    // And a dry run now says they are already queued.
    expect((await job('weekly-reminder', '--week', '2026-W49', '--dry-run')).stdout).toContain(
      'would send: 0; sudah diantrekan sebelumnya / already queued: 3',
    );
  });

  it('sends one mentor’s digest of a week, and no one else’s', async () => {
    const rina = await models.mentors.findOne({ name: 'Rina' }).lean();
    const run = await job('mentor-digest', '--week', '2026-W48', '--mentor', '081311112222');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('mentor-digest 2026-W48 (pendamping / mentor Rina)');
    const digests = await models.outbox.find({ dedupeKey: /digest:/ }).lean();
    expect(digests.map((entry) => entry.dedupeKey)).toEqual([`digest:${String(rina?._id)}:2026-W48`]);
    expect((digests[0]?.message as { text: string }).text).toContain('2 peserta');
  });
});
