import { Types } from 'mongoose';
import { recordInbound } from '../../src/db/inbound';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase();

const participant = (phone: string, extra: Record<string, unknown> = {}) => ({
  name: 'Ibu Siti',
  phone,
  kecamatan: 'Cililin',
  desa: 'Batulayang',
  cluster: 'kuliner' as const,
  stage: 'start_up' as const,
  ...extra,
});

const duplicateKey = expect.objectContaining({ code: 11000 });

describe('unique constraints on the real database', () => {
  it('refuses a second participant with the same phone', async () => {
    await db.models.participants.create(participant('+6281200000001'));
    await expect(
      db.models.participants.create(participant('+6281200000001', { name: 'Bapak Ujang' })),
    ).rejects.toEqual(duplicateKey);
    expect(await db.models.participants.countDocuments({ phone: '+6281200000001' })).toBe(1);
  });

  it('allows many participants without NIK or chat identities but refuses a shared NIK or Telegram id', async () => {
    await db.models.participants.create(participant('+6281200000002'));
    await db.models.participants.create(participant('+6281200000003'));
    const nik = { encrypted: 'v1.a.b.c', hash: 'same-hash', masked: '3217**********01' };
    await db.models.participants.create(
      participant('+6281200000004', { nik, channels: { telegramUserId: '777' } }),
    );
    await expect(db.models.participants.create(participant('+6281200000005', { nik }))).rejects.toEqual(
      duplicateKey,
    );
    await expect(
      db.models.participants.create(participant('+6281200000006', { channels: { telegramUserId: '777' } })),
    ).rejects.toEqual(duplicateKey);
  });

  it('keeps one weekly report per participant and ISO week', async () => {
    const someone = new Types.ObjectId();
    const report = {
      participant: someone,
      week: '2026-W48',
      sales: 1_500_000,
      channel: 'telegram',
      submittedAt: new Date(),
    };
    await db.models.weeklyReports.create(report);
    await expect(db.models.weeklyReports.create({ ...report, sales: 10 })).rejects.toEqual(duplicateKey);
    await db.models.weeklyReports.create({ ...report, week: '2026-W47' });
    expect(await db.models.weeklyReports.countDocuments({ participant: someone })).toBe(2);
  });

  it('refuses a malformed week and fractional rupiah', async () => {
    const base = { participant: new Types.ObjectId(), channel: 'telegram', submittedAt: new Date() };
    await expect(db.models.weeklyReports.create({ ...base, week: '2026-48' })).rejects.toThrow(/week/);
    await expect(
      db.models.weeklyReports.create({ ...base, week: '2026-W48', sales: 1500.5 }),
    ).rejects.toThrow(/sales/);
  });

  it('stores a platform message once, whatever the number of deliveries', async () => {
    const message = { channel: 'telegram', platformMessageId: '1001', chatId: '42', receivedAt: new Date() };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => recordInbound(db.models, message)));
    expect(outcomes.filter((outcome) => outcome === 'accepted')).toHaveLength(1);
    expect(await db.models.inboundMessages.countDocuments({ platformMessageId: '1001' })).toBe(1);
    expect(await db.models.inboundQueue.countDocuments({ chatId: '42' })).toBe(1);
  });

  it('queues an outbox entry once per dedupe key', async () => {
    const entry = {
      dedupeKey: 'weekly-reminder:p1:2026-W48',
      channel: 'telegram',
      chatId: '42',
      message: { text: 'Halo' },
      dueAt: new Date(),
    };
    await db.models.outbox.create(entry);
    await expect(db.models.outbox.create(entry)).rejects.toEqual(duplicateKey);
  });

  it('refuses two staff with the same email but allows staff without one', async () => {
    const staff = { name: 'Pak Dedi', role: 'front_office' as const, puskesos: new Types.ObjectId() };
    await db.models.staff.create({ ...staff, phone: '+6281300000001', email: 'dedi@puskesos.id' });
    await db.models.staff.create({ ...staff, phone: '+6281300000002' });
    await db.models.staff.create({ ...staff, phone: '+6281300000003' });
    await expect(
      db.models.staff.create({ ...staff, phone: '+6281300000004', email: 'DEDI@puskesos.id' }),
    ).rejects.toEqual(duplicateKey);
  });

  it('numbers complaints uniquely', async () => {
    const complaint = {
      number: 'PGD-2026-000001',
      puskesos: new Types.ObjectId(),
      desa: 'Batulayang',
      category: 'PKH',
      text: 'Bantuan belum cair',
    };
    await db.models.complaints.create(complaint);
    await expect(db.models.complaints.create(complaint)).rejects.toEqual(duplicateKey);
  });
});
