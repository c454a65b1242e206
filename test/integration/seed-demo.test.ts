import { randomBytes } from 'node:crypto';
import { generateDemoData, type DemoData } from '../../src/domain/demo';
import { writeDemoData } from '../../src/domain/demo/write';
import { NikVault } from '../../src/domain/identity';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase();
const nikVault = new NikVault(randomBytes(32));
const demo = generateDemoData({
  seed: 'integration',
  today: new Date('2026-11-29T03:00:00Z'),
  timeZone: 'Asia/Jakarta',
});

/** Every seeded document, in a stable order, as the database holds it. */
async function everything() {
  const { puskesos, staff, mentors, participants, weeklyReports } = db.models;
  return {
    puskesos: await puskesos.find().sort({ _id: 1 }).lean(),
    staff: await staff.find().sort({ _id: 1 }).lean(),
    mentors: await mentors.find().sort({ _id: 1 }).lean(),
    participants: await participants.find().sort({ _id: 1 }).lean(),
    weeklyReports: await weeklyReports.find().sort({ _id: 1 }).lean(),
  };
}

const sizes = (data: DemoData) => ({
  puskesos: data.puskesos.length,
  staff: data.staff.length,
  mentors: data.mentors.length,
  participants: data.participants.length,
  weeklyReports: data.weeklyReports.length,
});

