import { Types } from 'mongoose';
import { openComplaint } from '../../src/domain/complaints/open-complaint';
import { acquireLease, holdsLease, releaseLease } from '../../src/db/leases';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase();
const now = new Date('2026-11-28T09:00:00Z');
const desk = { calendar: { timeZone: 'Asia/Jakarta', holidays: new Set<string>() } };

describe('leases on the real database', () => {
  it('gives a lease to exactly one of twenty instances asking at once', async () => {
    const tokens = await Promise.all(
      Array.from({ length: 20 }, () => acquireLease(db.models, 'chat:simulator:+62811', now, 30_000)),
    );
    const winners = tokens.filter((token) => token !== undefined);
    expect(winners).toHaveLength(1);
    expect(await holdsLease(db.models, 'chat:simulator:+62811', winners[0] ?? '')).toBe(true);
  });

  it('lets the lease go on release, and takes over one whose holder died once it expired', async () => {
    const first = await acquireLease(db.models, 'job:digest', now, 30_000);
    expect(
      await acquireLease(db.models, 'job:digest', new Date(now.getTime() + 10_000), 30_000),
    ).toBeUndefined();
    const afterExpiry = await acquireLease(db.models, 'job:digest', new Date(now.getTime() + 31_000), 30_000);
    expect(afterExpiry).toBeDefined();
    expect(await holdsLease(db.models, 'job:digest', first ?? '')).toBe(false);
    await releaseLease(db.models, 'job:digest', afterExpiry ?? '');
    expect(await acquireLease(db.models, 'job:digest', now, 30_000)).toBeDefined();
  });
});

describe('complaint numbers', () => {
  it('numbers complaints filed at the same moment uniquely and without gaps', async () => {
    await db.models.puskesos.create({
      name: 'Puskesos Lumpaat',
      desa: 'Batulayang',
      kecamatan: 'Cililin',
      services: ['PKH'],
    });
    const filed = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        openComplaint(
          db.models,
          {
            participant: new Types.ObjectId(),
            desa: 'Batulayang',
            kecamatan: 'Cililin',
            category: 'pkh',
            text: `Aduan ${index}`,
            at: now,
            complainantChat: { channel: 'simulator', chatId: `+62811000000${index}` },
            language: 'id',
            photos: [],
          },
          desk,
        ),
      ),
    );
    const numbers = filed.map((result) => (result.ok ? result.number : '')).sort();
    expect(numbers).toEqual(
      Array.from({ length: 8 }, (_, index) => `PGD-2026-${String(index + 1).padStart(6, '0')}`),
    );
  });

  it('starts again at 1 in a new year, counted in Jakarta time', async () => {
    const newYearsEve = new Date('2026-12-31T17:30:00Z'); // 00:30 on 1 January 2027 in Jakarta
    const filed = await openComplaint(
      db.models,
      {
        desa: 'Batulayang',
        kecamatan: 'Cililin',
        category: 'kip',
        text: 'Aduan tahun baru',
        at: newYearsEve,
        complainantChat: { channel: 'simulator', chatId: '+628110000009' },
        language: 'id',
        photos: [],
      },
      desk,
    );
    expect(filed).toMatchObject({ ok: true, number: 'PGD-2027-000001' });
  });
});
