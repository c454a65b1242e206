import {
  formatMentorDigest,
  gatherMentorFacts,
  queueMentorDigest,
  rankDigest,
} from '../../src/domain/digests';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase();
const now = new Date('2026-11-30T00:00:00Z');

describe('a mentor digest from the real database', () => {
  it('gathers only the mentor’s active participants, with reports, open complaints and the next session', async () => {
    const mibi = await db.models.mentors.create({
      name: 'Rina',
      phone: '+6281311112222',
      type: 'MiBi',
      kecamatan: ['Cililin'],
      channels: { telegramUserId: '5001' },
    });
    const other = await db.models.mentors.create({
      name: 'Asep',
      phone: '+6281333334444',
      type: 'MiBi',
      kecamatan: ['Cililin'],
    });
    const base = {
      kecamatan: 'Cililin',
      desa: 'Batulayang',
      cluster: 'kuliner' as const,
      stage: 'start_up' as const,
    };
    const siti = await db.models.participants.create({
      ...base,
      name: 'Siti',
      phone: '+6281200000001',
      mentors: { mibi: mibi._id },
    });
    const ujang = await db.models.participants.create({
      ...base,
      name: 'Ujang',
      phone: '+6281200000002',
      mentors: { mibi: mibi._id },
    });
    await db.models.participants.create({
      ...base,
      name: 'Lain',
      phone: '+6281200000003',
      mentors: { mibi: other._id },
    });
    await db.models.participants.create({
      ...base,
      name: 'Keluar',
      phone: '+6281200000004',
      mentors: { mibi: mibi._id },
      status: 'withdrawn',
    });
    // Through the service, as the chat stores them: the ledger the digest reads is written with each.
    const report = (participant: typeof siti, week: string, sales: number) =>
      submitWeeklyReport(db.models, {
        participant: participant._id,
        week,
        sales,
        spending: 0,
        savingsDeposit: 10_000,
        savingsWithdrawal: 0,
        channel: 'simulator',
        submittedAt: now,
      });
    await report(siti, '2026-W46', 1_000_000);
    await report(siti, '2026-W47', 1_000_000);
    await report(siti, '2026-W48', 900_000);
    await report(ujang, '2026-W45', 500_000);
    await db.models.complaints.create({
      number: 'PGD-2026-000001',
      puskesos: mibi._id,
      participant: ujang._id,
      desa: 'Batulayang',
      category: 'pkh',
      text: 'belum cair',
      dueAt: new Date('2026-11-30T06:00:00Z'),
    });
    await db.models.mentoringSessions.create({
      mentor: mibi._id,
      startsAt: new Date('2026-12-03T02:00:00Z'),
      place: 'Balai Desa',
      topic: 'pembukuan',
      participants: [siti._id],
    });

    const facts = await gatherMentorFacts(db.models, mibi._id, '2026-W48', now);
    expect(facts.map((fact) => fact.name).sort()).toEqual(['Siti', 'Ujang']);
    const rows = rankDigest(facts, '2026-W48', now);
    expect(rows.map((row) => [row.name, row.attention])).toEqual([
      ['Ujang', ['weeks_without_report', 'complaint_due']],
      ['Siti', []],
    ]);
    expect(rows[1]).toMatchObject({
      sales: 900_000,
      savingsTotal: 30_000,
      streak: 3,
      nextSession: new Date('2026-12-03T02:00:00Z'),
    });
    expect(rows[1]?.salesChange).toBeCloseTo(-0.1, 6);

    const text = formatMentorDigest(rows, '2026-W48', 'id');
    expect(await queueMentorDigest(db.models, mibi, '2026-W48', text, now)).toBe('telegram');
    expect(await queueMentorDigest(db.models, mibi, '2026-W48', text, now)).toBe('duplicate');
    expect(await queueMentorDigest(db.models, other, '2026-W48', text, now)).toBeUndefined();
    expect(await db.models.outbox.find({ dedupeKey: /^digest:/ }).lean()).toEqual([
      expect.objectContaining({ channel: 'telegram', chatId: '5001', status: 'pending', message: { text } }),
    ]);
  });
});