describe('seeding the demo into the database', () => {
  let afterFirstRun: Awaited<ReturnType<typeof everything>>;

  beforeAll(async () => {
    const summary = await writeDemoData(demo, { models: db.models, nikVault });
    expect(summary.participants).toEqual({ created: demo.participants.length, updated: 0, unchanged: 0 });
    afterFirstRun = await everything();
  });

  it('stores every Puskesos, staff member, mentor, participant and weekly report once', async () => {
    const stored = afterFirstRun;
    expect({
      puskesos: stored.puskesos.length,
      staff: stored.staff.length,
      mentors: stored.mentors.length,
      participants: stored.participants.length,
      weeklyReports: stored.weeklyReports.length,
    }).toEqual(sizes(demo));
    expect(stored.weeklyReports.length).toBeGreaterThan(300);
  });

  it('links staff to their Puskesos, participants to their mentors and reports to their participant', async () => {
    const { puskesos, staff, mentors, participants, weeklyReports } = afterFirstRun;
    const lumpaat = puskesos.find((unit) => unit.name === 'Puskesos Lumpaat');
    expect(lumpaat).toMatchObject({ desa: 'Batulayang', kecamatan: 'Cililin' });
    expect(
      staff
        .filter((person) => String(person.puskesos) === String(lumpaat?._id))
        .map((person) => person.role)
        .sort(),
    ).toEqual(['back_office', 'fasilitator', 'front_office', 'koordinator']);
    expect(staff.filter((person) => person.puskesos === undefined).map((person) => person.role)).toEqual([
      'admin',
    ]);

    const mentorType = new Map(mentors.map((mentor) => [String(mentor._id), mentor.type]));
    for (const participant of participants) {
      expect(mentorType.get(String(participant.mentors?.mibi))).toBe('MiBi');
      expect(mentorType.get(String(participant.mentors?.tksk))).toBe('TKSK');
    }

    const planned = new Map(
      demo.weeklyReports.map((report) => [`${report.participantPhone} ${report.week}`, report]),
    );
    const phoneOf = new Map(participants.map((participant) => [String(participant._id), participant.phone]));
    for (const report of weeklyReports) {
      const expected = planned.get(`${phoneOf.get(String(report.participant))} ${report.week}`);
      expect(expected).toBeDefined();
      expect(report.createdAt).toBeInstanceOf(Date);
      expect(report).toMatchObject({
        sales: expected?.sales,
        spending: expected?.spending,
        savingsDeposit: expected?.savingsDeposit,
        savingsWithdrawal: expected?.savingsWithdrawal,
        savingsBalance: expected?.savingsBalance,
        submittedAt: expected?.submittedAt,
        revisions: [],
      });
    }
  });

  it('keeps no plain NIK: only the encrypted form, its lookup hash and a mask', async () => {
    const stored = new Map(afterFirstRun.participants.map((participant) => [participant.phone, participant]));
    const withNik = demo.participants.filter((participant) => participant.nik !== undefined);
    expect(withNik.length).toBeGreaterThan(0);
    for (const participant of demo.participants) {
      const document = stored.get(participant.phone);
      if (!participant.nik) {
        expect(document?.nik).toBeUndefined();
        continue;
      }
      expect(JSON.stringify(document)).not.toContain(participant.nik);
      expect(document?.nik?.encrypted).not.toContain(participant.nik);
      expect(nikVault.reveal(document?.nik?.encrypted ?? '')).toBe(participant.nik);
      expect(document?.nik?.hash).toBe(nikVault.lookupHash(participant.nik));
      expect(document?.nik?.masked).toBe(
        `${participant.nik.slice(0, 4)}**********${participant.nik.slice(-2)}`,
      );
    }
  });

  it('changes nothing at all when run a second time', async () => {
    const summary = await writeDemoData(demo, { models: db.models, nikVault });

    expect(summary).toEqual(
      Object.fromEntries(
        Object.entries(sizes(demo)).map(([collection, size]) => [
          collection,
          { created: 0, updated: 0, unchanged: size },
        ]),
      ),
    );
    expect(await everything()).toEqual(afterFirstRun);
  });

  it('rewrites only what differs when the demo changes', async () => {
    const [first, ...others] = demo.participants;
    const [report, ...otherReports] = demo.weeklyReports;
    if (!first || !report) throw new Error('the demo has no participants or reports');
    const changed: DemoData = {
      ...demo,
      participants: [{ ...first, name: `${first.name} Gantina` }, ...others],
      weeklyReports: [{ ...report, sales: report.sales + 1_000 }, ...otherReports],
    };

    const summary = await writeDemoData(changed, { models: db.models, nikVault });

    expect(summary.participants).toEqual({ created: 0, updated: 1, unchanged: demo.participants.length - 1 });
    expect(summary.weeklyReports).toEqual({
      created: 0,
      updated: 1,
      unchanged: demo.weeklyReports.length - 1,
    });
    const stored = await db.models.participants.findOne({ phone: first.phone }).lean();
    const before = afterFirstRun.participants.find((participant) => participant.phone === first.phone);
    expect(stored?.name).toBe(`${first.name} Gantina`);
    // The NIK was not encrypted again: same ciphertext as after the first run.
    expect(stored?.nik).toEqual(before?.nik);
    const reporter = await db.models.participants.findOne({ phone: report.participantPhone }).lean();
    const storedReport = await db.models.weeklyReports
      .findOne({ participant: reporter?._id, week: report.week })
      .lean();
    expect(storedReport?.sales).toBe(report.sales + 1_000);
    expect(storedReport?.revisions).toEqual([]);
  });

  it('stores a corrected NIK, encrypted afresh', async () => {
    const person = demo.participants.find((participant) => participant.nik !== undefined);
    if (!person?.nik) throw new Error('the demo has no participant with a NIK');
    const corrected = `${person.nik.slice(0, 12)}9999`;
    const others = demo.participants.filter((participant) => participant !== person);

    const summary = await writeDemoData(
      { ...demo, participants: [...others, { ...person, nik: corrected }] },
      { models: db.models, nikVault },
    );

    expect(summary.participants.updated).toBeGreaterThanOrEqual(1);
    const stored = await db.models.participants.findOne({ phone: person.phone }).lean();
    expect(stored?.nik?.hash).toBe(nikVault.lookupHash(corrected));
    expect(nikVault.reveal(stored?.nik?.encrypted ?? '')).toBe(corrected);
  });

  it('refuses data that names a mentor it does not know, without writing the phone in the error', async () => {
    const [first, ...others] = demo.participants;
    if (!first) throw new Error('the demo has no participants');
    const orphan: DemoData = {
      ...demo,
      participants: [{ ...first, mentors: { ...first.mentors, mibi: '+6281299990000' } }, ...others],
    };

    const failure = writeDemoData(orphan, { models: db.models, nikVault });

    await expect(failure).rejects.toThrow('demo data refers to 0812-****-0000, which was not stored');
  });
});
