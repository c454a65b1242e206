import { defaultSchedule } from '../support/schedule';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mongo } from 'mongoose';
import { PNG } from 'pngjs';
import { CHART_COLOURS, CHART_SIZE } from '../../src/domain/digests/chart';
import { createLogger } from '../../src/log';
import { JobRunner, programJobs } from '../../src/scheduler';
import { useTestDatabase } from '../support/database';
import { runScript } from '../support/spawn';

const db = useTestDatabase();
const dataDir = mkdtempSync(join(tmpdir(), 'pendamping-chart-'));

/** Sales of Rina's group by week (two participants each): the chart must show exactly these. */
const GROUP_SALES: Record<string, [number, number]> = {
  '2026-W45': [400_000, 200_000],
  '2026-W46': [900_000, 300_000],
  '2026-W47': [1_500_000, 900_000],
  '2026-W48': [600_000, 0],
};
const weekSales = Object.values(GROUP_SALES).map(([first, second]) => first + second);

/** The heights of the bars of one colour left to right, the legend swatch left out. */
function barHeights(png: Buffer, series: 'sales' | 'savings'): number[] {
  const image = PNG.sync.read(png);
  const [red, green, blue] = CHART_COLOURS[series];
  const counts = Array.from({ length: image.width }, (_, x) => {
    let count = 0;
    for (let y = 0; y < image.height; y++) {
      const at = (y * image.width + x) * 4;
      if (image.data[at] === red && image.data[at + 1] === green && image.data[at + 2] === blue) count++;
    }
    return count;
  });
  const runs: number[] = [];
  counts.forEach((count, x) => {
    if (count === 0) return;
    if (x > 0 && counts[x - 1] !== 0) runs[runs.length - 1] = Math.max(runs[runs.length - 1] ?? 0, count);
    else runs.push(count);
  });
  return runs.slice(1);
}

/** Bars in proportion to the figures: each bar's share of the tallest is the figure's share of the largest. */
function expectInProportion(heights: number[], figures: number[]): void {
  expect(heights).toHaveLength(figures.length);
  const tallest = Math.max(...heights);
  const largest = Math.max(...figures);
  heights.forEach((height, index) =>
    expect(Math.abs(height / tallest - (figures[index] ?? 0) / largest)).toBeLessThan(0.02),
  );
}

describe('the mentor digest’s chart', () => {
  beforeAll(async () => {
    const rina = await db.models.mentors.create({
      name: 'Rina',
      phone: '+6281300000201',
      type: 'MiBi',
      kecamatan: ['Cililin'],
      channels: { telegramUserId: 'rina' },
    });
    const base = {
      kecamatan: 'Cililin',
      desa: 'Batulayang',
      cluster: 'kuliner' as const,
      stage: 'start_up' as const,
      mentors: { mibi: rina._id },
    };
    const [siti, ujang] = await db.models.participants.create([
      { ...base, name: 'Siti', phone: '+6281200000001' },
      { ...base, name: 'Ujang', phone: '+6281200000002' },
    ]);
    const submittedAt = new Date('2026-11-29T10:00:00Z');
    await db.models.weeklyReports.insertMany(
      Object.entries(GROUP_SALES).flatMap(([week, [first, second]]) => [
        {
          participant: siti?._id,
          week,
          sales: first,
          savingsDeposit: 50_000,
          channel: 'telegram',
          submittedAt,
        },
        {
          participant: ujang?._id,
          week,
          sales: second,
          savingsDeposit: 10_000,
          channel: 'telegram',
          submittedAt,
        },
      ]),
    );
  });

  it('npm run digest --dry-run prints the text and the chart’s path, and the file is a PNG of the seeded weeks', async () => {
    const result = await runScript(
      'src/cli/digest.ts',
      ['--mentor', '0813-0000-0201', '--week', '2026-W48', '--dry-run'],
      { MONGODB_URI: `${db.uri}${db.name}`, DATA_DIR: dataDir },
    );
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 peserta, 2 melapor (100%)');
    const path = /Grafik \/ chart: (.+\.png)$/m.exec(result.stdout)?.[1];
    expect(path).toMatch(new RegExp(`^${join(dataDir, 'charts')}/[0-9a-f]{24}-2026-W48\\.png$`));
    const png = readFileSync(path ?? '');
    const image = PNG.sync.read(png);
    expect([image.width, image.height]).toEqual([CHART_SIZE.width, CHART_SIZE.height]);
    // Eight weeks are shown; the four seeded ones have bars, W47 the tallest.
    expectInProportion(barHeights(png, 'sales'), weekSales);
    expect(barHeights(png, 'savings')).toHaveLength(4);
    // A dry run queues nothing.
    expect(await db.models.outbox.countDocuments({ dedupeKey: /^digest:/ })).toBe(0);
  });

  it('goes with the weekly digest: the queued message refers to the PNG stored in GridFS, stored once', async () => {
    const settings = defaultSchedule();
    const monday = () => new Date('2026-11-30T00:00:00Z'); // 07:00 in Jakarta
    const runner = () =>
      new JobRunner(db.models, programJobs(db.models, settings), monday, createLogger('silent'));
    expect(await runner().tick()).toContain('mentor-digest:2026-W49');

    const digest = await db.models.outbox.findOne({ dedupeKey: /^digest:/ }).lean();
    expect(digest).toMatchObject({ channel: 'telegram', chatId: 'rina' });
    const message = digest?.message as { text: string; image?: { mediaId: string; mimeType: string } };
    expect(message.text).toContain('Ringkasan pendampingan 23-29 Nov 2026');
    expect(message.image).toEqual({
      mediaId: expect.stringMatching(/^[0-9a-f]{24}$/),
      mimeType: 'image/png',
    });

    const bucket = new mongo.GridFSBucket(db.connection.db!, { bucketName: 'media' });
    const chunks: Buffer[] = [];
    for await (const chunk of bucket.openDownloadStream(new mongo.ObjectId(message.image?.mediaId))) {
      chunks.push(chunk as Buffer);
    }
    expectInProportion(barHeights(Buffer.concat(chunks), 'sales'), weekSales);

    // Another instance running the occurrence again (its lease expired) neither queues nor stores twice.
    await db.models.jobRuns.deleteMany({});
    await db.models.leases.deleteMany({});
    expect(await runner().tick()).toContain('mentor-digest:2026-W49');
    expect(await db.models.outbox.countDocuments({ dedupeKey: /^digest:/ })).toBe(1);
    const stored = await bucket.find({ filename: /^digest-chart:/ }).toArray();
    expect(stored.map((file) => [String(file._id), file.metadata])).toEqual([
      [message.image?.mediaId, { contentType: 'image/png' }],
    ]);
  });
});
